import type { Severity } from '../../shared/model/finding';
import { wrap } from '../explain';
import {
  countBySeverity,
  locationLabel,
  noticeLabel,
  type Report,
  type ReportNotice,
} from '../report';

export interface TextOptions {
  color: boolean;
  explain: boolean;
}

const COLORS: Readonly<Record<Severity, string>> = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  information: '\x1b[34m',
  hint: '\x1b[2m',
};
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/**
 * One line per finding, `path:line:col severity DSG001 message` (or `container name (id) ...`),
 * then a summary line. Notices are not part of it: they go to standard error.
 */
export function formatText(report: Report, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];

  for (const finding of report.findings) {
    const severity = paint(COLORS[finding.severity], finding.severity);
    const where = locationLabel(finding.location);
    lines.push(`${where} ${severity} ${paint(DIM, finding.ruleId)} ${finding.message}`);
    if (options.explain && finding.explanation !== undefined) {
      lines.push(...wrap(finding.explanation, 100, '    '), '');
    }
  }
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

/** `3 findings (2 errors, 1 warning, 0 information) in 5 files`; hints are named when present. */
export function summaryLine(report: Report): string {
  const counts = countBySeverity(report.findings);
  const parts = [
    plural(counts.error, 'error', 'errors'),
    plural(counts.warning, 'warning', 'warnings'),
    `${counts.information} information`,
  ];
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint', 'hints'));

  const subject =
    report.subject === 'files'
      ? plural(report.examined, 'file', 'files')
      : plural(report.examined, 'container', 'containers');
  const total = plural(report.findings.length, 'finding', 'findings');
  return `${total} (${parts.join(', ')}) in ${subject}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A notice as printed on standard error: `path:line:col warning message`. */
export function formatNotice(notice: ReportNotice): string {
  const where = noticeLabel(notice);
  return `${where === '' ? '' : `${where} `}${notice.severity} ${notice.message}`;
}
