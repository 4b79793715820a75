import type { FindingFacts, RuleId, Severity } from '../../shared/model/finding';
import type { Range, Report } from '../report';
import { TOOL } from '../tool';

/** Bumped when a field changes meaning or goes away; new fields do not bump it. */
export const JSON_SCHEMA_VERSION = 1;

/**
 * The `--format json` document, schema version 1. Lines and columns are 1-based; an end column
 * is the column just past the last character. A `scan` has `files` and findings with `path` and
 * `range`; an `inspect` has `containers` and findings with `container` instead.
 */
export interface JsonReport {
  schemaVersion: 1;
  tool: { name: string; version: string; informationUri: string };
  /** files analysed (scan) */
  files?: number;
  /** containers judged (inspect) */
  containers?: number;
  findings: JsonFinding[];
  notices: JsonNotice[];
}

export interface JsonFinding {
  /** relative to the current directory, forward slashes (scan) */
  path?: string;
  /** the container, name without the leading slash and a 12-digit id (inspect) */
  container?: { name: string; id: string };
  ruleId: RuleId;
  severity: Severity;
  message: string;
  range?: Range;
  /** what is exposed, to whom, through which path or endpoint (see shared/model/finding.ts) */
  facts: FindingFacts;
  related: Array<{ path: string; range: Range; message: string }>;
  /** stable across edits elsewhere in the file; the SARIF partial fingerprint */
  fingerprint: string;
}

export interface JsonNotice {
  severity: 'information' | 'warning';
  message: string;
  path?: string;
  range?: Range;
}

export function toJsonReport(report: Report): JsonReport {
  const findings = report.findings.map((f): JsonFinding => {
    const { ruleId, severity, message, facts, related, fingerprint, location } = f;
    if (location.kind === 'container') {
      const container = { name: location.name, id: location.id };
      return { container, ruleId, severity, message, facts, related, fingerprint };
    }
    const { path, range } = location;
    return { path, ruleId, severity, message, range, facts, related, fingerprint };
  });
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { ...TOOL },
    ...(report.subject === 'files' ? { files: report.examined } : { containers: report.examined }),
    findings,
    notices: report.notices.map((notice): JsonNotice => ({ ...notice })),
  };
}

export function formatJson(report: Report): string {
  return JSON.stringify(toJsonReport(report), null, 2) + '\n';
}
