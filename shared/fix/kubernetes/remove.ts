import type { EditStep } from '../steps';
import { pairOf, scalarString } from '../yaml/tree';
import { named, removeNode } from './edit';
import { containersOf, type ManifestFinding, type ManifestView } from './view';

/**
 * Removing a hostPath volume from a pod spec, and every volumeMount that names it in the
 * containers, init containers and ephemeral containers of that pod spec (`volumes:` and
 * `volumeMounts:` go when nothing is left in them; `containers` never does).
 */
export function removeVolume(m: ManifestFinding, volume: string): EditStep[] {
  const mounts = containersOf(m.original.spec).filter((c) =>
    named(pairOf(c, 'volumeMounts')?.value, volume),
  );
  const steps: EditStep[] = [
    (text) => {
      const view = m.view(text);
      const node = view && named(pairOf(view.spec, 'volumes')?.value, volume);
      return view && node ? removeNode(view, node) : undefined;
    },
  ];
  for (let i = 0; i < mounts.length; i++)
    steps.push((text) => removeOneMount(m.view(text), volume));
  return steps;
}

function removeOneMount(view: ManifestView | undefined, volume: string) {
  if (!view) return undefined;
  for (const container of containersOf(view.spec)) {
    const mount = named(pairOf(container, 'volumeMounts')?.value, volume);
    if (mount) return removeNode(view, mount);
  }
  return [];
}

/** The names of the containers that mount the volume. */
export function mountersOf(view: ManifestView, volume: string): string[] {
  return containersOf(view.spec)
    .filter((c) => named(pairOf(c, 'volumeMounts')?.value, volume))
    .map((c) => scalarString(pairOf(c, 'name')?.value) ?? '');
}
