import { engineName, READ_ONLY_NOTE } from '../../model/messages';
import type { PathVerdict } from '../../paths/normalise';
import type { Workload } from './walk';

/**
 * Messages for hostPath volumes. They follow mountMessage() in shared/model/messages.ts and add
 * what a manifest says besides: the workload by its own kind (`Deployment "web"`, so a Pod reads
 * `Pod "x"` as ownerLabel() would write it), the volume name, and the containers that mount it:
 *
 *   Deployment "web" volume "dockersock" mounts the Docker socket /var/run/docker.sock into
 *   containers "app", "sidecar"
 *   Pod "x" volume "run" mounts host directory /var/run, which holds the Docker socket, into
 *   container "app" read-only (read-only does not limit the API)
 *   Pod "x" volume "sock" mounts the Docker socket /var/run/docker.sock (not mounted by any
 *   container)
 *
 * A PersistentVolume reads as mountMessage() writes it; env, port and privileged findings use the
 * shared helpers with the container as owner.
 */

/** `Deployment "web"`. */
export function workloadLabel(workload: Workload): string {
  return `${workload.kind || 'Object'} "${workload.name}"`;
}

/** `containers "app", "sidecar"` or `container "app"`. */
export function containerList(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`).join(', ');
  return `${names.length === 1 ? 'container' : 'containers'} ${quoted}`;
}

export interface VolumeWording {
  workload: Workload;
  /** undefined when the hostPath is not an item of a `volumes` list */
  volumeName: string | undefined;
  verdict: PathVerdict;
  /** the path as the message shows it */
  path: string;
  /** the containers that mount the volume, in document order, without repeats */
  containers: readonly string[];
  /** every mount is read-only */
  readOnly: boolean;
}

/** DSG001/DSG002 for a hostPath in a pod spec or a custom resource (see the examples above). */
export function hostPathMessage(w: VolumeWording): string {
  const volume = w.volumeName === undefined ? '' : ` volume "${w.volumeName}"`;
  const engine = engineName(w.verdict.engine);
  let what = `the ${engine} socket ${w.path}`;
  if (w.verdict.kind === 'pipe') what = `the ${engine} engine pipe ${w.path}`;
  if (w.verdict.kind === 'socket-dir') {
    what = `host directory ${w.path}, which holds the ${engine} socket`;
  }
  const head = `${workloadLabel(w.workload)}${volume} mounts ${what}`;

  if (w.containers.length > 0) {
    const separator = w.verdict.kind === 'socket-dir' ? ', ' : ' ';
    const note = w.readOnly ? READ_ONLY_NOTE : '';
    return `${head}${separator}into ${containerList(w.containers)}${note}`;
  }
  return w.volumeName === undefined ? head : `${head} (not mounted by any container)`;
}

/** `mounted by container "app" at /var/run/docker.sock read-only`. */
export function mountRelatedMessage(
  container: string,
  mountPath: string | undefined,
  readOnly: boolean,
): string {
  const at = mountPath ? ` at ${mountPath}` : '';
  return `mounted by container "${container}"${at}${readOnly ? ' read-only' : ''}`;
}
