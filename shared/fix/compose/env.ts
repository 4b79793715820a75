import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ComposeService } from '../../families/compose';
import type { TextEdit } from '../types';
import { addItems, addPairs, fillEmptyKey, type YValue } from '../yaml/insert';
import { renderString, quoteOf, setScalar } from '../yaml/scalar';
import { keyText, rangeOf } from '../yaml/tree';
import { ownPair, renderLike, type ComposeView } from './view';

/**
 * Setting variables in a Compose `environment`, in the form it is written: list items
 * `- NAME=value` or mapping pairs `NAME: value`, quoted like their neighbours. A variable already
 * there gets its value replaced; the others are added after the last entry.
 */

export type Variables = ReadonlyArray<readonly [string, string]>;

/** Sets variables in the environment collection `node` (a list or a mapping). */
export function setIn(view: ComposeView, node: Node, vars: Variables): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const added: Array<readonly [string, string]> = [];
  for (const [name, value] of vars) {
    const existing = entryOf(node, name);
    if (existing === undefined) added.push([name, value]);
    else edits.push(...(replaceValue(existing, name, value, node) ?? []));
  }
  if (added.length === 0) return edits;

  const r = renderLike(view, node);
  const insert = isSeq(node)
    ? addItems(
        node,
        added.map(([n, v]) => `${n}=${v}`),
        r,
      )
    : isMap(node)
      ? addPairs(node, Object.fromEntries(added), r)
      : undefined;
  return insert ? [...edits, insert] : undefined;
}

/** Sets variables on a service: in its own `environment`, created (as a mapping) if needed. */
export function setOnService(
  view: ComposeView,
  service: ComposeService,
  vars: Variables,
): TextEdit[] | undefined {
  const pair = ownPair(service, 'environment');
  const value = pair?.value as Node | null | undefined;
  if (!pair) {
    // An environment merged in from elsewhere would be replaced whole by one of the service's own.
    if (service.get('environment') !== undefined || !service.node) return undefined;
    const edit = addPairs(
      service.node,
      { environment: preferredForm(view, vars) },
      renderLike(view, undefined),
    );
    return edit ? [edit] : undefined;
  }
  if (isAlias(value)) return undefined;
  if (isMap(value) || isSeq(value)) return setIn(view, value, vars);
  if (isEmpty(value)) {
    const start = rangeOf(pair.key)?.[0] ?? 0;
    return [fillEmptyKey(start, preferredForm(view, vars), renderLike(view, undefined))];
  }
  return undefined;
}

/** A new environment takes the form the file's other services use; a mapping by default. */
function preferredForm(view: ComposeView, vars: Variables): YValue {
  const list = view.file.services.some((s) => isSeq(ownPair(s, 'environment')?.value));
  const map = view.file.services.some((s) => isMap(ownPair(s, 'environment')?.value));
  if (list && !map) return vars.map(([n, v]) => `${n}=${v}`);
  return Object.fromEntries(vars);
}

export function isEmpty(value: Node | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (!isScalar(value) || value.value !== null) return false;
  const range = value.range;
  return range !== undefined && range !== null && range[0] === range[1];
}

type Entry = { kind: 'item'; node: Node } | { kind: 'pair'; pair: Pair };

/** The collection's own entry for `name` (a list item `NAME=...` or `NAME`, a mapping key). */
export function entryOf(collection: Node, name: string): Entry | undefined {
  if (isSeq(collection)) {
    const node = collection.items.find((item) => {
      const text = isScalar(item) ? String(item.value ?? '') : '';
      return text === name || text.startsWith(`${name}=`);
    });
    return isScalar(node) ? { kind: 'item', node } : undefined;
  }
  if (isMap(collection)) {
    const pair = collection.items.find((p) => keyText(p) === name);
    return pair ? { kind: 'pair', pair } : undefined;
  }
  return undefined;
}

function replaceValue(
  entry: Entry,
  name: string,
  value: string,
  collection: Node,
): TextEdit[] | undefined {
  if (entry.kind === 'item') {
    const edit = setScalar(entry.node, `${name}=${value}`);
    return edit ? [edit] : undefined;
  }
  const node = entry.pair.value as Node | null;
  if (node && !isEmpty(node)) {
    const edit = setScalar(node, value);
    return edit ? [edit] : undefined;
  }
  // `NAME:` with no value: the value goes after the colon.
  const keyEnd = rangeOf(entry.pair.key)?.[1];
  const at = rangeOf(node)?.[0] ?? (keyEnd === undefined ? undefined : keyEnd + 1);
  if (at === undefined) return undefined;
  const quote = quoteOf(isMap(collection) ? collection.items[0]?.value : undefined);
  return [{ start: at, end: at, newText: ` ${renderString(value, quote)}` }];
}
