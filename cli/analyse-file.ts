import { LIMIT_CONTROLS, LIMIT_NAMES } from '../shared/limits/defaults';
import { analyse } from '../shared/analyse';
import type { FileKind, Finding } from '../shared/model/finding';
import type { EngineOptions } from '../shared/model/options';
import { applySeverities, type Settings } from '../shared/settings';
import { stripBom } from '../shared/text/lines';
import { explanationOf } from './explain';
import {
  disambiguate,
  fingerprintOf,
  toRange,
  type ReportFinding,
  type ReportNotice,
} from './report';

/** Everything one file's analysis needs: plain data, so that it can be sent to a worker. */
export interface FileJob {
  /** the path the family is recognised by (absolute, so folder names such as `.github` count) */
  fileName: string;
  /** the path reports print */
  displayPath: string;
  text: string;
  kind: FileKind;
  options: EngineOptions;
  /** attach the threat-model text to each finding (`--explain`) */
  explain: boolean;
}

export interface FileOutcome {
  findings: ReportFinding[];
  notices: ReportNotice[];
}

/** Analyses one file's text and applies the rule severities. Pure: no file system, no process. */
export function analyseFile(job: FileJob, settings: Settings): FileOutcome {
  const result = analyse({
    fileName: job.fileName,
    text: job.text,
    kind: job.kind,
    options: job.options,
  });
  const text = stripBom(job.text);

  const findings = applySeverities(result.findings, settings).map((f) => {
    const finding = toReportFinding(f, job.displayPath, text);
    if (job.explain) finding.explanation = explanationOf(f, job.kind, text);
    return finding;
  });
  disambiguate(findings);
  const notices: ReportNotice[] = result.notices.map((n) => ({
    severity: n.severity,
    message: withCliControls(n.message),
    path: job.displayPath,
    range: toRange(n.span),
  }));
  return { findings, notices };
}

function toReportFinding(finding: Finding, path: string, text: string): ReportFinding {
  const nodeText = text.slice(finding.span.start, finding.span.end);
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    location: { kind: 'file', path, range: toRange(finding.span) },
    facts: finding.facts,
    related: finding.related.map((r) => ({ path, range: toRange(r.span), message: r.message })),
    fingerprint: fingerprintOf(finding.ruleId, finding.facts, nodeText),
  };
}

/** The engine names the editor setting of a limit; on the command line the flag raises it. */
function withCliControls(message: string): string {
  let result = message;
  for (const name of LIMIT_NAMES) {
    const { setting, flag } = LIMIT_CONTROLS[name];
    result = result.replace(setting, `${flag} or limits.${name} in the configuration`);
  }
  return result;
}
