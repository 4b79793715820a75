import type { RuleId, Severity } from './finding';

/** One entry of the rule catalogue: every user-facing word about a rule lives here. */
export interface RuleInfo {
  id: RuleId;
  name: string;
  title: string;
  defaultSeverity: Severity;
  /** one paragraph: what fires the rule and why it matters */
  summary: string;
}

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  DSG001: {
    id: 'DSG001',
    name: 'engine-socket-mount',
    title: 'Container engine socket mounted into a container',
    defaultSeverity: 'error',
    summary:
      'A container can reach the API of a container engine (Docker, containerd, CRI-O, Podman, ' +
      'cri-dockerd, k3s) through a mounted socket. Whoever runs code in that container can start a ' +
      'new container with the host root mounted, privileged and in the host namespaces: root on ' +
      'the host. Mounting the socket read-only changes nothing, the API still answers.',
  },
  DSG002: {
    id: 'DSG002',
    name: 'engine-socket-dir-mount',
    title: 'Host directory holding an engine socket mounted into a container',
    defaultSeverity: 'error',
    summary:
      'A host directory that contains a container engine socket (such as /, /run, /var/run or ' +
      '/run/containerd) is mounted into a container, so the socket inside it is reachable and the ' +
      'container can drive the engine: root on the host.',
  },
  DSG003: {
    id: 'DSG003',
    name: 'daemon-plaintext-tcp',
    title: 'Docker daemon API over TCP without TLS',
    defaultSeverity: 'error',
    summary:
      'The Docker daemon API is served or used over plain TCP (conventionally port 2375). Anyone ' +
      'who can reach the port drives the daemon without credentials: root on the daemon host.',
  },
  DSG004: {
    id: 'DSG004',
    name: 'daemon-tls-unverified',
    title: 'Docker daemon TLS without mutual verification',
    defaultSeverity: 'warning',
    summary:
      'TLS is on but client certificates are not verified (or the client does not verify the ' +
      'daemon), so the connection is encrypted but anyone who reaches the port is accepted, or a ' +
      'client can be tricked into talking to an impostor.',
  },
  DSG005: {
    id: 'DSG005',
    name: 'privileged-docker-in-docker',
    title: 'Docker-in-Docker daemon run privileged',
    defaultSeverity: 'warning',
    summary:
      'A Docker-in-Docker daemon runs in a privileged container. Privileged containers see the ' +
      "host's devices and can load kernel modules or mount the host disk: root on the host by " +
      'another route. The Sysbox runtime runs an inner Docker daemon without privileges.',
  },
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(value: string): value is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}

/** The rule page inside the repository; servers and SARIF link to it. */
export const RULE_DOCS_BASE =
  'https://github.com/docker-socket-guard/docker-socket-guard/blob/main/docs/rules/';

export function ruleDocUrl(id: RuleId): string {
  return `${RULE_DOCS_BASE}${id}.md`;
}
