import { isMap, type Node } from 'yaml';
import type { FamilyResult, SourceDocument } from '../../model/document';
import type { Finding, Owner, Span } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { judgeClientSettings, type Consumer, type Settings } from '../yaml-embed/ci-env';
import { readSettings, regionLocator, type OwnerAt, type Region } from '../yaml-embed/settings';
import { entries, spanOf, valueOf, type YamlFile, parseYamlFile } from '../yaml-embed/tree';
import { analyseContainer, isDindContainer, readContainer, type ContainerSpec } from './containers';
import { analyseSteps, defaultShell, runsOnWindows } from './steps';

/**
 * GitHub Actions workflows: the job container and service containers (`volumes:`, `options:`),
 * `env:` at workflow, job, container, service and step level (DOCKER_HOST, DOCKER_TLS_VERIFY,
 * DOCKER_TLS_CERTDIR), and `run:` steps as shell. Jobs that call a reusable workflow (`uses:`)
 * have nothing of their own to read.
 */
export function analyseGithubWorkflow(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  const file = parseYamlFile(doc);
  const root = file.root;
  if (!isMap(root)) return { findings: [], notices: file.notices };

  const jobs = [...entries(file, valueOf(file, root, 'jobs'))].filter(([, e]) => isMap(e.value));
  const ownerAt = locateOwners(
    file,
    jobs.map(([id, e]) => ({ id, key: e.keyNode, node: e.value })),
  );
  const workflowEnv = readSettings(file, valueOf(file, root, 'env'), ownerAt);
  const workflowShell = defaultShell(file, root);

  const findings: Finding[] = [];
  const consumers: Consumer[] = [];
  for (const [id, entry] of jobs) {
    const job = { id, node: entry.value, nameSpan: spanOf(file, entry.keyNode) };
    const result = analyseJob(file, job, { workflowEnv, workflowShell, ownerAt }, options);
    findings.push(...result.findings);
    consumers.push(...result.consumers);
  }

  const fileOwner: Owner = { kind: 'file', name: doc.fileName.replace(/^.*[\\/]/, '') };
  if (consumers.length === 0) {
    consumers.push({ owner: fileOwner, nameSpan: doc.lines.span(0, 0), env: workflowEnv });
  }
  findings.push(...judgeClientSettings(consumers, { fileOwner, expand: false }));
  return { findings, notices: file.notices };
}

interface WorkflowScope {
  workflowEnv: Settings;
  workflowShell: string | undefined;
  ownerAt: OwnerAt;
}

interface JobRef {
  id: string;
  node: Node | undefined;
  nameSpan: Span;
}

function analyseJob(
  file: YamlFile,
  job: JobRef,
  scope: WorkflowScope,
  options: ResolvedOptions,
): { findings: Finding[]; consumers: Consumer[] } {
  const owner: Owner = { kind: 'job', name: job.id };
  const readEnv = (node: Node | undefined): Settings => readSettings(file, node, scope.ownerAt);
  const container = jobContainer(file, job, owner, scope.ownerAt);
  const services = jobServices(file, job, scope.ownerAt);
  const env = new Map([...scope.workflowEnv, ...readEnv(valueOf(file, job.node, 'env'))]);
  for (const [name, setting] of container?.env ?? []) env.set(name, setting);

  const shell =
    defaultShell(file, job.node) ??
    scope.workflowShell ??
    (runsOnWindows(file, job.node) ? 'pwsh' : 'bash');
  const steps = analyseSteps(
    file,
    valueOf(file, job.node, 'steps'),
    { owner, jobId: job.id, shell, env, readEnv },
    options,
  );

  const findings = [...steps.findings];
  for (const spec of container ? [container, ...services] : services) {
    findings.push(...analyseContainer(file, spec, options, options.variables));
  }

  const jobConsumer: Consumer = { owner, nameSpan: job.nameSpan, env, image: container?.image };
  if (container) jobConsumer.dind = daemonOf(container);
  const consumers = [
    jobConsumer,
    ...steps.stepEnvs.map((stepEnv) => ({ ...jobConsumer, env: stepEnv })),
  ];
  for (const service of services) {
    const { owner: serviceOwner, nameSpan, image } = service;
    consumers.push({
      owner: serviceOwner,
      nameSpan,
      env: service.env,
      image,
      dind: daemonOf(service),
    });
  }
  return { findings, consumers };
}

/** The daemon a dind container runs; it reads DOCKER_TLS_CERTDIR from its own env only. */
function daemonOf(spec: ContainerSpec): Consumer['dind'] {
  if (!isDindContainer(spec)) return undefined;
  return { image: spec.image ?? '', span: spec.imageSpan ?? spec.nameSpan, env: spec.env };
}

function jobContainer(
  file: YamlFile,
  job: JobRef,
  owner: Owner,
  ownerAt: OwnerAt,
): ContainerSpec | undefined {
  const entry = entries(file, job.node).get('container');
  if (!entry) return undefined;
  const nameSpan = spanOf(file, entry.keyNode);
  return readContainer(file, entry.value, { owner, nameSpan, ownerAt, detail: { job: job.id } });
}

function jobServices(file: YamlFile, job: JobRef, ownerAt: OwnerAt): ContainerSpec[] {
  const specs: ContainerSpec[] = [];
  for (const [name, entry] of entries(file, valueOf(file, job.node, 'services'))) {
    const where = {
      owner: { kind: 'service', name } as Owner,
      nameSpan: spanOf(file, entry.keyNode),
      ownerAt,
      detail: { job: job.id, service: name },
    };
    const spec = readContainer(file, entry.value, where);
    if (spec) specs.push(spec);
  }
  return specs;
}

/**
 * Who sets a variable, by where it is written: a service of a job, else the job, else nobody (the
 * workflow). Deciding by position keeps anchored values with the job that defines them.
 */
function locateOwners(
  file: YamlFile,
  jobs: ReadonlyArray<{ id: string; key: Node; node: Node | undefined }>,
): OwnerAt {
  const services: Region[] = [];
  for (const job of jobs) {
    for (const [name, entry] of entries(file, valueOf(file, job.node, 'services'))) {
      const start = entry.keyNode.range?.[0] ?? 0;
      services.push({ start, end: entry.value?.range?.[2] ?? 0, owner: { kind: 'service', name } });
    }
  }
  const inService = regionLocator(services);
  const inJob = regionLocator(
    jobs.map((job) => ({
      start: job.key.range?.[0] ?? 0,
      end: job.node?.range?.[2] ?? 0,
      owner: { kind: 'job', name: job.id },
    })),
  );
  return (offset) => inService(offset) ?? inJob(offset);
}
