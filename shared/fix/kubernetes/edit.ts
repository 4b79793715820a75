import { isAlias, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { TextEdit } from '../types';
import { isEmpty } from '../compose/env';
import { addItems, addPairs, fillEmptyKey, type YValue } from '../yaml/insert';
import { removeAt } from '../yaml/remove';
import { renderString, setScalar } from '../yaml/scalar';
import { pairOf, pathTo, rangeOf, scalarString, seqAt } from '../yaml/tree';
import { keepInManifest, renderIn, type ManifestView } from './view';

/** Manifest edits shared by the fixes: lists of named entries, env, removals. */

/** The mapping item of a list whose `name` is `name` (a volume, a mount, an env entry). */
export function named(list: unknown, name: string): YAMLMap | undefined {
  if (!isSeq(list)) return undefined;
  return list.items.find(
    (item): item is YAMLMap => isMap(item) && scalarString(pairOf(item, 'name')?.value) === name,
  );
}

/** Removes a list entry (a mapping) with what it leaves empty. */
export function removeNode(view: ManifestView, node: Node): TextEdit | undefined {
  const range = rangeOf(node);
  if (!range) return undefined;
  const path = pathTo(view.document, range[0], range[1]);
  const depth = path.findIndex((step) => step.node === node);
  return depth < 0 ? undefined : removeAt(view.yaml.text, path, depth, keepInManifest);
}

/** Adds items to the list under `key` of a mapping, creating the key when it is missing. */
export function addToList(
  view: ManifestView,
  map: YAMLMap,
  key: string,
  items: readonly YValue[],
): TextEdit | undefined {
  const pair = pairOf(map, key);
  const value = pair?.value as Node | null | undefined;
  if (!pair) return addPairs(map, { [key]: [...items] }, renderIn(view, seqAt(map, key)));
  if (isAlias(value)) return undefined;
  if (isSeq(value)) return addItems(value, items, renderIn(view, value));
  if (isEmpty(value)) return fillEmptyKey(rangeOf(pair.key)?.[0] ?? 0, [...items], renderIn(view));
  return undefined;
}

/** Sets `key: value` on a mapping: the value replaced when the key is there, else added. */
export function setKey(view: ManifestView, map: YAMLMap, key: string, value: string) {
  const node = pairOf(map, key)?.value as Node | null | undefined;
  if (node && isScalar(node) && !isEmpty(node)) return setScalar(node, value);
  if (node !== undefined) return undefined;
  return addPairs(map, { [key]: value }, renderIn(view));
}

export type EnvVars = ReadonlyArray<readonly [string, string]>;

/** Sets `env` entries of a container (`- name: X` / `value: "v"`); a `valueFrom` is not replaced. */
export function setEnv(
  view: ManifestView,
  container: YAMLMap,
  vars: EnvVars,
): TextEdit[] | undefined {
  const env = pairOf(container, 'env')?.value as Node | undefined;
  const edits: TextEdit[] = [];
  const added: YValue[] = [];
  for (const [name, value] of vars) {
    const entry = named(env, name);
    if (!entry) {
      added.push({ name, value });
      continue;
    }
    if (pairOf(entry, 'valueFrom')) return undefined;
    const edit = setEntryValue(view, entry, value);
    if (!edit) return undefined;
    edits.push(edit);
  }
  if (added.length === 0) return edits;
  const insert = addToList(view, container, 'env', added);
  return insert ? [...edits, insert] : undefined;
}

function setEntryValue(view: ManifestView, entry: YAMLMap, value: string): TextEdit | undefined {
  const pair = pairOf(entry, 'value');
  const node = pair?.value as Node | null | undefined;
  if (node && isScalar(node) && !isEmpty(node)) return setScalar(node, value);
  if (!pair) return addPairs(entry, { value }, renderIn(view));
  const keyEnd = rangeOf(pair.key)?.[1];
  if (keyEnd === undefined) return undefined;
  return { start: keyEnd + 1, end: keyEnd + 1, newText: ` ${renderString(value, 'double')}` };
}
