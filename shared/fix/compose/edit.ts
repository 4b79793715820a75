import { isAlias, isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import { readServiceMounts, type ComposeService, type ServiceMount } from '../../families/compose';
import type { TextEdit } from '../types';
import { addItems, addPairs, fillEmptyKey, type YValue } from '../yaml/insert';
import { removeAt, type KeepEmpty } from '../yaml/remove';
import { keyText, pairOf, rangeOf, type Step } from '../yaml/tree';
import { isEmpty } from './env';
import { ownPair, pathAt, renderLike, rootMap, servicesMap, type ComposeView } from './view';

/** Edits of Compose structure shared by the fixes: removing entries, adding mounts and keys. */

/** A service keeps its mapping even when a fix empties it; everything else emptied goes. */
function keepServices(view: ComposeView): KeepEmpty {
  const services = servicesMap(view);
  return (path, depth) => depth >= 1 && path[depth - 1]?.parent === services;
}

/**
 * Removes the entry of the collection held by key `key` that covers `start..end`: a list item
 * (a mount, a port) or a mapping pair (a flag), with what it leaves empty.
 */
export function removeEntry(
  view: ComposeView,
  start: number,
  end: number,
  key: string,
): TextEdit | undefined {
  const path = pathAt(view, start, end);
  // A list aliased from an anchor (`volumes: *mounts`) is written under the anchor's own key.
  const depth = depthUnder(path, key) ?? lastItem(path);
  if (depth === undefined) return undefined;
  return removeAt(view.yaml.text, path, depth, keepServices(view));
}

/**
 * The depth of the entry to remove: the deepest step that is an entry of the collection held by
 * key `key`, or the pair keyed `key` itself.
 */
function depthUnder(path: readonly Step[], key: string): number | undefined {
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const holder = depth > 0 ? path[depth - 1]?.pair : undefined;
    if (holder && keyText(holder) === key) return depth;
    const own = path[depth]?.pair;
    if (own && keyText(own) === key) return depth;
  }
  return undefined;
}

function lastItem(path: readonly Step[]): number | undefined {
  for (let depth = path.length - 1; depth > 0; depth--) if (!path[depth]?.pair) return depth;
  return undefined;
}

/** Removes a mount of a service (found by the Compose walk) from its `volumes` list. */
export function removeMount(view: ComposeView, mount: ServiceMount): TextEdit | undefined {
  const range = rangeOf(mount.entry);
  return range ? removeEntry(view, range[0], range[1], 'volumes') : undefined;
}

export function mountsOf(view: ComposeView, service: ComposeService): ServiceMount[] {
  return readServiceMounts(service, view.file);
}

export function mountsAt(view: ComposeView, service: ComposeService, target: string): boolean {
  return mountsOf(view, service).some((m) => m.target?.trim() === target);
}

/** Adds a list entry under a service's own key (`volumes`, `networks`), creating the key. */
export function addToServiceList(
  view: ComposeView,
  service: ComposeService,
  key: string,
  items: readonly YValue[],
): TextEdit | undefined {
  const pair = ownPair(service, key);
  const value = pair?.value as Node | null | undefined;
  if (!pair) {
    // A list merged in from elsewhere would be replaced whole by one of the service's own.
    if (service.get(key) !== undefined || !service.node) return undefined;
    return addPairs(service.node, { [key]: [...items] }, renderLike(view, undefined));
  }
  if (isAlias(value)) return undefined;
  if (isSeq(value)) return addItems(value, items, renderLike(view, value));
  if (isEmpty(value)) {
    const start = rangeOf(pair.key)?.[0] ?? 0;
    return fillEmptyKey(start, [...items], renderLike(view, undefined));
  }
  return undefined;
}

/** Adds `name: value` under a top-level key (`volumes`, `networks`) unless it is there. */
export function ensureTopLevel(
  view: ComposeView,
  key: string,
  name: string,
  value: YValue,
): TextEdit[] | undefined {
  const root = rootMap(view);
  if (!root) return undefined;
  const pair = pairOf(root, key);
  const node = pair?.value as Node | null | undefined;
  const r = renderLike(view, undefined);
  if (!pair) return single(addPairs(root, { [key]: { [name]: value } }, r));
  if (isMap(node))
    return pairOf(node, name) ? [] : single(addPairs(node as YAMLMap, { [name]: value }, r));
  if (isEmpty(node)) {
    return [fillEmptyKey(rangeOf(pair.key)?.[0] ?? 0, { [name]: value }, r)];
  }
  return undefined;
}

function single(edit: TextEdit | undefined): TextEdit[] | undefined {
  return edit ? [edit] : undefined;
}
