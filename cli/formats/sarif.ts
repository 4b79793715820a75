import { pathToFileURL } from 'node:url';
import type { Severity } from '../../shared/model/finding';
import { RULE_IDS, RULES, ruleDocUrl } from '../../shared/model/rules';
import type { FixableFinding, ReportFix } from '../fix';
import type { Range, Report, ReportNotice } from '../report';
import { TOOL } from '../tool';

/** The key of the partial fingerprint in every result; bump its version if its recipe changes. */
export const FINGERPRINT_KEY = 'dockerSocketGuard/v1';

const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';

function levelOf(severity: Severity): Level {
  return severity === 'error' || severity === 'warning' ? severity : 'note';
}

export interface SarifOptions {
  /** the folder relative paths are relative to: `%SRCROOT%` */
  cwd: string;
}

/**
 * A SARIF 2.1.0 log with one run. Paths are relative to `%SRCROOT%` (the current directory);
 * containers from `inspect` are logical locations. A finding's preferred quick fix, when the scan
 * attached one, is the result's one entry of `fixes`.
 */
export function toSarif(report: Report, options: SarifOptions): Record<string, unknown> {
  const run = {
    tool: { driver: driver() },
    originalUriBaseIds: {
      [SRCROOT]: { uri: `${pathToFileURL(options.cwd).href.replace(/\/$/, '')}/` },
    },
    columnKind: 'utf16CodeUnits',
    results: report.findings.map(resultOf),
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: report.notices.map(notificationOf),
      },
    ],
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export function formatSarif(report: Report, options: SarifOptions): string {
  return JSON.stringify(toSarif(report, options), null, 2) + '\n';
}

function driver(): Record<string, unknown> {
  return {
    name: TOOL.name,
    version: TOOL.version,
    semanticVersion: TOOL.version,
    informationUri: TOOL.informationUri,
    rules: RULE_IDS.map((id) => {
      const rule = RULES[id];
      const level = levelOf(rule.defaultSeverity);
      return {
        id,
        name: rule.name,
        shortDescription: { text: rule.title },
        fullDescription: { text: rule.summary },
        help: { text: rule.summary },
        helpUri: ruleDocUrl(id),
        defaultConfiguration: { level },
        // Read by GitHub code scanning: these rules are security rules, and how severe.
        properties: { tags: ['security'], 'security-severity': level === 'error' ? '9.0' : '7.0' },
      };
    }),
  };
}

function resultOf(finding: FixableFinding): Record<string, unknown> {
  const location =
    finding.location.kind === 'file'
      ? { physicalLocation: physical(finding.location.path, finding.location.range) }
      : {
          logicalLocations: [
            {
              name: finding.location.name,
              fullyQualifiedName: `${finding.location.name} (${finding.location.id})`,
              kind: 'resource',
            },
          ],
        };
  const result: Record<string, unknown> = {
    ruleId: finding.ruleId,
    ruleIndex: RULE_IDS.indexOf(finding.ruleId),
    level: levelOf(finding.severity),
    message: { text: finding.message },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
  };
  if (finding.fix && finding.location.kind === 'file') {
    result.fixes = [fixOf(finding.location.path, finding.fix)];
  }
  if (finding.related.length > 0) {
    result.relatedLocations = finding.related.map((r, i) => ({
      id: i + 1,
      physicalLocation: physical(r.path, r.range),
      message: { text: r.message },
    }));
  }
  return result;
}

function fixOf(path: string, fix: ReportFix): Record<string, unknown> {
  const replacements = fix.replacements.map(({ range, text }) => ({
    deletedRegion: {
      startLine: range.start.line,
      startColumn: range.start.column,
      endLine: range.end.line,
      endColumn: range.end.column,
    },
    insertedContent: { text },
  }));
  const artifactLocation = { uri: uriOf(path), uriBaseId: SRCROOT };
  return {
    description: { text: fix.title },
    artifactChanges: [{ artifactLocation, replacements }],
  };
}

function physical(path: string, range: Range | undefined): Record<string, unknown> {
  const artifactLocation = { uri: uriOf(path), uriBaseId: SRCROOT };
  if (range === undefined) return { artifactLocation };
  const region = {
    startLine: range.start.line,
    startColumn: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  };
  return { artifactLocation, region };
}

/** A relative URI reference: each segment percent-encoded, `..` kept. */
function uriOf(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/');
}

function notificationOf(notice: ReportNotice): Record<string, unknown> {
  const notification: Record<string, unknown> = {
    level: notice.severity === 'warning' ? 'warning' : 'note',
    message: { text: notice.message },
  };
  if (notice.path !== undefined) {
    notification.locations = [{ physicalLocation: physical(notice.path, notice.range) }];
  }
  return notification;
}
