import type { EditStep } from '../steps';
import { removeEntry, removeMount, mountsOf } from './edit';
import type { ComposeView } from './view';
import type { ComposeFinding } from './finding';

/**
 * Remove fixes: a socket mount (short or long syntax, with the `volumes:` key when it was the
 * only one), `use_api_socket`, a published port 2375, or a named volume that binds a socket
 * together with every mount of it.
 */

/** The step that removes the entry under `key` at the finding (the first step of a fix). */
export function removeAtFinding(f: ComposeFinding, key: string): EditStep {
  const { start, end } = f.finding.span;
  return (text) => {
    const view = f.view(text);
    return view && removeEntry(view, start, end, key);
  };
}

/** Removing a named volume: its definition first, then each mount of it, one per step. */
export function removeNamedVolume(f: ComposeFinding, name: string): EditStep[] {
  const users = f.original.file.services.flatMap((s) =>
    mountsOf(f.original, s).filter((m) => m.type === 'volume' && m.source === name),
  );
  const steps: EditStep[] = [removeAtFinding(f, 'volumes')];
  for (let i = 0; i < users.length; i++) steps.push((text) => removeOneUser(f.view(text), name));
  return steps;
}

function removeOneUser(view: ComposeView | undefined, name: string) {
  if (!view) return undefined;
  for (const service of view.file.services) {
    const mount = mountsOf(view, service).find((m) => m.type === 'volume' && m.source === name);
    if (mount) return removeMount(view, mount);
  }
  return [];
}
