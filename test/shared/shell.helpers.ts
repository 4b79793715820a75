import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import type { AnalysisResult, Finding, Span } from '../../shared/model/finding';
import type { EngineOptions } from '../../shared/model/options';
import { stripBom } from '../../shared/text/lines';

/** Shared by the shell and Makefile tests: fixtures, one analysis, compact exact results. */

export function fixture(family: 'shell' | 'makefile', name: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', family, name), 'utf8');
}

export function scan(
  text: string,
  fileName = 'script.sh',
  options?: EngineOptions,
): AnalysisResult {
  return analyse({ fileName, text, options });
}

/** `line:character-line:character`, zero-based as in LSP. */
export function where(span: Span): string {
  const { start, end } = span.range;
  return `${start.line}:${start.character}-${end.line}:${end.character}`;
}

/** Each finding as `rule severity at "covered text"`, in document order. */
export function brief(text: string, findings: readonly Finding[]): string[] {
  const shown = stripBom(text);
  return findings.map(
    (f) =>
      `${f.ruleId} ${f.severity} ${where(f.span)} ${JSON.stringify(shown.slice(f.span.start, f.span.end))}`,
  );
}

/** Scans and returns the brief lines. */
export function briefOf(text: string, fileName = 'script.sh', options?: EngineOptions): string[] {
  return brief(text, scan(text, fileName, options).findings);
}

/** Related locations as `message @ position`. */
export function relatedOf(finding: Finding | undefined): string[] {
  return (finding?.related ?? []).map((r) => `${r.message} @ ${where(r.span)}`);
}

/** The only finding of a scan; fails when there is not exactly one. */
export function only(text: string, fileName = 'script.sh', options?: EngineOptions): Finding {
  const { findings } = scan(text, fileName, options);
  if (findings.length !== 1)
    throw new Error(`expected one finding, got ${briefOf(text, fileName, options).join('; ')}`);
  return findings[0] as Finding;
}
