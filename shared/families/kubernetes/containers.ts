import { judgeClientEndpoint } from '../../detect/endpoint';
import { isDindImage, isTrustedImage } from '../../detect/images';
import { makeFinding } from '../../model/build';
import type { FindingFacts, Owner, RelatedLocation } from '../../model/finding';
import {
  dindTlsOffMessage,
  plaintextClientMessage,
  plaintextPortMessage,
  privilegedDindMessage,
  tlsUnverifiedMessage,
} from '../../model/messages';
import { isTrue, spanOf, workloadDetail, type ManifestContext } from './context';
import { judgeScalar } from './template';
import { entryOf, mapAt, mapItems, scalarAt, seqAt, stringAt } from './tree';
import type { MapNode, ScalarNode } from './tree';
import { containersOf, type PodSpecSite } from './walk';

/**
 * The container checks: DOCKER_HOST and DOCKER_TLS_CERTDIR in `env` (a `valueFrom` is never
 * judged), `privileged: true` on a Docker-in-Docker image, and port 2375. Each finding is owned by
 * the container; the workload is in `facts.detail`.
 */
export function checkContainers(ctx: ManifestContext, sites: readonly PodSpecSite[]): void {
  for (const site of sites) {
    for (const container of containersOf(site.spec)) checkContainer(ctx, site, container);
  }
}

interface ContainerFacts {
  owner: Owner;
  image: string | undefined;
  dind: boolean;
  base: Pick<FindingFacts, 'owner' | 'image' | 'trusted'>;
  detail: NonNullable<FindingFacts['detail']>;
}

function checkContainer(ctx: ManifestContext, site: PodSpecSite, container: MapNode): void {
  const name = stringAt(container, 'name') || '<unnamed>';
  const image = stringAt(container, 'image');
  const owner: Owner = { kind: 'container', name };
  const trusted = isTrustedImage(image, ctx.options.trustedImages);
  const facts: ContainerFacts = {
    owner,
    image,
    dind: image !== undefined && isDindImage(image),
    base: { owner, ...(image ? { image } : {}), ...(trusted ? { trusted } : {}) },
    detail: { containerName: name, ...workloadDetail(ctx, site.workload) },
  };
  const runtime = stringAt(site.spec, 'runtimeClassName');
  if (runtime) facts.detail.runtimeClassName = runtime;

  const ports = plaintextPorts(container);
  checkEnv(ctx, container, facts, ports);
  checkPrivileged(ctx, container, facts);
  for (const port of ports) {
    ctx.findings.push(
      makeFinding('DSG003', spanOf(ctx, port), plaintextPortMessage(owner, '2375'), {
        ...facts.base,
        exposure: 'plaintext-tcp',
        detail: { ...facts.detail, port: 2375 },
      }),
    );
  }
}

/** The `containerPort` (or, without it, `hostPort`) values that are 2375. */
function plaintextPorts(container: MapNode): ScalarNode[] {
  const found: ScalarNode[] = [];
  for (const port of mapItems(seqAt(container, 'ports'))) {
    const containerPort = scalarAt(port, 'containerPort');
    const hostPort = scalarAt(port, 'hostPort');
    if (containerPort?.value === '2375') found.push(containerPort);
    else if (hostPort?.value === '2375') found.push(hostPort);
  }
  return found;
}

/** The literal `value` scalars of `env`, by variable name; later entries win, as in Kubernetes. */
function envValues(container: MapNode): Map<string, { name: ScalarNode; value?: ScalarNode }> {
  const values = new Map<string, { name: ScalarNode; value?: ScalarNode }>();
  for (const item of mapItems(seqAt(container, 'env'))) {
    const name = scalarAt(item, 'name');
    if (!name || entryOf(item, 'valueFrom')) continue;
    const value = scalarAt(item, 'value');
    values.set(name.value, value ? { name, value } : { name });
  }
  return values;
}

