import { classifyHostPath } from '../../paths/normalise';
import { resolveOptions } from '../../model/options';
import type { ComposeService } from '../../families/compose';
import type { EditStep } from '../steps';
import { addPairs } from '../yaml/insert';
import { setScalar } from '../yaml/scalar';
import { rangeOf } from '../yaml/tree';
import { mountsOf, removeEntry, removeMount } from './edit';
import { sameService, withService, type ComposeFinding } from './finding';
import { removeAtFinding } from './remove';
import { ownPair, renderLike, type ComposeView } from './view';

/**
 * Sysbox: the service runs its own Docker daemon under `runtime: sysbox-runc` without
 * `privileged` and without the host's socket. Offered for privileged Docker-in-Docker and for a
 * socket mount into a Docker-in-Docker image; `privileged` must be the service's own (one merged
 * from an anchor is shared with other services and is left to the user).
 */
export function sysbox(f: ComposeFinding): EditStep[] | undefined {
  const service = f.service;
  if (!service) return undefined;
  const privileged = ownPair(service, 'privileged');
  if (service.privileged && !privileged) return undefined;

  const first =
    f.finding.ruleId === 'DSG005'
      ? removeAtFinding(f, 'privileged')
      : removeAtFinding(f, 'volumes');
  const socketMounts = mountsOf(f.original, service).filter((m) => isSocketMount(f, m.source));
  const steps: EditStep[] = [first];
  for (let i = 0; i < socketMounts.length; i++) steps.push((text) => removeSocketMount(f, text));
  steps.push((text) => withService(f, text, removePrivileged));
  steps.push((text) => withService(f, text, setRuntime));
  return steps;
}

function isSocketMount(f: ComposeFinding, source: string | undefined): boolean {
  return (
    source !== undefined && classifyHostPath(source, resolveOptions(f.ctx.options)) !== undefined
  );
}

function removeSocketMount(f: ComposeFinding, text: string) {
  const view = f.view(text);
  const service = view && sameService(f, view);
  if (!view || !service) return undefined;
  const mount = mountsOf(view, service).find(
    (m) => (m.type === 'bind' || m.type === 'npipe') && isSocketMount(f, m.source),
  );
  return mount ? removeMount(view, mount) : [];
}

function removePrivileged(view: ComposeView, service: ComposeService) {
  const pair = ownPair(service, 'privileged');
  const range = rangeOf(pair?.value) ?? rangeOf(pair?.key);
  return range ? removeEntry(view, range[0], range[1], 'privileged') : [];
}

function setRuntime(view: ComposeView, service: ComposeService) {
  const runtime = ownPair(service, 'runtime');
  const value = runtime?.value;
  if (value && typeof value === 'object' && 'range' in value) {
    return setScalar(value as Parameters<typeof setScalar>[0], 'sysbox-runc');
  }
  if (!service.node) return undefined;
  return addPairs(service.node, { runtime: 'sysbox-runc' }, renderLike(view, service.node));
}
