import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import type { AnalysisResult, Finding } from '../../shared/model/finding';

/** Reading fixtures and describing findings in the CI family tests. */
export function ciHelpers(fixtureDir: string, defaultFileName: string) {
  const fixtures = join(__dirname, '..', 'fixtures', fixtureDir);
  return {
    fixture: (name: string): string => readFileSync(join(fixtures, name), 'utf8'),
    scan: (text: string, fileName = defaultFileName): AnalysisResult => analyse({ fileName, text }),
  };
}

export function at(f: { span: Finding['span'] }): string {
  const { start, end } = f.span.range;
  return `${start.line}:${start.character}-${end.line}:${end.character}`;
}

/** `DSG001 error 8:10-8:30 "/var/run/docker.sock" message`: the text is what the span covers. */
export function brief(text: string, result: AnalysisResult): string[] {
  return result.findings.map(
    (f) => `${f.ruleId} ${f.severity} ${at(f)} ${covered(text, f)} ${f.message}`,
  );
}

export function covered(text: string, f: Finding): string {
  return JSON.stringify(text.slice(f.span.start, f.span.end));
}

export function relatedOf(f: Finding | undefined): string[] {
  return (f?.related ?? []).map((r) => `${at(r)} ${r.message}`);
}