function checkEnv(
  ctx: ManifestContext,
  container: MapNode,
  facts: ContainerFacts,
  ports: readonly ScalarNode[],
): void {
  const env = envValues(container);
  const verify = env.get('DOCKER_TLS_VERIFY')?.value;
  const host = env.get('DOCKER_HOST')?.value;
  if (host) checkDockerHost(ctx, host, verify, facts);

  const certDir = env.get('DOCKER_TLS_CERTDIR');
  if (facts.dind && certDir) checkCertDir(ctx, certDir, facts, ports);
}

/** DSG003: a Docker-in-Docker container whose DOCKER_TLS_CERTDIR is empty serves plain TCP. */
function checkCertDir(
  ctx: ManifestContext,
  certDir: { name: ScalarNode; value?: ScalarNode },
  facts: ContainerFacts,
  ports: readonly ScalarNode[],
): void {
  const value = certDir.value;
  const judged = value ? judgeScalar(ctx.doc.text, value) : undefined;
  if (value && (!judged || judged.value.trim() !== '')) return;

  // `value: ""` is the span; a missing or bare `value:` (empty too) leaves the variable's name.
  const span = judged && judged.end > judged.start ? judged : certDir.name;
  const related = ports.map((p) => ({ span: spanOf(ctx, p), message: 'port 2375 exposed here' }));
  ctx.findings.push(
    makeFinding(
      'DSG003',
      spanOf(ctx, span),
      dindTlsOffMessage(facts.owner),
      { ...facts.base, exposure: 'plaintext-tcp', detail: { ...facts.detail } },
      related,
    ),
  );
}

function checkDockerHost(
  ctx: ManifestContext,
  host: ScalarNode,
  verify: ScalarNode | undefined,
  facts: ContainerFacts,
): void {
  const judged = judgeScalar(ctx.doc.text, host);
  if (!judged) return;

  // An unreadable DOCKER_TLS_VERIFY (a template) is taken as on: no finding rests on a guess.
  const verifyValue = verify ? (judgeScalar(ctx.doc.text, verify)?.value ?? '1') : undefined;
  const verdict = judgeClientEndpoint(judged.value, verifyValue);
  if (!verdict) return;

  const endpoint = judged.value.trim();
  const related: RelatedLocation[] = verify
    ? [{ span: spanOf(ctx, verify), message: `DOCKER_TLS_VERIFY is "${verify.value}" here` }]
    : [];
  const plaintext = verdict === 'plaintext';
  ctx.findings.push(
    makeFinding(
      plaintext ? 'DSG003' : 'DSG004',
      spanOf(ctx, judged),
      plaintext
        ? plaintextClientMessage(facts.owner, 'DOCKER_HOST', endpoint)
        : tlsUnverifiedMessage(facts.owner, endpoint),
      {
        ...facts.base,
        exposure: plaintext ? 'plaintext-tcp' : 'tls-unverified',
        endpoint,
        detail: { ...facts.detail },
      },
      related,
    ),
  );
}

/** DSG005: a Docker-in-Docker image run with `securityContext.privileged: true`. */
function checkPrivileged(ctx: ManifestContext, container: MapNode, facts: ContainerFacts): void {
  const securityContext = mapAt(container, 'securityContext');
  const privileged = securityContext && scalarAt(securityContext, 'privileged');
  if (!facts.dind || !facts.image || !privileged || !isTrue(privileged)) return;

  const imageNode = scalarAt(container, 'image');
  const related = imageNode
    ? [{ span: spanOf(ctx, imageNode), message: `Docker-in-Docker image ${facts.image}` }]
    : [];
  ctx.findings.push(
    makeFinding(
      'DSG005',
      spanOf(ctx, privileged),
      privilegedDindMessage(facts.owner, facts.image),
      { ...facts.base, exposure: 'privileged-dind', detail: { ...facts.detail } },
      related,
    ),
  );
}
