import { isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';

/**
 * The small tree the Kubernetes detector reads. Both the YAML parser and the line scanner used for
 * unparseable templates (fallback.ts) produce it, so one analysis serves both. Offsets are into the
 * analysed text; a scalar spans its value as written, quotes included.
 */
export interface ScalarNode {
  type: 'scalar';
  /** the value after YAML quoting rules, or as written (unquoted) when it holds `{{ }}` */
  value: string;
  /** a block scalar (`|`, `>`): its span runs over several lines */
  block: boolean;
  start: number;
  end: number;
}

export interface MapEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: KNode | undefined;
}

export interface MapNode {
  type: 'map';
  /** in document order; duplicate keys are kept (Helm if/else branches write a key twice) */
  entries: MapEntry[];
  start: number;
  end: number;
}

export interface SeqNode {
  type: 'seq';
  items: KNode[];
  start: number;
  end: number;
}

export type KNode = ScalarNode | MapNode | SeqNode;

/** Deeper nesting than this is not a manifest; it is cut off rather than risk the stack. */
export const MAX_DEPTH = 200;

/** Strips one pair of matching outer quotes; template text is kept as written inside them. */
export function unquote(raw: string): string {
  const first = raw[0];
  if (raw.length >= 2 && (first === '"' || first === "'") && raw.endsWith(first)) {
    return raw.slice(1, -1);
  }
  return raw;
}

/**
 * Converts a node of the `yaml` package. `base` is the offset of the parsed slice in `text`, the
 * original text: values holding a template directive are read from it, since the parser saw them
 * masked (see template.ts).
 */
export function fromYaml(node: unknown, base: number, text: string, depth = 0): KNode | undefined {
  if (depth > MAX_DEPTH || isAlias(node)) return undefined;
  if (isScalar(node)) return scalarFromYaml(node, base, text);

  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return undefined;
  const start = base + range[0];
  const end = base + range[1];

  if (isSeq(node)) {
    const items: KNode[] = [];
    for (const item of node.items) {
      const converted = fromYaml(item, base, text, depth + 1);
      if (converted) items.push(converted);
    }
    return { type: 'seq', items, start, end };
  }
  if (isMap(node)) {
    const entries: MapEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const keyNode = scalarFromYaml(pair.key, base, text);
      const value = fromYaml(pair.value, base, text, depth + 1);
      entries.push({ key: keyNode.value, keyStart: keyNode.start, keyEnd: keyNode.end, value });
    }
    return { type: 'map', entries, start, end };
  }
  return undefined;
}

function scalarFromYaml(node: Scalar, base: number, text: string): ScalarNode {
  const range = node.range ?? [0, 0, 0];
  const start = base + range[0];
  const end = base + range[1];
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  const raw = text.slice(start, end);

  if (raw.includes('{{')) return { type: 'scalar', value: unquote(raw), block, start, end };
  const value = node.value === null || node.value === undefined ? '' : String(node.value);
  return { type: 'scalar', value, block, start, end };
}

/** The first entry with this key. */
export function entryOf(map: MapNode, key: string): MapEntry | undefined {
  return map.entries.find((e) => e.key === key);
}

/** The value under `key` when it is a scalar (`mapAt`, `seqAt`: a mapping, a sequence). */
export function scalarAt(map: MapNode, key: string): ScalarNode | undefined {
  const value = entryOf(map, key)?.value;
  return value?.type === 'scalar' ? value : undefined;
}

export function mapAt(map: MapNode, key: string): MapNode | undefined {
  const value = entryOf(map, key)?.value;
  return value?.type === 'map' ? value : undefined;
}

export function seqAt(map: MapNode, key: string): SeqNode | undefined {
  const value = entryOf(map, key)?.value;
  return value?.type === 'seq' ? value : undefined;
}

/** The value of the scalar under `key`. */
export function stringAt(map: MapNode, key: string): string | undefined {
  return scalarAt(map, key)?.value;
}

/** The mapping items of a sequence; other items are skipped. */
export function mapItems(seq: SeqNode | undefined): MapNode[] {
  return (seq?.items ?? []).filter((item): item is MapNode => item.type === 'map');
}

/** The same tree with every offset moved by `by`; trees of a slice become trees of the text. */
export function shifted(node: KNode, by: number, depth = 0): KNode {
  const start = node.start + by;
  const end = node.end + by;
  if (node.type === 'scalar') return { ...node, start, end };
  if (depth > MAX_DEPTH) return { type: 'map', entries: [], start, end };
  if (node.type === 'seq') {
    return { ...node, start, end, items: node.items.map((i) => shifted(i, by, depth + 1)) };
  }

  const entries = node.entries.map((e) => ({
    key: e.key,
    keyStart: e.keyStart + by,
    keyEnd: e.keyEnd + by,
    value: e.value && shifted(e.value, by, depth + 1),
  }));
  return { ...node, start, end, entries };
}
