import type { FileKind, Finding, RuleId } from '../model/finding';
import { RULES, ruleDocUrl } from '../model/rules';
import { DSG001 } from './dsg001';
import { DSG002 } from './dsg002';
import { DSG003 } from './dsg003';
import { DSG004 } from './dsg004';
import { DSG005 } from './dsg005';
import { remedyApplies, remedySentence } from './remedies';
import type { ExplainContext, RuleExplainer } from './types';
import { code } from './words';

export type { RemedyId } from './types';

const EXPLAINERS: Readonly<Record<RuleId, RuleExplainer>> = {
  DSG001,
  DSG002,
  DSG003,
  DSG004,
  DSG005,
};

const QUOTE_LIMIT = 80;

/**
 * The threat model of one finding as Markdown, for a hover or a preview: what is exposed and on
 * which line, what an attacker who gets it can do, why a read-only mount does not help (for
 * read-only mounts), the safer options that fit the file kind, and a link to the rule page.
 * With `text` (the analysed document), the offending node is quoted.
 */
export function explainFinding(
  finding: Finding,
  kind: FileKind | undefined,
  text?: string,
): string {
  const ctx: ExplainContext = { finding, kind };
  const explainer = EXPLAINERS[finding.ruleId];
  const sections = [
    `**${finding.ruleId} · ${RULES[finding.ruleId].title}**`,
    exposedSection(finding, text),
    `**What an attacker can do.** ${explainer.attack(ctx)}`,
  ];

  if (finding.facts.readOnly) sections.push(readOnlySection());
  if (finding.facts.trusted) sections.push(trustedSection(finding));
  sections.push(remediesSection(explainer, ctx));
  sections.push(`[${finding.ruleId} rule reference](${ruleDocUrl(finding.ruleId)})`);
  return sections.join('\n\n');
}

/** Several findings under one cursor, separated by a rule. */
export function explainFindings(
  findings: readonly Finding[],
  kind: FileKind | undefined,
  text?: string,
): string {
  return findings.map((finding) => explainFinding(finding, kind, text)).join('\n\n---\n\n');
}

function exposedSection(finding: Finding, text: string | undefined): string {
  const line = finding.span.range.start.line + 1;
  const quote = text === undefined ? undefined : quoteNode(text, finding);
  const where = quote ? `line ${line}: ${code(quote)}` : `line ${line}`;
  return `**What is exposed.** ${finding.message} (${where}).`;
}

/** The node's first line, clipped; a multi-line or long node ends with an ellipsis. */
function quoteNode(text: string, finding: Finding): string | undefined {
  const node = text.slice(finding.span.start, finding.span.end);
  const firstLine = node.split(/\r\n|\r|\n/, 1)[0]?.trim() ?? '';
  if (firstLine === '') return undefined;

  const clipped = firstLine.length > QUOTE_LIMIT ? firstLine.slice(0, QUOTE_LIMIT) : firstLine;
  return clipped.length < node.trim().length ? `${clipped}…` : clipped;
}

function readOnlySection(): string {
  return (
    '**Read-only does not help.** A read-only mount stops the container from replacing or ' +
    'deleting the socket file; connecting to the socket and sending API requests writes ' +
    'nothing to the filesystem, so the whole API still answers.'
  );
}

function trustedSection(finding: Finding): string {
  const image = finding.facts.image ? code(finding.facts.image) : 'This image';
  return (
    `**Trusted consumer.** ${image} is on the trusted list (a filtering proxy), so this is ` +
    'reported as information. The proxy itself still holds the full API: keep its allowed ' +
    'calls to the minimum and never publish its port beyond the services that need it.'
  );
}

function remediesSection(explainer: RuleExplainer, ctx: ExplainContext): string {
  const lines = explainer.remedies
    .filter((remedy) => remedyApplies(remedy, ctx.kind))
    .map((remedy) => `- ${remedySentence(remedy, ctx)}`);
  return ['**Safer options.**', ...lines].join('\n');
}
