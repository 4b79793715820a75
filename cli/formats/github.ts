import type { Severity } from '../../shared/model/finding';
import { RULES } from '../../shared/model/rules';
import { locationLabel, type Report, type ReportFinding, type ReportNotice } from '../report';

const COMMANDS: Readonly<Record<Severity, string>> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

/** Workflow-command escaping of a message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command escaping of a property value: also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per finding, which the runner turns into annotations:
 * `::error file=compose.yaml,line=4,col=9,endLine=4,endColumn=49,title=DSG001 ...::message`.
 * Container findings have no file; their message names the container.
 */
export function formatGithub(report: Report): string {
  const lines = report.findings.map(findingCommand);
  lines.push(...report.notices.map(noticeCommand));
  return lines.map((l) => l + '\n').join('');
}

function findingCommand(finding: ReportFinding): string {
  const title = `${finding.ruleId} ${RULES[finding.ruleId].name}`;
  const location = finding.location;
  if (location.kind === 'container') {
    const message = `${locationLabel(location)}: ${finding.message}`;
    return command(COMMANDS[finding.severity], [['title', title]], message);
  }

  const { start, end } = location.range;
  const properties: Array<[string, string]> = [
    ['file', location.path],
    ['line', String(start.line)],
    ['col', String(start.column)],
    ['endLine', String(end.line)],
    ['endColumn', String(end.column)],
    ['title', title],
  ];
  return command(COMMANDS[finding.severity], properties, finding.message);
}

function noticeCommand(notice: ReportNotice): string {
  const properties: Array<[string, string]> = [];
  if (notice.path !== undefined) properties.push(['file', notice.path]);
  if (notice.range !== undefined) {
    properties.push(['line', String(notice.range.start.line)]);
    properties.push(['col', String(notice.range.start.column)]);
  }
  properties.push(['title', 'docker-socket-guard']);
  return command(notice.severity === 'warning' ? 'warning' : 'notice', properties, notice.message);
}

function command(name: string, properties: Array<[string, string]>, message: string): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',');
  return `::${name} ${props}::${escapeData(message)}`;
}
