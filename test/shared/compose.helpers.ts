import { readFileSync } from 'fs';
import { join } from 'path';
import { analyseCompose } from '../../shared/families/compose';
import type { FamilyResult } from '../../shared/model/document';
import { sourceDocument } from '../../shared/model/document';
import type { Finding, Span } from '../../shared/model/finding';
import { resolveOptions, type EngineOptions } from '../../shared/model/options';

/** Shared by the Compose tests: fixtures, one call of the detector, compact exact results. */

const FIXTURES = join(__dirname, '..', 'fixtures', 'compose');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function runCompose(text: string, options?: EngineOptions): FamilyResult {
  return analyseCompose(sourceDocument('compose.yaml', text), resolveOptions(options));
}

/** `line:character-line:character`, zero-based as in LSP. */
export function where(span: Span): string {
  const { start, end } = span.range;
  return `${start.line}:${start.character}-${end.line}:${end.character}`;
}

export interface Brief {
  rule: string;
  at: string;
  /** the text under the span */
  text: string;
}

/** Each finding as rule, position and covered text, in document order. */
export function brief(text: string, findings: readonly Finding[]): Brief[] {
  return [...findings]
    .sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId))
    .map((f) => ({
      rule: f.ruleId,
      at: where(f.span),
      text: text.slice(f.span.start, f.span.end),
    }));
}

/** Related locations as `message @ position`, to compare exactly. */
export function relatedOf(finding: Finding | undefined): string[] {
  return (finding?.related ?? []).map((r) => `${r.message} @ ${where(r.span)}`);
}

/**
 * The finding whose span is exactly `needle`, or else the one covering the first occurrence of
 * `needle` in the text.
 */
export function findingAt(text: string, findings: readonly Finding[], needle: string): Finding {
  const exact = findings.filter((f) => text.slice(f.span.start, f.span.end) === needle);
  if (exact.length === 1 && exact[0]) return exact[0];

  const offset = text.indexOf(needle);
  const found = findings.find((f) => f.span.start <= offset && offset < f.span.end);
  if (!found) throw new Error(`no finding covers ${JSON.stringify(needle)}`);
  return found;
}
