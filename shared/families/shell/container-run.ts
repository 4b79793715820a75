import { isDindImage, isTrustedImage } from '../../detect/images';
import type { FindingFacts, Owner } from '../../model/finding';
import {
  apiSocketFlagMessage,
  dindTlsOffMessage,
  mountMessage,
  plaintextPortMessage,
  privilegedDindMessage,
} from '../../model/messages';
import { classifyHostPath } from '../../paths/normalise';
import { spanOf, type Arg, type DocSpan } from './args';
import { reportClientEndpoint } from './client';
import { valueText, type FlagUse } from './docker-flags';
import {
  compact,
  flagOn,
  ownerOr,
  pathOptions,
  related,
  report,
  resolve,
  variableOrigins,
  type Run,
} from './run';
import { publishesPlaintextPort, readMount, splitVolume } from './specs';

/** What ran the container flags: the command named in messages and its image, when known. */
export interface Launch {
  /** `docker run`, `podman create`, `docker compose run` */
  command: string;
  image?: { value: string; span?: DocSpan };
}

/** What every finding of one container shares. */
interface Shared {
  launch: Launch;
  owner: Owner;
  facts: Partial<FindingFacts>;
}

interface EnvEntry {
  use: FlagUse;
  arg: Arg;
  /** where the name starts and the value starts in `arg.value` */
  nameAt: number;
  valueAt: number;
}

/**
 * Reports what the flags of one container hand it: socket and socket-directory mounts (`-v`,
 * `--mount`), the API socket flag, port 2375 published, a DOCKER_HOST it is given, and
 * privileged Docker-in-Docker when the image is known.
 */
export function reportContainerFlags(run: Run, flags: readonly FlagUse[], launch: Launch): void {
  const image = launch.image ? resolve(run, launch.image.value) : undefined;
  const trusted = isTrustedImage(image, run.options.trustedImages) || undefined;
  const owner = ownerOr(run, { kind: 'command', name: launch.command });
  const shared: Shared = { launch, owner, facts: compact({ image, trusted }) };
  const env = new Map<string, EnvEntry>();
  let privileged: FlagUse | undefined;

  for (const use of flags) {
    if (use.name === '--volume') volume(run, use, shared);
    else if (use.name === '--mount') mount(run, use, shared);
    else if (use.name === '--publish') publish(run, use, shared);
    else if (use.name === '--use-api-socket' && flagOn(valueText(use))) apiSocket(run, use, shared);
    else if (use.name === '--privileged') privileged = flagOn(valueText(use)) ? use : undefined;
    else if (use.name === '--env') addEnv(env, use);
  }

  clientEnv(run, env, shared);
  if (image !== undefined && isDindImage(image)) {
    dindTlsOff(run, env, shared);
    if (privileged) privilegedDind(run, privileged, image, shared);
  }
}

function detail(use: FlagUse, shared: Shared): Record<string, string | number | boolean> {
  return {
    command: shared.launch.command,
    flag: use.written,
    wordStart: use.wordStart,
    wordEnd: use.wordEnd,
  };
}

function volume(run: Run, use: FlagUse, shared: Shared): void {
  const text = valueText(use);
  const spec = text === undefined ? undefined : splitVolume(text);
  if (!use.value || !spec) return;
  const at = {
    arg: use.value.arg,
    start: use.value.from + spec.hostStart,
    end: use.value.from + spec.hostEnd,
  };
  hostPath(run, use, shared, at, { target: spec.target, readOnly: spec.readOnly });
}

/** `--mount type=bind,...`; a volume or tmpfs mount names no host path. */
function mount(run: Run, use: FlagUse, shared: Shared): void {
  const text = valueText(use);
  const spec = text === undefined ? undefined : readMount(text);
  if (!use.value || !spec?.source || (spec.type !== 'bind' && spec.type !== 'npipe')) return;

  const from = use.value.from;
  const at = {
    arg: use.value.arg,
    start: from + spec.source.valueStart,
    end: from + spec.source.valueEnd,
  };
  hostPath(run, use, shared, at, { target: spec.target, readOnly: spec.readOnly });
}

