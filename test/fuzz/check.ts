import { strict as assert } from 'assert';
import { analyse, type AnalysisInput } from '../../shared/analyse';
import type { AnalysisResult, Finding, Span } from '../../shared/model/finding';
import { LineIndex, stripBom } from '../../shared/text/lines';

/** The start of the notice `analyse()` gives when a family threw. */
export const CRASH = 'Docker Socket Guard could not analyse this file';

/**
 * Analyses and checks the result against the engine's contract for any text (see
 * `assertWellFormed`). The result is returned for further checks.
 */
export function analyseChecked(input: AnalysisInput): AnalysisResult {
  const result = analyse(input);
  assertWellFormed(input.text, result);
  return result;
}

/**
 * The contract of a result, for any text:
 * - no family threw (no notice starts with CRASH);
 * - every span of a finding, a related location and a notice lies inside the analysed text (the
 *   text without a byte-order mark), start <= end, and its `range` is what a LineIndex of that
 *   text says for `start` and `end`;
 * - a mount's span shows its host path (see `assertShowsHostPath`).
 */
export function assertWellFormed(text: string, result: AnalysisResult): void {
  const lines = new LineIndex(stripBom(text));
  for (const notice of result.notices) {
    assert.ok(!notice.message.startsWith(CRASH), notice.message);
    assertSpan(lines, notice.span, `notice ${notice.message}`);
  }
  for (const finding of result.findings) {
    assertSpan(lines, finding.span, `${finding.ruleId} ${finding.message}`);
    for (const related of finding.related) assertSpan(lines, related.span, related.message);
    assertShowsHostPath(lines.text, finding);
  }
}

function assertSpan(lines: LineIndex, span: Span, what: string): void {
  const { start, end } = span;
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: offsets ${start}-${end}`);
  assert.ok(0 <= start && start <= end && end <= lines.text.length, `${what}: ${start}-${end}`);
  const expected = { start: lines.positionAt(start), end: lines.positionAt(end) };
  assert.deepEqual(span.range, expected, `${what}: range disagrees with ${start}-${end}`);
}

/**
 * The span of a mount finding (DSG001, DSG002 with a host path) shows the path: its text, with
 * quotes and backslashes removed on both sides (a quoted or escaped spelling), contains the host
 * path as the finding states it; or the path came through a variable and the span is where the
 * variable is used, so its text holds a `$` reference (`$VAR`, `${VAR}`, Make's `$(VAR)`, a dev
 * container's `${localEnv:VAR}`) and the path itself is stated by a related location or the
 * variable's value.
 */
export function assertShowsHostPath(text: string, finding: Finding): void {
  const hostPath = finding.facts.hostPath;
  if (hostPath === undefined) return;

  const shown = text.slice(finding.span.start, finding.span.end);
  const loose = (value: string): string => value.replace(/["'\\]/g, '');
  const ok = loose(shown).includes(loose(hostPath)) || shown.includes('$');
  assert.ok(ok, `${finding.ruleId} span ${JSON.stringify(shown)} does not show ${hostPath}`);
}

/** `rule "span text"` per finding, line breaks as `\n`: what a finding is, wherever it sits. */
export function findingKeys(text: string, result: AnalysisResult): string[] {
  const shown = stripBom(text);
  return result.findings.map((finding) => {
    const spanText = shown.slice(finding.span.start, finding.span.end).replace(/\r\n?/g, '\n');
    return `${finding.ruleId} ${JSON.stringify(spanText)}`;
  });
}

/** The keys of `before` that `after` lacks, counting repeats. */
export function lostKeys(before: readonly string[], after: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const key of after) left.set(key, (left.get(key) ?? 0) + 1);
  return before.filter((key) => {
    const count = left.get(key) ?? 0;
    left.set(key, count - 1);
    return count <= 0;
  });
}

/** `rule line:character "span text"` per finding, zero-based, for exact comparisons in tests. */
export function found(text: string, result: AnalysisResult): string[] {
  const shown = stripBom(text);
  return result.findings.map((f) => {
    const { line, character } = f.span.range.start;
    return `${f.ruleId} ${line}:${character} ${JSON.stringify(shown.slice(f.span.start, f.span.end))}`;
  });
}

/** `severity line:character: message` per notice. */
export function told(result: AnalysisResult): string[] {
  return result.notices.map((n) => {
    const { line, character } = n.span.range.start;
    return `${n.severity} ${line}:${character}: ${n.message}`;
  });
}
