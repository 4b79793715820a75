/**
 * Where container engines put their API sockets, after normalisation (`/var/run` is `/run`, the
 * home folder is `~`, a numeric user id is `<uid>`). Directories above these paths hold a socket.
 */
export const KNOWN_SOCKETS: ReadonlyArray<{ path: string; engine: string }> = [
  { path: '/run/docker.sock', engine: 'docker' },
  { path: '/run/user/<uid>/docker.sock', engine: 'docker' },
  { path: '~/.docker/run/docker.sock', engine: 'docker' },
  { path: '~/.docker/desktop/docker.sock', engine: 'docker' },
  { path: '/run/docker/containerd/containerd.sock', engine: 'containerd' },
  { path: '/run/containerd/containerd.sock', engine: 'containerd' },
  { path: '/run/user/<uid>/containerd/containerd.sock', engine: 'containerd' },
  { path: '/run/crio/crio.sock', engine: 'crio' },
  { path: '/run/podman/podman.sock', engine: 'podman' },
  { path: '/run/user/<uid>/podman/podman.sock', engine: 'podman' },
  { path: '/run/cri-dockerd.sock', engine: 'cri-dockerd' },
  { path: '/run/k3s/containerd/containerd.sock', engine: 'k3s' },
  { path: '/run/dockershim.sock', engine: 'dockershim' },
];

/** A socket whose directory is unknown (an unresolved variable) still counts by its file name. */
export const SOCKET_FILE_NAMES: ReadonlyMap<string, string> = new Map([
  ['docker.sock', 'docker'],
  ['containerd.sock', 'containerd'],
  ['crio.sock', 'crio'],
  ['podman.sock', 'podman'],
  ['cri-dockerd.sock', 'cri-dockerd'],
  ['dockershim.sock', 'dockershim'],
]);

/** Windows named pipes of engines, lower case, after `\` became `/`. */
export const KNOWN_PIPES: ReadonlyArray<{ name: string; engine: string }> = [
  { name: 'docker_engine', engine: 'docker' },
  { name: 'dockerdesktoplinuxengine', engine: 'docker' },
  { name: 'docker_engine_linux', engine: 'docker' },
  { name: 'podman-machine-default', engine: 'podman' },
];

/** Environment variables with a conventional value, used when a path names them unresolved. */
export const CONVENTIONAL_VARS: ReadonlyMap<string, string> = new Map([
  ['XDG_RUNTIME_DIR', '/run/user/<uid>'],
  ['HOME', '~'],
]);
