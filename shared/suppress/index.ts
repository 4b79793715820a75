import type { FileKind, Finding, Notice } from '../model/finding';
import type { LineIndex } from '../text/lines';
import { directiveComments } from './comments';
import { readDirective, type Directive } from './directive';

export { MARKER, commentStyle, type CommentStyle } from './comments';
export type { Directive, DirectiveProblem } from './directive';

/** What suppression leaves: the findings still reported and the notices about the comments. */
export interface SuppressionResult {
  findings: Finding[];
  /** one warning per malformed suppression comment */
  notices: Notice[];
  /** the findings a valid comment suppressed */
  suppressed: Finding[];
}

/**
 * Applies inline suppression comments. In the family's comment syntax,
 * `docker-socket-guard-ignore DSG001: <reason>` suppresses DSG001 findings that start on the next
 * line, and `docker-socket-guard-ignore-file DSG001,DSG003: <reason>` suppresses those rules in
 * the whole file. A comment without a reason or naming an unknown rule suppresses nothing and
 * is reported as a warning notice on the comment. daemon.json has no comments, hence no
 * suppression.
 */
export function applySuppressions(
  text: string,
  lines: LineIndex,
  kind: FileKind,
  findings: readonly Finding[],
): SuppressionResult {
  const directives = readDirectives(text, kind);
  if (directives.length === 0) return { findings: [...findings], notices: [], suppressed: [] };

  const notices = directives.flatMap((d) =>
    d.problems.map((p) => ({
      severity: 'warning' as const,
      message: p.message,
      span: lines.span(p.start, p.end),
    })),
  );
  const valid = directives.filter((d) => d.problems.length === 0);
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    if (valid.some((d) => suppresses(d, finding, lines))) suppressed.push(finding);
    else kept.push(finding);
  }
  return { findings: kept, notices, suppressed };
}

/** Every suppression comment of a text, valid or not, in document order. */
export function readDirectives(text: string, kind: FileKind): Directive[] {
  return directiveComments(text, kind).map((comment) => readDirective(text, comment));
}

function suppresses(directive: Directive, finding: Finding, lines: LineIndex): boolean {
  if (!directive.rules.includes(finding.ruleId)) return false;
  if (directive.scope === 'file') return true;

  const commentLine = lines.positionAt(directive.close).line;
  return finding.span.range.start.line === commentLine + 1;
}
