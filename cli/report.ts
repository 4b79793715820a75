import { createHash } from 'node:crypto';
import type { FindingFacts, RuleId, Severity, Span } from '../shared/model/finding';

/** A position as the CLI prints it: 1-based line and 1-based UTF-16 column. */
export interface Point {
  line: number;
  column: number;
}

/** A range of a file; `end` is the column just past the last character (SARIF's convention). */
export interface Range {
  start: Point;
  end: Point;
}

export interface FileLocation {
  kind: 'file';
  /** relative to the current directory, forward slashes */
  path: string;
  range: Range;
}

/** A running container, for `inspect`: its name without the leading `/` and a 12-digit id. */
export interface ContainerLocation {
  kind: 'container';
  name: string;
  id: string;
}

export interface ReportRelated {
  path: string;
  range: Range;
  message: string;
}

/** A finding as every output format consumes it, for files and containers alike. */
export interface ReportFinding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  location: FileLocation | ContainerLocation;
  facts: FindingFacts;
  related: ReportRelated[];
  /** stable under edits elsewhere in the file: no line numbers go into it */
  fingerprint: string;
  /** the threat model in plain text, only when `--explain` asked for it */
  explanation?: string;
}

/** Something about the run itself: a file skipped, unreadable or not parsed. */
export interface ReportNotice {
  severity: 'information' | 'warning';
  message: string;
  path?: string;
  range?: Range;
}

export interface Report {
  /** what was examined: files for `scan`, containers for `inspect` */
  subject: 'files' | 'containers';
  /** how many files were analysed, or containers judged */
  examined: number;
  findings: ReportFinding[];
  notices: ReportNotice[];
}

export function toRange(span: Span): Range {
  const { start, end } = span.range;
  return {
    start: { line: start.line + 1, column: start.character + 1 },
    end: { line: end.line + 1, column: end.character + 1 },
  };
}

/** `path:line:col`, or the container as `container web (3f2a9c1b7d4e)`. */
export function locationLabel(location: ReportFinding['location']): string {
  if (location.kind === 'container') return `container ${location.name} (${location.id})`;
  return `${location.path}:${location.range.start.line}:${location.range.start.column}`;
}

export function noticeLabel(notice: ReportNotice): string {
  if (notice.path === undefined) return '';
  if (notice.range === undefined) return notice.path;
  return `${notice.path}:${notice.range.start.line}:${notice.range.start.column}`;
}

/**
 * A fingerprint from parts that do not move when lines are added elsewhere: the rule, what is
 * exposed, who gets it and the offending text with its whitespace collapsed.
 */
export function fingerprintOf(ruleId: RuleId, facts: FindingFacts, nodeText: string): string {
  const parts = [
    ruleId,
    facts.normalisedPath ?? facts.endpoint ?? facts.image ?? '',
    `${facts.owner.kind}:${facts.owner.name}`,
    nodeText.replace(/\s+/g, ' ').trim(),
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** Repeated fingerprints (the same line twice in one owner) get an occurrence suffix. */
export function disambiguate(findings: ReportFinding[]): void {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const count = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, count);
    if (count > 1) finding.fingerprint = `${finding.fingerprint}:${count}`;
  }
}

export type FailOn = Severity | 'none';

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

/** True when some finding is at or above the `--fail-on` threshold. */
export function failsAt(findings: readonly ReportFinding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return findings.some((f) => RANK[f.severity] <= RANK[failOn]);
}

export function countBySeverity(findings: readonly ReportFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
