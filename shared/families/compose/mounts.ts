import { makeFinding } from '../../model/build';
import type { Owner, RelatedLocation, RuleId } from '../../model/finding';
import { mountMessage } from '../../model/messages';
import { classifyHostPath, interpolate, type PathVerdict } from '../../paths/normalise';
import { asMap, entries, entry, scalarText, type Entry } from './nodes';
import { nodeSpan, privilegedRelated, serviceFacts, type ComposeContext, type Hit } from './report';
import type { ServiceMount } from './volumes';

/**
 * DSG001 and DSG002 for Compose mounts: bind mounts of a socket, pipe or socket-holding
 * directory in a service's `volumes`, and top-level named volumes that bind one through
 * `driver_opts`.
 */

function ruleFor(verdict: PathVerdict): RuleId {
  return verdict.kind === 'socket-dir' ? 'DSG002' : 'DSG001';
}

function exposureFor(verdict: PathVerdict): 'socket-mount' | 'socket-dir-mount' {
  return verdict.kind === 'socket-dir' ? 'socket-dir-mount' : 'socket-mount';
}

/**
 * The host path as the message shows it: with variables resolved when it has any, unless only a
 * conventional stand-in (`/run/user/<uid>`) could replace them, which reads worse than the name.
 */
function shownPath(written: string, ctx: ComposeContext): string {
  if (!written.includes('$')) return written;
  const resolved = interpolate(written, ctx.options.variables).value;
  return resolved.includes('<uid>') ? written : resolved;
}

/** Bind mounts (short and long syntax, `npipe` included) that reach an engine API. */
export function checkServiceMounts(ctx: ComposeContext, mounts: readonly ServiceMount[]): Hit[] {
  const hits: Hit[] = [];
  for (const mount of mounts) {
    if ((mount.type !== 'bind' && mount.type !== 'npipe') || mount.source === undefined) continue;
    const verdict = classifyHostPath(mount.source, ctx.options);
    if (!verdict) continue;

    const { service } = mount;
    const facts = serviceFacts(ctx, service);
    const message = mountMessage(
      facts.owner,
      verdict,
      shownPath(mount.source, ctx),
      mount.readOnly,
    );
    const finding = makeFinding(
      ruleFor(verdict),
      nodeSpan(ctx.doc, mount.sourceNode),
      message,
      {
        ...facts,
        exposure: exposureFor(verdict),
        hostPath: mount.source,
        normalisedPath: verdict.normalised,
        ...(verdict.engine === undefined ? {} : { engine: verdict.engine }),
        readOnly: mount.readOnly,
        ...(mount.target === undefined ? {} : { target: mount.target }),
        detail: { service: service.name, index: mount.index, syntax: mount.syntax },
      },
      privilegedRelated(ctx, service),
    );
    hits.push({ finding, service });
  }
  return hits;
}

/**
 * Top-level volumes whose driver binds a host path: the `local` driver with `o: bind` and a
 * `device`, or the local-persist plugin's `mountpoint`. The finding sits on the path; the
 * services that mount the volume are its related locations.
 */
export function checkNamedVolumes(ctx: ComposeContext, mounts: readonly ServiceMount[]): Hit[] {
  const { file } = ctx;
  const declared = entries(asMap(file.get('volumes')?.value), file.anchors, file.text);
  const hits: Hit[] = [];

  for (const volume of declared) {
    const bound = boundPath(ctx, volume);
    if (!bound) continue;
    const verdict = classifyHostPath(bound.path, ctx.options);
    if (!verdict) continue;

    const users = mounts.filter((m) => m.type === 'volume' && m.source === volume.key);
    const readOnly = bound.readOnly || (users.length > 0 && users.every((m) => m.readOnly));
    const owner: Owner = { kind: 'volume', name: volume.key };
    const message =
      mountMessage(owner, verdict, shownPath(bound.path, ctx), readOnly) + usedBy(users);

    const related: RelatedLocation[] = users.map((m) => ({
      span: nodeSpan(ctx.doc, m.sourceNode),
      message: `Service "${m.service.name}" mounts volume "${volume.key}"` + at(m.target),
    }));
    const finding = makeFinding(
      ruleFor(verdict),
      nodeSpan(ctx.doc, bound.node),
      message,
      {
        exposure: exposureFor(verdict),
        owner,
        hostPath: bound.path,
        normalisedPath: verdict.normalised,
        ...(verdict.engine === undefined ? {} : { engine: verdict.engine }),
        readOnly,
        detail: { volume: volume.key, option: bound.option },
      },
      related,
    );
    hits.push({ finding });
  }
  return hits;
}

interface BoundPath {
  path: string;
  node: NonNullable<Entry['value']>;
  option: 'device' | 'mountpoint';
  readOnly: boolean;
}

function boundPath(ctx: ComposeContext, volume: Entry): BoundPath | undefined {
  const { anchors, text } = ctx.file;
  const definition = asMap(volume.value);
  const driver = scalarText(entry(definition, 'driver', anchors, text)?.value, text) ?? 'local';
  const opts = asMap(entry(definition, 'driver_opts', anchors, text)?.value);
  const option = (key: string) => entry(opts, key, anchors, text)?.value;

  const flags = (scalarText(option('o'), text) ?? '').split(',').map((f) => f.trim());
  let key: BoundPath['option'] | undefined;
  if (driver.trim() === 'local' && flags.includes('bind')) key = 'device';
  else if (/(?:^|\/)local-persist(?::|$)/.test(driver.trim())) key = 'mountpoint';
  if (key === undefined) return undefined;

  const node = option(key);
  const path = scalarText(node, text);
  if (!node || path === undefined) return undefined;
  return { path, node, option: key, readOnly: flags.includes('ro') };
}

function usedBy(users: readonly ServiceMount[]): string {
  const names = [...new Set(users.map((m) => `"${m.service.name}"`))];
  if (names.length === 0) return '';
  return names.length === 1
    ? ` (used by service ${names[0]})`
    : ` (used by services ${names.join(', ')})`;
}

function at(target: string | undefined): string {
  return target === undefined ? '' : ` at ${target}`;
}
