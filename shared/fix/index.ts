/**
 * Quick fixes: pure functions from a file's text and one of its findings to text edits.
 *
 * - `fixesFor(input, finding, { snippets })` lists the fixes for a finding `analyse(input)`
 *   returned, the preferred one marked (remove for DSG001/DSG002, tls for DSG003/DSG004, sysbox
 *   for DSG005). `input` is what `analyse` was given (file name, text, kind, options).
 * - `fixAll(input, kind)` applies every fix of one kind (remove, tls, sysbox, proxy, context) one
 *   after another and returns the whole new text and the same change as edits.
 * - `applyEdits(text, edits)` applies the edits of one fix (or of `fixAll`) to a text.
 *
 * Edits: `{ start, end, newText }`, offsets in UTF-16 code units into the text without a leading
 * byte-order mark (the text finding spans point into), non-overlapping, sorted, all against the
 * same original text. A language server turns them into LSP `TextEdit`s with `LineIndex` of that
 * text (`positionAt(start)`, `positionAt(end)`); with `snippets: true`, a fix whose `snippet` is
 * true carries snippet text (`${1:daemon-host}` tab stops, `\$`, `\}` and `\\` escaped) for a
 * snippet edit. A CLI applies them with `applyEdits` to the text without its byte-order mark and
 * writes the mark back if the file had one (`fixAll` returns its `text` with the mark kept).
 *
 * Every fix leaves a text that still parses in its format (and for Compose and Kubernetes,
 * validates as well as before), without the finding it addresses and without any new finding
 * of severity warning or above; text outside the edited nodes is left byte for byte.
 */
import { analyse } from '../analyse';
import { detectKind } from '../detect/kind';
import type { FileKind, Finding, RuleId } from '../model/finding';
import { stripBom } from '../text/lines';
import { composeFixes } from './compose';
import { kubernetesFixes } from './kubernetes';
import { ciFixes } from './ci';
import { dockerfileFixes } from './dockerfile';
import { daemonJsonFixes } from './json/daemon';
import { devcontainerFixes } from './json/devcontainer';
import { makefileFixes } from './makefile';
import { runnerFixes } from './runner';
import { shellFixes } from './shell';
import { applyEdits, diffEdits } from './edits';
import { finishFix } from './holes';
import { suppressFix } from './suppress';
import type { DraftFix, Fix, FixContext, FixInput, FixKind, FixOptions, TextEdit } from './types';

export type { Fix, FixInput, FixKind, FixOptions, TextEdit } from './types';
export { applyEdits } from './edits';

/**
 * The quick fixes for one finding of `input` (as `analyse(input)` returned it), in the order an
 * editor lists them, the preferred one marked. Only fixes that make sense for the finding's
 * family and rule are offered: remove, tls, context, sysbox, proxy, and always last, where the
 * file has comments, suppress. Each fix's edits point into the text without a leading
 * byte-order mark and leave a file that still parses; applying them makes the finding go away.
 * Never throws.
 */
export function fixesFor(input: FixInput, finding: Finding, opts: FixOptions = {}): Fix[] {
  return buildAll(input, finding, opts, undefined);
}

function buildAll(input: FixInput, finding: Finding, opts: FixOptions, only: FixKind | undefined) {
  const text = stripBom(input.text);
  const kind = input.kind ?? detectKind(input.fileName, text, input.languageId);
  if (kind === undefined) return [];
  const options = input.options ?? {};
  const ctx: FixContext = { text, kind, fileName: input.fileName, finding, options, only };

  const suppress = only === undefined || only === 'suppress';
  const drafts = [
    ...safely(() => familyFixes(ctx)),
    ...(suppress ? safely(() => optional(suppressFix(ctx))) : []),
  ];
  const preferred = drafts.find((d) => d.kind === PREFERRED[finding.ruleId]);
  return drafts.map((d) => {
    const fix = finishFix(d, finding.ruleId, opts.snippets === true);
    return d === preferred ? { ...fix, preferred: true } : fix;
  });
}

const PREFERRED: Readonly<Record<RuleId, FixKind>> = {
  DSG001: 'remove',
  DSG002: 'remove',
  DSG003: 'tls',
  DSG004: 'tls',
  DSG005: 'sysbox',
};

function familyFixes(ctx: FixContext): DraftFix[] {
  const builders: Partial<Record<FileKind, (ctx: FixContext) => DraftFix[]>> = {
    compose: composeFixes,
    kubernetes: kubernetesFixes,
    shell: shellFixes,
    makefile: makefileFixes,
    dockerfile: dockerfileFixes,
    devcontainer: devcontainerFixes,
    'daemon-json': daemonJsonFixes,
    systemd: shellFixes,
    'docker-defaults': shellFixes,
    'github-actions': ciFixes,
    'gitlab-ci': ciFixes,
    'gitlab-runner': runnerFixes,
  };
  return builders[ctx.kind]?.(ctx) ?? [];
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

function safely(build: () => DraftFix[]): DraftFix[] {
  try {
    return build();
  } catch {
    return [];
  }
}

export interface FixAllResult {
  /** the whole fixed text (a byte-order mark the input had is kept) */
  text: string;
  /** the same change as edits of the input text without its byte-order mark */
  edits: TextEdit[];
  /** fixes applied */
  applied: number;
  /** findings left that still offer a fix of that kind (it did not apply cleanly) */
  skipped: number;
}

/**
 * Applies every fix of one kind the file's findings offer, one after another (each on the text
 * the previous left, so fixes in the same place never collide), and returns the result as one
 * change. A fix that would not make its finding go away is not applied. Placeholders are written
 * in their plain form (`<daemon-host>`): several snippets cannot be filled in at once.
 */
export function fixAll(input: FixInput, preferred: FixKind, _opts: FixOptions = {}): FixAllResult {
  const original = stripBom(input.text);
  const kind = input.kind ?? detectKind(input.fileName, original, input.languageId);
  const base = { ...input, ...(kind ? { kind } : {}) };
  const failed = new Set<string>();
  let text = original;
  let applied = 0;

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = nextFix(base, text, preferred, failed);
    if (!next) break;
    const after = applyEdits(text, next.fix.edits);
    if (stillThere(base, text, after, next.finding)) failed.add(keyOf(next.finding));
    else {
      text = after;
      applied++;
    }
  }

  const skipped = leftOver(base, text, preferred);
  const bom = input.text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  return { text: bom + text, edits: diffEdits(original, text), applied, skipped };
}

const MAX_ROUNDS = 500;

function keyOf(finding: Finding): string {
  return `${finding.ruleId}|${finding.message}`;
}

function nextFix(input: FixInput, text: string, kind: FixKind, failed: ReadonlySet<string>) {
  for (const finding of analyse({ ...input, text }).findings) {
    if (failed.has(keyOf(finding))) continue;
    const fix = buildAll({ ...input, text }, finding, {}, kind).find((f) => f.kind === kind);
    if (fix) return { finding, fix };
  }
  return undefined;
}

/** The fix left as many findings of that rule and message as there were. */
function stillThere(input: FixInput, before: string, after: string, finding: Finding): boolean {
  const count = (text: string) =>
    analyse({ ...input, text }).findings.filter((f) => keyOf(f) === keyOf(finding)).length;
  return count(after) >= count(before);
}

function leftOver(input: FixInput, text: string, kind: FixKind): number {
  return analyse({ ...input, text }).findings.filter((finding) =>
    buildAll({ ...input, text }, finding, {}, kind).some((f) => f.kind === kind),
  ).length;
}
