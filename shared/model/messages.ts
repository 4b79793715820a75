import type { Owner } from './finding';
import type { PathVerdict } from '../paths/normalise';

/**
 * The wording of finding messages, shared by every family so that one exposure reads the same in
 * a Compose file, a manifest or a script.
 */

const ENGINE_NAMES: Readonly<Record<string, string>> = {
  docker: 'Docker',
  containerd: 'containerd',
  crio: 'CRI-O',
  podman: 'Podman',
  k3s: 'k3s containerd',
  'cri-dockerd': 'cri-dockerd',
  dockershim: 'dockershim',
  custom: 'container engine',
};

export function engineName(engine: string | undefined): string {
  return ENGINE_NAMES[engine ?? 'custom'] ?? 'container engine';
}

const OWNER_WORDS: Readonly<Record<Owner['kind'], string>> = {
  service: 'Service',
  container: 'Container',
  pod: 'Pod',
  'persistent-volume': 'PersistentVolume',
  volume: 'Volume',
  instruction: 'Instruction',
  command: 'Command',
  job: 'Job',
  runner: 'Runner',
  devcontainer: 'Dev container',
  daemon: 'Daemon',
  file: 'File',
};

/** `Service "app"`, `Job "build"`, `Instruction RUN`. */
export function ownerLabel(owner: Owner): string {
  const word = OWNER_WORDS[owner.kind];
  if (owner.kind === 'instruction' || owner.kind === 'command') return `${word} ${owner.name}`;
  return `${word} "${owner.name}"`;
}

/** Said of every read-only mount: the flag does not limit what the API allows. */
export const READ_ONLY_NOTE = ' read-only (read-only does not limit the API)';

/** DSG001 and DSG002: `Service "app" mounts the Docker socket /var/run/docker.sock`. */
export function mountMessage(
  owner: Owner,
  verdict: PathVerdict,
  hostPath: string,
  readOnly: boolean,
): string {
  const who = ownerLabel(owner);
  const how = readOnly ? READ_ONLY_NOTE : '';
  if (verdict.kind === 'pipe')
    return `${who} mounts the ${engineName(verdict.engine)} engine pipe ${hostPath}${how}`;
  if (verdict.kind === 'socket')
    return `${who} mounts the ${engineName(verdict.engine)} socket ${hostPath}${how}`;
  const holds = `which holds the ${engineName(verdict.engine)} socket`;
  return `${who} mounts host directory ${hostPath}, ${holds}${how ? `,${how}` : ''}`;
}

/** DSG003 for a client: `Service "app" points DOCKER_HOST at tcp://docker:2375 without TLS`. */
export function plaintextClientMessage(owner: Owner, via: string, endpoint: string): string {
  return `${ownerLabel(owner)} points ${via} at ${endpoint} without TLS`;
}

/** DSG003 for a daemon: `Daemon "dockerd" listens on tcp://0.0.0.0:2375 without TLS`. */
export function plaintextDaemonMessage(owner: Owner, endpoint: string): string {
  return `${ownerLabel(owner)} serves the Docker API on ${endpoint} without TLS`;
}

/** DSG003 for a published port. */
export function plaintextPortMessage(owner: Owner, port: string): string {
  return `${ownerLabel(owner)} publishes port ${port}, the Docker API without TLS`;
}

/** DSG003 for Docker-in-Docker with TLS turned off. */
export function dindTlsOffMessage(owner: Owner): string {
  return `${ownerLabel(owner)} runs Docker-in-Docker with TLS turned off (DOCKER_TLS_CERTDIR is empty)`;
}

/** DSG004: `Service "app" uses TLS on tcp://docker:2376 without verification`. */
export function tlsUnverifiedMessage(owner: Owner, endpoint: string): string {
  return `${ownerLabel(owner)} uses TLS on ${endpoint} without verification`;
}

/** DSG005: `Service "docker" runs the Docker-in-Docker image docker:dind privileged`. */
export function privilegedDindMessage(owner: Owner, image: string): string {
  return `${ownerLabel(owner)} runs the Docker-in-Docker image ${image} privileged`;
}

/** DSG001 for Compose `use_api_socket` and devcontainer docker-outside-of-docker. */
export function apiSocketFlagMessage(owner: Owner, via: string): string {
  return `${ownerLabel(owner)} gets the host's Docker socket through ${via}`;
}
