import { judgeClientEndpoint } from '../../shared/detect/endpoint';
import { isDindImage, isSysboxRuntime, isTrustedImage } from '../../shared/detect/images';
import type { FindingFacts, Owner, RuleId, Severity } from '../../shared/model/finding';
import {
  mountMessage,
  plaintextClientMessage,
  plaintextPortMessage,
  privilegedDindMessage,
  tlsUnverifiedMessage,
} from '../../shared/model/messages';
import {
  resolveOptions,
  type EngineOptions,
  type ResolvedOptions,
} from '../../shared/model/options';
import { RULES } from '../../shared/model/rules';
import { classifyHostPath, normalisePath } from '../../shared/paths/normalise';
import { publishedPorts, splitBind, type Json } from './fields';

/** A finding about a running container, before the settings' severities apply. */
export interface ContainerFinding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  container: { name: string; id: string };
  facts: FindingFacts;
}

export interface Judgement {
  containers: number;
  findings: ContainerFinding[];
  /** entries of the input that are not containers */
  notices: string[];
}

/**
 * Judges the JSON `docker inspect` prints for containers (an array; a single object is taken as
 * one container). Pure: the caller reads the input. Fields follow Docker Engine 24 to 28.
 */
export function judgeContainers(input: unknown, engineOptions: EngineOptions = {}): Judgement {
  const options = resolveOptions(engineOptions);
  const list = Array.isArray(input) ? input : [input];
  const judgement: Judgement = { containers: 0, findings: [], notices: [] };

  list.forEach((entry, index) => {
    if (!isObject(entry) || (typeof entry.Id !== 'string' && typeof entry.Name !== 'string')) {
      judgement.notices.push(`entry ${index + 1} of the input is not a container`);
      return;
    }
    judgement.containers++;
    judgement.findings.push(...judgeContainer(entry, options));
  });
  return judgement;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

interface Subject {
  owner: Owner;
  container: { name: string; id: string };
  image: string | undefined;
  trusted: boolean;
  options: ResolvedOptions;
}

function judgeContainer(entry: Json, options: ResolvedOptions): ContainerFinding[] {
  const id = (text(entry.Id) ?? '').slice(0, 12);
  const name = (text(entry.Name) ?? '').replace(/^\//, '') || id;
  const image = text(field(entry.Config, 'Image'));
  const subject: Subject = {
    owner: { kind: 'container', name },
    container: { name, id },
    image,
    trusted: isTrustedImage(image, options.trustedImages),
    options,
  };

  return [
    ...mountFindings(entry, subject),
    ...dindFindings(entry, subject),
    ...environmentFindings(entry, subject),
    ...portFindings(entry, subject),
  ];
}

function finding(
  subject: Subject,
  ruleId: RuleId,
  message: string,
  facts: Omit<FindingFacts, 'owner' | 'image'>,
): ContainerFinding {
  const trusted = subject.trusted && (ruleId === 'DSG001' || ruleId === 'DSG002');
  return {
    ruleId,
    severity: trusted ? 'information' : RULES[ruleId].defaultSeverity,
    message,
    container: subject.container,
    facts: {
      ...facts,
      owner: subject.owner,
      ...(subject.image !== undefined ? { image: subject.image } : {}),
      ...(trusted ? { trusted } : {}),
    },
  };
}

interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
}

/** Bind mounts from `Mounts` (what the engine set up) and `HostConfig.Binds` (what was asked). */
function mountsOf(entry: Json): Mount[] {
  const mounts: Mount[] = [];
  const listed = field(entry, 'Mounts');
  for (const m of Array.isArray(listed) ? listed : []) {
    const type = text(field(m, 'Type'));
    const source = text(field(m, 'Source'));
    if (source === undefined || (type !== undefined && type !== 'bind' && type !== 'npipe'))
      continue;
    const target = text(field(m, 'Destination')) ?? '';
    mounts.push({ source, target, readOnly: field(m, 'RW') === false });
  }

  const binds = field(entry.HostConfig, 'Binds');
  for (const bind of Array.isArray(binds) ? binds : []) {
    const parsed = typeof bind === 'string' ? splitBind(bind) : undefined;
    if (parsed) mounts.push(parsed);
  }
  return mounts;
}

function mountFindings(entry: Json, subject: Subject): ContainerFinding[] {
  const findings: ContainerFinding[] = [];
  const seen = new Set<string>();
  for (const mount of mountsOf(entry)) {
    const verdict = classifyHostPath(mount.source, subject.options);
    if (!verdict) continue;

    // Binds and Mounts describe the same -v mount twice: report it once.
    const key = `${verdict.normalised}\u0000${normalisePath(mount.target)}`;
    if (seen.has(key)) continue;
    seen.add(key);

    const ruleId = verdict.kind === 'socket-dir' ? 'DSG002' : 'DSG001';
    const message = mountMessage(subject.owner, verdict, mount.source, mount.readOnly);
    findings.push(
      finding(subject, ruleId, message, {
        exposure: verdict.kind === 'socket-dir' ? 'socket-dir-mount' : 'socket-mount',
        hostPath: mount.source,
        normalisedPath: verdict.normalised,
        ...(verdict.engine !== undefined ? { engine: verdict.engine } : {}),
        readOnly: mount.readOnly,
        target: mount.target,
      }),
    );
  }
  return findings;
}

function dindFindings(entry: Json, subject: Subject): ContainerFinding[] {
  const privileged = field(entry.HostConfig, 'Privileged') === true;
  const runtime = text(field(entry.HostConfig, 'Runtime'));
  const image = subject.image;
  if (!privileged || image === undefined || !isDindImage(image) || isSysboxRuntime(runtime)) {
    return [];
  }
  const message = privilegedDindMessage(subject.owner, image);
  return [finding(subject, 'DSG005', message, { exposure: 'privileged-dind' })];
}

function environmentFindings(entry: Json, subject: Subject): ContainerFinding[] {
  const env = new Map<string, string>();
  const list = field(entry.Config, 'Env');
  for (const item of Array.isArray(list) ? list : []) {
    if (typeof item !== 'string') continue;
    const eq = item.indexOf('=');
    if (eq > 0) env.set(item.slice(0, eq), item.slice(eq + 1));
  }

  const host = env.get('DOCKER_HOST');
  if (host === undefined) return [];
  const verdict = judgeClientEndpoint(host, env.get('DOCKER_TLS_VERIFY'));
  if (verdict === 'plaintext') {
    const message = plaintextClientMessage(subject.owner, 'DOCKER_HOST', host);
    return [finding(subject, 'DSG003', message, { exposure: 'plaintext-tcp', endpoint: host })];
  }
  if (verdict === 'tls-unverified') {
    const message = tlsUnverifiedMessage(subject.owner, host);
    return [finding(subject, 'DSG004', message, { exposure: 'tls-unverified', endpoint: host })];
  }
  return [];
}

function portFindings(entry: Json, subject: Subject): ContainerFinding[] {
  const published = publishedPorts(entry, '2375/tcp');
  if (published === undefined) return [];

  const message = plaintextPortMessage(subject.owner, published.label);
  const facts = { exposure: 'plaintext-tcp' as const, endpoint: published.endpoint };
  return [finding(subject, 'DSG003', message, facts)];
}
