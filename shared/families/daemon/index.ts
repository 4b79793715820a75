import { emptyResult, type FamilyResult, type SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';

/** Docker daemon.json. */
export function analyseDaemonJson(_doc: SourceDocument, _options: ResolvedOptions): FamilyResult {
  return emptyResult();
}

/** systemd units and drop-ins that start dockerd. */
export function analyseSystemd(_doc: SourceDocument, _options: ResolvedOptions): FamilyResult {
  return emptyResult();
}

/** /etc/default/docker and /etc/sysconfig/docker (DOCKER_OPTS). */
export function analyseDockerDefaults(
  _doc: SourceDocument,
  _options: ResolvedOptions,
): FamilyResult {
  return emptyResult();
}
