import { isTrustedImage } from '../../detect/images';
import { makeFinding } from '../../model/build';
import type { Finding, FindingFacts, RelatedLocation } from '../../model/finding';
import { mountMessage } from '../../model/messages';
import { classifyHostPath, type PathVerdict } from '../../paths/normalise';
import { isTrueAt, spanOf, workloadDetail, type ManifestContext } from './context';
import { isTemplated, judgeScalar, type Judged } from './template';
import { mapItems, scalarAt, seqAt, stringAt, type MapNode, type ScalarNode } from './tree';
import { containersOf, type HostPathSite } from './walk';
import { hostPathMessage, mountRelatedMessage } from './wording';

/**
 * DSG001/DSG002 for `hostPath` volumes and PersistentVolumes. The finding's span is the value of
 * the hostPath's `path` (for a Helm value that is one directive, its quoted `default` literal):
 * that is the text a fix changes and the place a reader looks. The volumeMounts that use the
 * volume are related locations.
 */
export function checkHostPaths(ctx: ManifestContext, sites: readonly HostPathSite[]): void {
  for (const site of sites) {
    for (const entry of site.hostPath.entries) {
      if (entry.key !== 'path' || entry.value?.type !== 'scalar') continue;

      const judged = judgeScalar(ctx.doc.text, entry.value);
      const verdict = judged && classifyHostPath(judged.value, ctx.options);
      if (!judged || !verdict) continue;

      const path = shownPath(entry.value, judged);
      const pv = !site.volume && site.workload.kind === 'PersistentVolume';
      ctx.findings.push(
        pv
          ? persistentVolumeFinding(ctx, site, judged, verdict, path)
          : volumeFinding(ctx, site, judged, verdict, path),
      );
    }
  }
}

/** The path as the message shows it: a used default literal, else the value as written. */
function shownPath(node: ScalarNode, judged: Judged): string {
  return isTemplated(node) && judged.start === node.start ? node.value.trim() : judged.value.trim();
}

interface Mount {
  container: string;
  image: string | undefined;
  name: ScalarNode;
  mountPath: string | undefined;
  readOnly: boolean;
}

/** Every volumeMount of the pod spec's containers that names the volume. */
function mountsOf(spec: MapNode | undefined, volumeName: string | undefined): Mount[] {
  if (!spec || volumeName === undefined) return [];

  const mounts: Mount[] = [];
  for (const container of containersOf(spec)) {
    for (const mount of mapItems(seqAt(container, 'volumeMounts'))) {
      const name = scalarAt(mount, 'name');
      if (name?.value !== volumeName) continue;
      mounts.push({
        container: stringAt(container, 'name') || '<unnamed>',
        image: stringAt(container, 'image'),
        name,
        mountPath: stringAt(mount, 'mountPath'),
        readOnly: isTrueAt(mount, 'readOnly'),
      });
    }
  }
  return mounts;
}

/** What the mounts of one volume add up to. */
interface MountSummary {
  /** container names in document order, without repeats */
  containers: string[];
  /** the one image that mounts the volume, when all mounting containers share it */
  image: string | undefined;
  /** every mount is read-only */
  readOnly: boolean;
  /** every mounting container runs a trusted image */
  trusted: boolean;
}

function summarise(mounts: readonly Mount[], trustedImages: readonly string[]): MountSummary {
  const images = [...new Set(mounts.map((m) => m.image ?? ''))];
  const some = mounts.length > 0;
  return {
    containers: [...new Set(mounts.map((m) => m.container))],
    image: images.length === 1 && images[0] ? images[0] : undefined,
    readOnly: some && mounts.every((m) => m.readOnly),
    trusted: some && mounts.every((m) => isTrustedImage(m.image, trustedImages)),
  };
}

function volumeFinding(
  ctx: ManifestContext,
  site: HostPathSite,
  judged: Judged,
  verdict: PathVerdict,
  path: string,
): Finding {
  const volumeName = site.volume ? stringAt(site.volume, 'name') || '<unnamed>' : undefined;
  const mounts = mountsOf(site.podSpec, volumeName);
  const summary = summarise(mounts, ctx.options.trustedImages);

  const message = hostPathMessage({
    workload: site.workload,
    volumeName,
    verdict,
    path,
    ...summary,
  });
  const related: RelatedLocation[] = mounts.map((m) => ({
    span: spanOf(ctx, m.name),
    message: mountRelatedMessage(m.container, m.mountPath, m.readOnly),
  }));
  const detail = {
    ...(volumeName === undefined ? {} : { volumeName }),
    ...workloadDetail(ctx, site.workload),
    containers: summary.containers.join(','),
    ...typeDetail(site.hostPath),
  };

  return makeFinding(
    ruleOf(verdict),
    spanOf(ctx, judged),
    message,
    {
      ...pathFacts(verdict, path),
      owner: { kind: 'pod', name: site.workload.name },
      readOnly: summary.readOnly,
      ...(mounts[0]?.mountPath === undefined ? {} : { target: mounts[0].mountPath }),
      ...(summary.image ? { image: summary.image } : {}),
      ...(summary.trusted ? { trusted: true } : {}),
      detail,
    },
    related,
  );
}

function pathFacts(verdict: PathVerdict, path: string): Omit<FindingFacts, 'owner'> {
  return {
    exposure: verdict.kind === 'socket-dir' ? 'socket-dir-mount' : 'socket-mount',
    hostPath: path,
    normalisedPath: verdict.normalised,
    engine: verdict.engine,
  };
}

function persistentVolumeFinding(
  ctx: ManifestContext,
  site: HostPathSite,
  judged: Judged,
  verdict: PathVerdict,
  path: string,
): Finding {
  const owner = { kind: 'persistent-volume' as const, name: site.workload.name };
  return makeFinding(
    ruleOf(verdict),
    spanOf(ctx, judged),
    mountMessage(owner, verdict, path, false),
    {
      ...pathFacts(verdict, path),
      owner,
      readOnly: false,
      detail: { ...workloadDetail(ctx, site.workload), ...typeDetail(site.hostPath) },
    },
  );
}

function ruleOf(verdict: PathVerdict): 'DSG001' | 'DSG002' {
  return verdict.kind === 'socket-dir' ? 'DSG002' : 'DSG001';
}

/** The hostPath `type` (Socket, Directory, ...) when written as a plain value. */
function typeDetail(hostPath: MapNode): { hostPathType?: string } {
  const type = scalarAt(hostPath, 'type');
  return type && !isTemplated(type) && type.value !== '' ? { hostPathType: type.value } : {};
}
