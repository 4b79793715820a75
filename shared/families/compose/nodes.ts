import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  visit,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

/**
 * Reading a parsed YAML document without ever expanding it: aliases are looked up in an index of
 * anchors built in one pass, and merge keys are followed once per mapping. A file whose aliases
 * would expand into a huge tree costs no more than its own text.
 */

/** Where a node sits in the text: [start, end of value, end of node with comments]. */
export type NodeRange = readonly [number, number, number];

const NO_RANGE: NodeRange = [0, 0, 0];

export function rangeOf(node: Node | null | undefined): NodeRange {
  return node?.range ?? NO_RANGE;
}

/**
 * The anchors of one document, for resolving aliases in constant work. The index is built on the
 * first alias met: most Compose files have none and never pay for the walk.
 */
export class AnchorIndex {
  private byName: Map<string, Node[]> | undefined;

  constructor(private readonly document: Document) {}

  /**
   * The node an alias stands for (the last anchor of that name before it), or the node itself
   * when it is no alias. An alias to an unknown anchor gives undefined.
   */
  resolve(node: unknown): Node | undefined {
    if (!isAlias(node)) return isNodeLike(node) ? node : undefined;

    const candidates = this.index().get(node.source) ?? [];
    const at = rangeOf(node)[0];
    let found: Node | undefined;
    for (const candidate of candidates) {
      if (rangeOf(candidate)[0] < at) found = candidate;
    }
    return found;
  }

  private index(): Map<string, Node[]> {
    if (this.byName) return this.byName;
    const byName = new Map<string, Node[]>();
    visit(this.document, (_key, node) => {
      if (!isScalar(node) && !isMap(node) && !isSeq(node)) return;
      if (node.anchor === undefined) return;
      const list = byName.get(node.anchor) ?? [];
      list.push(node);
      byName.set(node.anchor, list);
    });
    this.byName = byName;
    return byName;
  }
}

function isNodeLike(node: unknown): node is Node {
  return isScalar(node) || isMap(node) || isSeq(node);
}

export function asMap(node: Node | undefined): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeq(node: Node | undefined): YAMLSeq | undefined {
  return isSeq(node) ? node : undefined;
}

export function asScalar(node: Node | undefined): Scalar | undefined {
  return isScalar(node) ? node : undefined;
}

/** `<<` as a merge key (the parser's merge symbol, or a plain `<<` when merges are off). */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  return typeof key.value === 'symbol' || (key.type === 'PLAIN' && key.value === '<<');
}

/**
 * The text of a scalar as Compose reads it: plain scalars as written (so `2375:2375` or `0755`
 * keep their spelling), quoted and block scalars by value. Null, collections and aliases to
 * collections give undefined.
 */
export function scalarText(node: Node | undefined, text: string): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'symbol') return undefined;

  if (node.type === 'PLAIN') {
    const [start, end] = rangeOf(node);
    const source = text.slice(start, end);
    if (!/[\r\n]/.test(source)) return source;
  }
  return String(node.value);
}

/** A mapping entry after merges: its key as text, and its key and value nodes. */
export interface Entry {
  key: string;
  keyNode: Scalar;
  /** the value with aliases resolved; undefined for a missing or dangling value */
  value: Node | undefined;
  /** the value node as written (an alias stays an alias) */
  written: unknown;
  pair: Pair;
}

const MAX_MERGE_DEPTH = 100;

/**
 * The entries of a mapping as YAML merge keys make them: its own entries first, then those of
 * each merged mapping (`<<: *a`, `<<: [*a, *b]`) not already present, earlier sources winning.
 * Each mapping is read at most once, so merges of merges stay linear.
 */
export function entries(map: YAMLMap | undefined, anchors: AnchorIndex, text: string): Entry[] {
  const result: Entry[] = [];
  const seenKeys = new Set<string>();
  const seenMaps = new Set<YAMLMap>();

  const read = (current: YAMLMap, depth: number): void => {
    if (seenMaps.has(current) || depth > MAX_MERGE_DEPTH) return;
    seenMaps.add(current);

    const merges: unknown[] = [];
    for (const pair of current.items) {
      if (isMergeKey(pair.key)) {
        merges.push(pair.value);
        continue;
      }
      const entry = toEntry(pair, anchors, text);
      if (entry === undefined || seenKeys.has(entry.key)) continue;
      seenKeys.add(entry.key);
      result.push(entry);
    }

    for (const source of merges.flatMap((m) => mergeSources(m, anchors))) read(source, depth + 1);
  };

  if (map) read(map, 0);
  return result;
}

function mergeSources(value: unknown, anchors: AnchorIndex): YAMLMap[] {
  const resolved = anchors.resolve(value);
  if (isMap(resolved)) return [resolved];
  if (!isSeq(resolved)) return [];
  return resolved.items.map((item) => anchors.resolve(item)).filter((n): n is YAMLMap => isMap(n));
}

function toEntry(pair: Pair, anchors: AnchorIndex, text: string): Entry | undefined {
  const keyNode = anchors.resolve(pair.key);
  if (!isScalar(keyNode)) return undefined;
  const key = scalarText(keyNode, text);
  if (key === undefined) return undefined;
  return { key, keyNode, value: anchors.resolve(pair.value), written: pair.value, pair };
}

/** One entry of a mapping by key, merges included. */
export function entry(
  map: YAMLMap | undefined,
  key: string,
  anchors: AnchorIndex,
  text: string,
): Entry | undefined {
  return entries(map, anchors, text).find((e) => e.key === key);
}

/** The items of a sequence with aliases resolved, in place: a dangling alias gives undefined. */
export function items(seq: YAMLSeq | undefined, anchors: AnchorIndex): Array<Node | undefined> {
  return seq ? seq.items.map((item) => anchors.resolve(item)) : [];
}

/** `true`, or a string Compose would take for it. */
export function isTrue(node: Node | undefined): boolean {
  if (!isScalar(node)) return false;
  if (node.value === true) return true;
  return typeof node.value === 'string' && /^(?:true|yes|on)$/i.test(node.value.trim());
}
