import { MAX_DEPTH, entryOf, mapAt, stringAt, type KNode, type MapNode } from './tree';

/** The object a finding belongs to: the nearest mapping with a `kind` and a `metadata`. */
export interface Workload {
  kind: string;
  name: string;
}

/**
 * A pod spec: a mapping with a list of `containers`, `initContainers`, `ephemeralContainers` or
 * `volumes`.
 */
export interface PodSpecSite {
  spec: MapNode;
  workload: Workload;
}

/** A `hostPath` mapping, wherever it appears, with the volume and pod spec around it if any. */
export interface HostPathSite {
  hostPath: MapNode;
  /** the `volumes` item holding it */
  volume: MapNode | undefined;
  /** the mapping whose `volumes` list holds that item */
  podSpec: MapNode | undefined;
  workload: Workload;
}

export interface ManifestParts {
  podSpecs: PodSpecSite[];
  hostPaths: HostPathSite[];
}

export const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

const POD_SPEC_KEYS: readonly string[] = [...CONTAINER_LISTS, 'volumes'];

const UNNAMED = '<unnamed>';

/** The kind and name of an object mapping, or undefined for other mappings. */
export function workloadOf(map: MapNode): Workload | undefined {
  const kind = stringAt(map, 'kind');
  const metadata = mapAt(map, 'metadata');
  if (kind === undefined || kind === '' || !metadata) return undefined;

  const name = stringAt(metadata, 'name') || stringAt(metadata, 'generateName') || UNNAMED;
  return { kind, name };
}

/**
 * One walk over a document: every pod spec and every `hostPath` mapping, whatever the kind
 * (Deployment, CronJob, PodTemplate, a custom resource that embeds a pod spec, a List).
 */
export function collectParts(root: MapNode): ManifestParts {
  const parts: ManifestParts = { podSpecs: [], hostPaths: [] };
  const rootWorkload = workloadOf(root) ?? { kind: stringAt(root, 'kind') ?? '', name: UNNAMED };
  visit(root, rootWorkload, undefined, parts, 0);
  return parts;
}

/** `volumesOf` is set when `node` is an item of the `volumes` list of that pod spec. */
function visit(
  node: KNode | undefined,
  workload: Workload,
  volumesOf: MapNode | undefined,
  parts: ManifestParts,
  depth: number,
): void {
  if (!node || node.type === 'scalar' || depth > MAX_DEPTH) return;
  if (node.type === 'seq') {
    for (const item of node.items) visit(item, workload, volumesOf, parts, depth + 1);
    return;
  }

  const owner = workloadOf(node) ?? workload;
  if (node.entries.some((e) => POD_SPEC_KEYS.includes(e.key) && e.value?.type === 'seq')) {
    parts.podSpecs.push({ spec: node, workload: owner });
  }
  for (const entry of node.entries) {
    if (entry.key === 'hostPath' && entry.value?.type === 'map') {
      const volume = volumesOf ? node : undefined;
      parts.hostPaths.push({ hostPath: entry.value, volume, podSpec: volumesOf, workload: owner });
    }
    const isVolumes = entry.key === 'volumes' && entry.value?.type === 'seq';
    visit(entry.value, owner, isVolumes ? node : undefined, parts, depth + 1);
  }
}

/** The container mappings of a pod spec (all three lists), in document order. */
export function containersOf(spec: MapNode): MapNode[] {
  const containers: MapNode[] = [];
  for (const list of CONTAINER_LISTS) {
    const value = entryOf(spec, list)?.value;
    if (value?.type !== 'seq') continue;
    for (const item of value.items) if (item.type === 'map') containers.push(item);
  }
  return containers.sort((a, b) => a.start - b.start);
}
