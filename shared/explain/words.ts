import type { Finding, Owner } from '../model/finding';
import { engineName, ownerLabel } from '../model/messages';

/** `service "app"`, `instruction RUN`: the owner as it reads inside a sentence. */
export function ownerPhrase(owner: Owner): string {
  const label = ownerLabel(owner);
  if (owner.kind === 'persistent-volume') return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** Inline code that survives backticks in the value. */
export function code(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** `the Docker API`, `the containerd API`. */
export function apiName(finding: Finding): string {
  return `the ${engineName(finding.facts.engine ?? 'docker')} API`;
}

/** Engines driven through the Docker API; the others (containerd, CRI-O) speak CRI or gRPC. */
export function speaksDockerApi(engine: string | undefined): boolean {
  return engine === undefined || ['docker', 'podman', 'cri-dockerd'].includes(engine);
}

/** The step every engine exposure leads to, written for the engine at hand. */
export function escalation(engine: string | undefined): string {
  if (speaksDockerApi(engine)) {
    return (
      "start a new container with the host's `/` bind-mounted, `--privileged`, `--pid=host` and " +
      '`--net=host`, then `chroot` into the host filesystem: that is root on the host, and ' +
      'control of every other container on it'
    );
  }
  return (
    'create a container through that API (with `ctr`, `crictl` or a few lines of gRPC) that has ' +
    "the host's `/` mounted, runs privileged and shares the host's process and network " +
    'namespaces: that is root on the host, and control of every container the engine runs'
  );
}
