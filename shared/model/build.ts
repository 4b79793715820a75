import type { Finding, FindingFacts, RelatedLocation, RuleId, Span } from './finding';
import { RULES } from './rules';

/**
 * Builds a finding with the rule's default severity. A consumer the settings trust (a filtering
 * proxy) is reported as information: it is the one mediated consumer of the socket.
 */
export function makeFinding(
  ruleId: RuleId,
  span: Span,
  message: string,
  facts: FindingFacts,
  related: RelatedLocation[] = [],
): Finding {
  const severity = facts.trusted ? 'information' : RULES[ruleId].defaultSeverity;
  return { ruleId, severity, message, span, facts, related };
}

/** Findings in document order, then by rule; one per rule and span. */
export function sortFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .slice()
    .sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId))
    .filter((f) => {
      const key = `${f.ruleId}:${f.span.start}:${f.span.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
