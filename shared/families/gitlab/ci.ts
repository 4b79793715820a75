import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { FamilyResult, SourceDocument } from '../../model/document';
import type { Finding, Owner } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { isDindImage } from '../../detect/images';
import { analyseEmbeddedShell } from '../shell/embed';
import {
  judgeClientSettings,
  type Consumer,
  type DindDaemon,
  type Settings,
} from '../yaml-embed/ci-env';
import { layered, readSettings } from '../yaml-embed/settings';
import {
  entries,
  itemsOf,
  parseYamlFile,
  spanOf,
  stringOf,
  textOf,
  valueOf,
} from '../yaml-embed/tree';
import { inherits, readGitlabFile, type GitlabFile, type GitlabJob } from './jobs';

/**
 * GitLab CI files: `variables:` at the top level, in jobs and in services (DOCKER_HOST,
 * DOCKER_TLS_VERIFY, DOCKER_TLS_CERTDIR with a Docker-in-Docker service) and the scripts as
 * shell. Whether a dind service runs privileged is the runner's decision (its config.toml), so
 * this file alone never reports DSG005.
 */
export function analyseGitlabCi(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  const file = parseYamlFile(doc);
  if (!isMap(file.root)) return { findings: [], notices: file.notices };

  const gitlab = readGitlabFile(file);
  const fileOwner: Owner = { kind: 'file', name: doc.fileName.replace(/^.*[\\/]/, '') };
  const runs = new Map(gitlab.jobs.map((job) => [job, effective(gitlab, job)]));
  const findings: Finding[] = [];
  findings.push(
    ...judgeClientSettings(consumersOf(gitlab, runs, fileOwner), { fileOwner, expand: true }),
  );
  findings.push(...analyseScripts(gitlab, runs, fileOwner, options));
  return { findings, notices: file.notices };
}

interface Run {
  env: Settings;
  dind?: DindDaemon;
  image?: string;
}

function effective(gitlab: GitlabFile, job: GitlabJob): Run {
  const { file } = gitlab;
  const own = gitlab.resolve(job);
  const globals = new Map(
    [...gitlab.globals].filter(([name]) => inherits(file, own.inherit, 'variables', name)),
  );
  const env = layered(globals, own.variables);
  const fromDefault = (key: string): Node | undefined =>
    inherits(file, own.inherit, 'default', key) ? gitlab.defaults.get(key) : undefined;

  const services = own.services ?? fromDefault('services');
  const imageNode = own.image ?? fromDefault('image');
  const image = stringOf(file, isMap(imageNode) ? valueOf(file, imageNode, 'name') : imageNode);
  return { env, dind: dindService(gitlab, services, env), image };
}

/** The first Docker-in-Docker entry of `services:`, with the variables its daemon gets. */
function dindService(
  gitlab: GitlabFile,
  services: Node | undefined,
  env: Settings,
): DindDaemon | undefined {
  const { file } = gitlab;
  for (const item of itemsOf(file, services)) {
    const nameNode = isMap(item) ? valueOf(file, item, 'name') : item;
    const image = isScalar(nameNode) ? stringOf(file, nameNode) : undefined;
    if (image === undefined || !isDindImage(image)) continue;

    const own = isMap(item)
      ? readSettings(file, valueOf(file, item, 'variables'), gitlab.ownerAt, true)
      : undefined;
    return { image, span: spanOf(file, nameNode), env: layered(env, own) };
  }
  return undefined;
}

/**
 * Every job that runs, and every template no running job extends (it may be extended from
 * another file); the top level alone when the file has no job.
 */
function consumersOf(
  gitlab: GitlabFile,
  runs: ReadonlyMap<GitlabJob, Run>,
  fileOwner: Owner,
): Consumer[] {
  const extended = new Set<string>();
  for (const job of gitlab.jobs) {
    if (!job.hidden) for (const name of gitlab.resolve(job).ancestors) extended.add(name);
  }

  const consumers: Consumer[] = [];
  for (const [job, run] of runs) {
    if (job.hidden && extended.has(job.name)) continue;
    consumers.push({ owner: job.owner, nameSpan: job.nameSpan, ...run });
  }
  if (consumers.length > 0) return consumers;

  const dind = dindService(gitlab, gitlab.defaults.get('services'), gitlab.globals);
  return [
    { owner: fileOwner, nameSpan: gitlab.file.doc.lines.span(0, 0), env: gitlab.globals, dind },
  ];
}

const SECTIONS = ['before_script', 'script', 'after_script'];

/** Each script line once, where it is written, with the variables of the job that holds it. */
function analyseScripts(
  gitlab: GitlabFile,
  runs: ReadonlyMap<GitlabJob, Run>,
  fileOwner: Owner,
  options: ResolvedOptions,
): Finding[] {
  const done = new Set<Node>();
  const findings: Finding[] = [];
  const scan = (section: string, node: Node | undefined, env: Settings, job?: string): void => {
    scriptLines(gitlab, node, 0, done).forEach((line, item) => {
      if (done.has(line)) return;
      done.add(line);
      const owner = gitlab.ownerAt(line.range?.[0] ?? 0) ?? fileOwner;
      const detail = { job: job ?? owner.name, section, item };
      findings.push(...scriptFindings(gitlab, line, env, owner, detail, options));
    });
  };

  for (const [job, run] of runs) {
    const own = entries(gitlab.file, job.node);
    for (const section of SECTIONS) scan(section, own.get(section)?.value, run.env, job.name);
  }
  for (const section of SECTIONS) {
    scan(section, gitlab.defaults.get(section), gitlab.globals, 'default');
  }
  return findings;
}

/**
 * Script lines: a string, or lists of strings nested up to ten deep; `!reference` is skipped. A
 * list met before (through an alias) is not walked again, so aliases cannot multiply the work.
 */
function scriptLines(
  gitlab: GitlabFile,
  node: Node | undefined,
  depth: number,
  seen: Set<Node>,
): Scalar[] {
  if (isScalar(node)) return node.value === null ? [] : [node];
  if (!isSeq(node) || node.tag === '!reference' || depth > 10 || seen.has(node)) return [];
  seen.add(node);
  return itemsOf(gitlab.file, node).flatMap((item) => scriptLines(gitlab, item, depth + 1, seen));
}

function scriptFindings(
  gitlab: GitlabFile,
  line: Scalar,
  env: Settings,
  owner: Owner,
  detail: Record<string, string | number>,
  options: ResolvedOptions,
): Finding[] {
  const script = textOf(gitlab.file, line);
  if (!script) return [];
  const variables: Record<string, string> = { ...options.variables };
  for (const [name, setting] of env) variables[name] = setting.value;

  return analyseEmbeddedShell(gitlab.file.doc, script, options, { owner, variables }).map((f) => ({
    ...f,
    facts: { ...f.facts, detail: { ...f.facts.detail, ...detail } },
  }));
}