function hostPath(
  run: Run,
  use: FlagUse,
  shared: Shared,
  at: { arg: Arg; start: number; end: number },
  mounted: { target: string; readOnly: boolean },
): void {
  const written = at.arg.value.slice(at.start, at.end);
  const verdict = classifyHostPath(written, pathOptions(run));
  if (!verdict) return;

  const resolved = resolve(run, written);
  const shown = resolved === written ? written : `${written} (${resolved})`;
  const socket = verdict.kind !== 'socket-dir';
  const facts = compact({
    exposure: socket ? 'socket-mount' : 'socket-dir-mount',
    owner: shared.owner,
    hostPath: written,
    normalisedPath: verdict.normalised,
    engine: verdict.engine,
    readOnly: mounted.readOnly,
    target: mounted.target || undefined,
    ...shared.facts,
    detail: detail(use, shared),
  } as FindingFacts);
  const message = mountMessage(shared.owner, verdict, shown, mounted.readOnly);
  const span = spanOf(at.arg, at.start, at.end);
  report(run, socket ? 'DSG001' : 'DSG002', span, message, facts, variableOrigins(run, written));
}

function publish(run: Run, use: FlagUse, shared: Shared): void {
  const text = valueText(use);
  if (!use.value || text === undefined || !publishesPlaintextPort(text)) return;

  const facts = compact({
    exposure: 'plaintext-tcp',
    owner: shared.owner,
    ...shared.facts,
    detail: detail(use, shared),
  } as FindingFacts);
  const message = plaintextPortMessage(shared.owner, text);
  report(run, 'DSG003', spanOf(use.value.arg, use.value.from), message, facts);
}

function apiSocket(run: Run, use: FlagUse, shared: Shared): void {
  const facts = compact({
    exposure: 'api-socket-flag',
    owner: shared.owner,
    engine: 'docker',
    ...shared.facts,
    detail: detail(use, shared),
  } as FindingFacts);
  const message = apiSocketFlagMessage(shared.owner, use.written);
  report(run, 'DSG001', { start: use.flag.start, end: use.flag.end }, message, facts);
}

function addEnv(env: Map<string, EnvEntry>, use: FlagUse): void {
  const text = valueText(use);
  const equals = text?.indexOf('=') ?? -1;
  if (!use.value || text === undefined || equals <= 0) return;

  const from = use.value.from;
  env.set(text.slice(0, equals), {
    use,
    arg: use.value.arg,
    nameAt: from,
    valueAt: from + equals + 1,
  });
}

function envValue(env: Map<string, EnvEntry>, name: string): string | undefined {
  const entry = env.get(name);
  return entry ? entry.arg.value.slice(entry.valueAt) : undefined;
}

/** `-e DOCKER_HOST=tcp://...`, judged with the container's own DOCKER_TLS_VERIFY. */
function clientEnv(run: Run, env: Map<string, EnvEntry>, shared: Shared): void {
  const host = env.get('DOCKER_HOST');
  if (!host) return;
  reportClientEndpoint(run, host.arg, host.valueAt, {
    owner: shared.owner,
    via: 'DOCKER_HOST',
    tlsVerify: envValue(env, 'DOCKER_TLS_VERIFY'),
    facts: shared.facts,
    detail: { ...detail(host.use, shared), variable: 'DOCKER_HOST' },
  });
}

/** A Docker-in-Docker image with `DOCKER_TLS_CERTDIR=` (empty) serves 2375 without TLS. */
function dindTlsOff(run: Run, env: Map<string, EnvEntry>, shared: Shared): void {
  const entry = env.get('DOCKER_TLS_CERTDIR');
  if (!entry || entry.arg.value.slice(entry.valueAt).trim() !== '') return;

  const facts = compact({
    exposure: 'plaintext-tcp',
    owner: shared.owner,
    ...shared.facts,
    detail: { ...detail(entry.use, shared), variable: 'DOCKER_TLS_CERTDIR' },
  } as FindingFacts);
  report(run, 'DSG003', spanOf(entry.arg, entry.nameAt), dindTlsOffMessage(shared.owner), facts);
}

function privilegedDind(run: Run, use: FlagUse, image: string, shared: Shared): void {
  const facts = compact({
    exposure: 'privileged-dind',
    owner: shared.owner,
    ...shared.facts,
    detail: detail(use, shared),
  } as FindingFacts);
  const imageSpan = shared.launch.image?.span;
  const places = imageSpan ? [related(run, imageSpan, `the Docker-in-Docker image ${image}`)] : [];
  const span = { start: use.flag.start, end: use.flag.end };
  report(run, 'DSG005', span, privilegedDindMessage(shared.owner, image), facts, places);
}
