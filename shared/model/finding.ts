/**
 * The finding: the one shape every detector returns, and what the server, the CLI, hovers and
 * fixes consume. Positions are zero-based lines and UTF-16 columns, as in LSP, measured on the
 * text after a leading byte-order mark was removed (editors never show it).
 */

export type RuleId = 'DSG001' | 'DSG002' | 'DSG003' | 'DSG004' | 'DSG005';

/** A rule's severity; `off` exists only in settings and never on a finding. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Position {
  line: number;
  character: number;
}

/** A span of the analysed text: `start`/`end` offsets and the same span as positions. */
export interface Span {
  start: number;
  end: number;
  range: { start: Position; end: Position };
}

/** The file families the engine reads. */
export type FileKind =
  | 'compose'
  | 'kubernetes'
  | 'helm'
  | 'dockerfile'
  | 'shell'
  | 'makefile'
  | 'github-actions'
  | 'gitlab-ci'
  | 'gitlab-runner'
  | 'devcontainer'
  | 'daemon-json'
  | 'systemd'
  | 'docker-defaults';

/** What a container gets that makes it root on the host. */
export type Exposure =
  /** a bind mount of an engine socket file (or the Windows pipe) */
  | 'socket-mount'
  /** a bind mount of a host directory that contains an engine socket */
  | 'socket-dir-mount'
  /** Compose `use_api_socket: true` and similar flags that hand over the socket without a path */
  | 'api-socket-flag'
  /** a daemon served, or a client pointed, at TCP without TLS */
  | 'plaintext-tcp'
  /** TLS without mutual verification */
  | 'tls-unverified'
  /** a Docker-in-Docker daemon run privileged */
  | 'privileged-dind';

/** Who receives the exposure: the thing named in the message. */
export interface Owner {
  kind:
    | 'service'
    | 'container'
    | 'pod'
    | 'persistent-volume'
    | 'volume'
    | 'instruction'
    | 'command'
    | 'job'
    | 'runner'
    | 'devcontainer'
    | 'daemon'
    | 'file';
  name: string;
}

export interface RelatedLocation {
  span: Span;
  message: string;
}

/** The facts a hover or a fix needs, beyond the message. */
export interface FindingFacts {
  exposure: Exposure;
  owner: Owner;
  /** the host path as written, for mounts */
  hostPath?: string;
  /** the host path after normalisation (see paths/normalise.ts) */
  normalisedPath?: string;
  /** the engine whose socket it is, when known: docker, containerd, crio, podman, k3s, cri-dockerd */
  engine?: string;
  /** the mount is read-only (`:ro`, `read_only: true`, `readOnly: true`); it still exposes the API */
  readOnly?: boolean;
  /** the container path, for mounts */
  target?: string;
  /** the endpoint for TCP findings, e.g. `tcp://0.0.0.0:2375` */
  endpoint?: string;
  /** the image of the owner, when known */
  image?: string;
  /** the owner's image is one the settings trust (a filtering proxy): reported as information */
  trusted?: boolean;
  /** family-specific details a fix may need (e.g. the volume name of a hostPath) */
  detail?: Record<string, string | number | boolean>;
}

export interface Finding {
  ruleId: RuleId;
  /** the rule's default severity, lowered to information for trusted consumers; settings apply later */
  severity: Severity;
  /** one line naming the thing concerned */
  message: string;
  /** the offending node, never the whole document */
  span: Span;
  facts: FindingFacts;
  related: RelatedLocation[];
}

/** Something the user should know about the analysis itself (a part that could not be parsed). */
export interface Notice {
  severity: 'information' | 'warning';
  message: string;
  span: Span;
}

export interface AnalysisResult {
  kind: FileKind | undefined;
  findings: Finding[];
  notices: Notice[];
}
