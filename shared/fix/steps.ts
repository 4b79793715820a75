import { applyEdits, diffEdits } from './edits';
import { HOLE_TEXTS } from './holes';
import type { DraftFix, FixContext, FixKind, TextEdit } from './types';

/**
 * A fix is built as a few steps, each reading the text the previous steps left (so a removal and
 * an insertion in the same mapping never fight over offsets). The fix handed out is the
 * difference between the original and the final text, as minimal edits of the original.
 *
 * A step returns its edits against the text it is given, `[]` when it has nothing to do, or
 * undefined when it cannot do its part safely: then the whole fix is not offered.
 */
export type EditStep = (text: string) => TextEdit[] | TextEdit | undefined;

export function runSteps(text: string, steps: readonly EditStep[]): string | undefined {
  let current = text;
  for (const step of steps) {
    const result = step(current);
    if (result === undefined) return undefined;
    const edits = Array.isArray(result) ? result : [result];
    try {
      current = applyEdits(current, edits);
    } catch {
      return undefined;
    }
  }
  return current;
}

/** A draft fix from steps; undefined when a step fails or the text does not change. */
export function draft(
  kind: FixKind,
  title: string,
  text: string,
  steps: readonly EditStep[],
): DraftFix | undefined {
  const after = runSteps(text, steps);
  if (after === undefined || after === text) return undefined;
  return { kind, title, edits: diffEdits(text, after, HOLE_TEXTS) };
}

/** A fix a family may offer: its kind, title and steps (undefined when it does not apply). */
export type Candidate = [FixKind, string, EditStep[] | undefined];

/** The candidates that apply, as draft fixes; only those of `ctx.only` when it is set. */
export function buildFixes(ctx: FixContext, candidates: readonly Candidate[]): DraftFix[] {
  return candidates.flatMap(([kind, title, steps]) => {
    if (ctx.only !== undefined && ctx.only !== kind) return [];
    const fix = steps && draft(kind, title, ctx.text, steps);
    return fix ? [fix] : [];
  });
}
