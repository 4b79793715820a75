import type { Node } from 'yaml';
import type { Variables } from '../../paths/normalise';
import { interpolate } from '../../paths/normalise';
import { asMap, asSeq, entry, isTrue, items, scalarText } from './nodes';
import type { ComposeFile, ComposeService } from './services';
import { splitOnColons } from './split';

/**
 * Reading a service's `volumes:` in both syntaxes. Short syntax is `[SOURCE:]TARGET[:MODE]`;
 * SOURCE is a host path when it starts with `.`, `/`, `~`, `\\` or a drive letter (or with a
 * variable that may expand to one), and a named volume otherwise, as Compose decides it.
 */

export type MountType = 'bind' | 'volume' | 'npipe' | 'tmpfs' | 'other';

export interface ServiceMount {
  service: ComposeService;
  /** the position of the entry in the service's `volumes` list */
  index: number;
  syntax: 'short' | 'long';
  /** the list entry */
  entry: Node;
  /** where a finding points: the entry scalar (short syntax) or the `source` value (long) */
  sourceNode: Node;
  type: MountType;
  /** the host path or volume name as written; undefined for an anonymous volume */
  source: string | undefined;
  target: string | undefined;
  readOnly: boolean;
}

export interface ShortVolume {
  source: string | undefined;
  target: string;
  mode: string | undefined;
}

/**
 * Splits a short-syntax volume. A spec that is one variable (`${VOLUME}`) is split after
 * resolving it, since its value may hold the colons. Undefined for an unreadable spec.
 */
export function parseShortVolume(spec: string, variables: Variables = {}): ShortVolume | undefined {
  let parts = splitOnColons(spec, { drives: true });
  if (parts.length === 1 && spec.includes('$')) {
    const resolved = interpolate(spec, variables).value;
    if (resolved !== spec) parts = splitOnColons(resolved, { drives: true });
  }
  if (parts.length > 3 || parts.some((p) => p === '')) return undefined;

  const [first = '', second, third] = parts;
  if (second === undefined) return { source: undefined, target: first, mode: undefined };
  return { source: first, target: second, mode: third };
}

/** True when Compose reads a volume source as a host path rather than a volume name. */
export function isHostPathSource(source: string, variables: Variables = {}): boolean {
  if (source.startsWith('$') && !source.startsWith('$$')) {
    const resolved = interpolate(source, variables).value;
    if (resolved !== source) return isHostPathSource(resolved);
    return true;
  }
  return /^(?:[./~]|\\\\|[A-Za-z]:[\\/])/.test(source);
}

/** The mounts of one service, in list order. */
export function readServiceMounts(
  service: ComposeService,
  file: ComposeFile,
  variables: Variables = {},
): ServiceMount[] {
  const list = asSeq(service.get('volumes')?.value);
  const mounts: ServiceMount[] = [];

  items(list, file.anchors).forEach((node, index) => {
    if (node === undefined) return;
    const base = { service, index, entry: node };
    const mount = asMap(node)
      ? readLongMount(node, file, variables)
      : readShortMount(node, file.text, variables);
    if (mount) mounts.push({ ...base, ...mount });
  });
  return mounts;
}

type MountFields = Omit<ServiceMount, 'service' | 'index' | 'entry'>;

function readShortMount(node: Node, text: string, variables: Variables): MountFields | undefined {
  const spec = scalarText(node, text);
  const parsed = spec === undefined ? undefined : parseShortVolume(spec.trim(), variables);
  if (!parsed) return undefined;

  const modes = (parsed.mode ?? '').split(',').map((m) => m.trim().toLowerCase());
  const { source, target } = parsed;
  const type = source !== undefined && isHostPathSource(source, variables) ? 'bind' : 'volume';
  return {
    syntax: 'short',
    sourceNode: node,
    type,
    source,
    target,
    readOnly: modes.includes('ro'),
  };
}

function readLongMount(node: Node, file: ComposeFile, variables: Variables): MountFields {
  const map = asMap(node);
  const get = (key: string) => entry(map, key, file.anchors, file.text)?.value;

  const sourceNode = get('source');
  const source = scalarText(sourceNode, file.text);
  const written = scalarText(get('type'), file.text)?.trim().toLowerCase();
  const type = mountType(written, source, variables);
  return {
    syntax: 'long',
    sourceNode: sourceNode ?? node,
    type,
    source,
    target: scalarText(get('target'), file.text),
    readOnly: isTrue(get('read_only')),
  };
}

function mountType(
  written: string | undefined,
  source: string | undefined,
  variables: Variables,
): MountType {
  if (written === undefined) {
    return source !== undefined && isHostPathSource(source, variables) ? 'bind' : 'volume';
  }
  if (written === 'bind' || written === 'volume' || written === 'npipe' || written === 'tmpfs') {
    return written;
  }
  return 'other';
}
