import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
} from 'vscode-languageserver';
import type { Finding, Notice, Severity } from '../shared/model/finding';
import { ruleDocUrl } from '../shared/model/rules';
import type { FileAnalysis } from './analysis';
import { DIAGNOSTIC_SOURCE } from './protocol';

const SEVERITIES: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The diagnostics of one analysed document: findings with a rule code, then notices. */
export function toDiagnostics(uri: string, analysis: FileAnalysis): Diagnostic[] {
  return [
    ...analysis.findings.map((finding) => findingDiagnostic(uri, finding)),
    ...analysis.notices.map(noticeDiagnostic),
  ];
}

function findingDiagnostic(uri: string, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.span.range,
    severity: SEVERITIES[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map(
      (related): DiagnosticRelatedInformation => ({
        location: { uri, range: related.span.range },
        message: related.message,
      }),
    );
  }
  return diagnostic;
}

function noticeDiagnostic(notice: Notice): Diagnostic {
  return {
    range: notice.span.range,
    severity: SEVERITIES[notice.severity],
    source: DIAGNOSTIC_SOURCE,
    message: notice.message,
  };
}
