import type { FamilyResult, SourceDocument } from '../../model/document';
import type { Finding, Notice, Owner } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { judgeClientSettings, type Consumer, type Setting } from '../yaml-embed/ci-env';
import { hostPathFinding, volumeFinding } from '../yaml-embed/mounts';
import {
  dindOf,
  entrySpan,
  hostFindings,
  privilegedFindings,
  section,
  sections,
  stringOf,
  stringSpan,
  type Runner,
  type Section,
} from './runner-checks';
import { scanToml, type TomlDocument, type TomlEntry, type TomlTable } from './toml';

/**
 * GitLab Runner config.toml: per `[[runners]]`, the Docker executor's `volumes`, `privileged`
 * with a Docker-in-Docker image or service, `host` and `tls_verify`; the Kubernetes executor's
 * `privileged` and `host_path` volumes; and the runner's `environment` (DOCKER_HOST,
 * DOCKER_TLS_CERTDIR). Tables before the first `[[runners]]` (global settings) are not read.
 */
export function analyseRunnerConfig(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  const toml = scanToml(doc.text);
  const notices: Notice[] = toml.problems.slice(0, 1).map((problem) => ({
    severity: 'warning',
    message: `The TOML could not be read completely (${problem.message}); findings may be missing`,
    span: doc.lines.span(problem.start, problem.end),
  }));

  const findings: Finding[] = [];
  const consumers: Consumer[] = [];
  for (const runner of groupRunners(doc, toml)) {
    findings.push(...analyseRunner(doc, runner, options));
    const consumer = environmentConsumer(doc, runner);
    if (consumer) consumers.push(consumer);
  }
  const fileOwner: Owner = { kind: 'file', name: doc.fileName.replace(/^.*[\\/]/, '') };
  findings.push(...judgeClientSettings(consumers, { fileOwner, expand: false }));
  return { findings, notices };
}

/** The tables under each `[[runners]]` header; dotted keys become sections of their own. */
function groupRunners(doc: SourceDocument, toml: TomlDocument): Runner[] {
  const groups: Array<{ start: number; end: number; sections: Section[] }> = [];
  for (const table of toml.tables) {
    if (table.path[0] !== 'runners') continue;
    if (table.path.length === 1) {
      groups.push({ start: table.headerStart, end: table.headerEnd, sections: [] });
    }
    groups[groups.length - 1]?.sections.push(...tableSections(table));
  }

  return groups.map((group) => {
    const nameEntry = section(group.sections, '').get('name');
    const name = stringOf(nameEntry);
    const owner: Owner = {
      kind: 'runner',
      name: name === undefined || name === '' ? 'runner' : name,
    };
    const nameSpan = nameEntry ? entrySpan(doc, nameEntry) : doc.lines.span(group.start, group.end);
    return { owner, nameSpan, sections: group.sections };
  });
}

/** One table's keys by path below `runners`; `docker.image = ...` goes to path `docker`. */
function tableSections(table: TomlTable): Section[] {
  const own = table.path.slice(1).join('.');
  const byPath = new Map<string, Section>([[own, { path: own, values: new Map() }]]);
  for (const entry of table.entries) {
    const path = [...table.path.slice(1), ...entry.key.slice(0, -1)].join('.');
    const found = byPath.get(path) ?? { path, values: new Map<string, TomlEntry>() };
    found.values.set(entry.key[entry.key.length - 1] ?? '', entry);
    byPath.set(path, found);
  }
  return [...byPath.values()];
}

function analyseRunner(doc: SourceDocument, runner: Runner, options: ResolvedOptions): Finding[] {
  const findings: Finding[] = [];
  for (const executor of ['docker', 'kubernetes']) {
    findings.push(...privilegedFindings(doc, runner, executor));
  }

  const docker = section(runner.sections, 'docker');
  const image = stringOf(docker.get('image'));
  const detail = { runner: runner.owner.name, executor: 'docker' };
  const volumes = docker.get('volumes')?.value;
  for (const item of volumes?.kind === 'array' ? volumes.items : []) {
    if (item.kind !== 'string') continue;
    const finding = volumeFinding(doc, item.text, options, { owner: runner.owner, image, detail });
    if (finding) findings.push(finding);
  }
  findings.push(...hostFindings(doc, runner, docker));
  findings.push(...kubernetesHostPaths(doc, runner, options));
  return findings;
}

/** `[[runners.kubernetes.volumes.host_path]]`: `host_path` bound at `mount_path`. */
function kubernetesHostPaths(
  doc: SourceDocument,
  runner: Runner,
  options: ResolvedOptions,
): Finding[] {
  const image = stringOf(section(runner.sections, 'kubernetes').get('image'));
  const findings: Finding[] = [];
  for (const volume of sections(runner.sections, 'kubernetes.volumes.host_path')) {
    const hostEntry = volume.values.get('host_path');
    const host = stringOf(hostEntry);
    if (!hostEntry || host === undefined) continue;

    const readOnly = volume.values.get('read_only')?.value;
    const mount = {
      host: host.trim(),
      target: stringOf(volume.values.get('mount_path')) ?? '',
      readOnly: readOnly?.kind === 'bool' && readOnly.value,
    };
    const detail = {
      runner: runner.owner.name,
      executor: 'kubernetes',
      volume: stringOf(volume.values.get('name')) ?? '',
    };
    const span = stringSpan(doc, hostEntry);
    const finding =
      span && hostPathFinding(span, mount, options, { owner: runner.owner, image, detail });
    if (finding) findings.push(finding);
  }
  return findings;
}

/** The runner's `environment = ["NAME=value", ...]`, as the jobs it runs get it. */
function environmentConsumer(doc: SourceDocument, runner: Runner): Consumer | undefined {
  const environment = section(runner.sections, '').get('environment')?.value;
  if (environment?.kind !== 'array') return undefined;

  const env = new Map<string, Setting>();
  for (const item of environment.items) {
    if (item.kind !== 'string') continue;
    const equals = item.text.text.indexOf('=');
    if (equals <= 0) continue;
    const name = item.text.text.slice(0, equals).trim();
    const value = item.text.text.slice(equals + 1);
    const start = item.text.toDocument(equals + 1);
    const end = item.text.toDocumentEnd(item.text.text.length);
    const span = end > start ? doc.lines.span(start, end) : doc.lines.span(item.start, item.end);
    env.set(name, { name, value, span, setIn: runner.owner });
  }
  const dind = dindOf(doc, runner, 'docker');
  return { owner: runner.owner, nameSpan: runner.nameSpan, env, dind: dind && { ...dind, env } };
}
