import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { eolOf } from '../text';
import { detectLayout, type Layout } from './layout';

/**
 * A YAML text parsed for editing: every node keeps its offsets into the text, aliases stay
 * aliases, and nothing is ever serialised back; edits are computed from the offsets.
 */
export interface YamlText {
  text: string;
  eol: string;
  documents: Document[];
  layout: Layout;
}

export type Collection = YAMLMap | YAMLSeq;

/** One step down from a collection: the item (or pair) at `index`, and its value node. */
export interface Step {
  parent: Collection;
  index: number;
  /** the pair, when the parent is a mapping */
  pair: Pair | undefined;
  /** the item (sequence) or the pair's value (mapping) */
  node: Node | undefined;
}

const recent: Array<{ text: string; yaml: YamlText | undefined }> = [];
const RECENT = 8;

/**
 * Parses as the families do (merge keys on); undefined when the text is not YAML at all. The
 * last few texts are kept: the steps of several fixes all start from the same text. Nothing
 * changes a parsed tree, so sharing one is safe.
 */
export function readYaml(text: string): YamlText | undefined {
  const hit = recent.find((entry) => entry.text === text);
  if (hit) return hit.yaml;
  const yaml = parseYaml(text);
  recent.unshift({ text, yaml });
  recent.length = Math.min(recent.length, RECENT);
  return yaml;
}

function parseYaml(text: string): YamlText | undefined {
  let documents: Document[];
  try {
    const parsed = parseAllDocuments(text, { prettyErrors: false, merge: true });
    if (!Array.isArray(parsed)) return undefined;
    documents = parsed;
  } catch {
    return undefined;
  }
  let layout: Layout | undefined;
  return {
    text,
    eol: eolOf(text),
    documents,
    // Read on first use: most steps only look things up.
    get layout() {
      layout ??= detectLayout(text, documents);
      return layout;
    },
  };
}

/** The document holding `offset`, when it parsed without errors. */
export function documentAt(yaml: YamlText, offset: number): Document | undefined {
  const document = yaml.documents.find((d) => {
    const [start, , end] = d.range ?? [0, 0, 0];
    return start <= offset && offset < end;
  });
  return document && document.errors.length === 0 ? document : undefined;
}

export function rangeOf(node: unknown): readonly [number, number, number] | undefined {
  if (isMap(node) || isSeq(node) || isScalar(node)) return node.range ?? undefined;
  return (node as Node | undefined)?.range ?? undefined;
}

/** The first offset of a pair: its key, or its value for a pair with an empty key. */
export function pairStart(pair: Pair): number {
  return rangeOf(pair.key)?.[0] ?? rangeOf(pair.value)?.[0] ?? 0;
}

/** The offset just past a pair's value as written (comments after it excluded). */
export function pairEnd(pair: Pair): number {
  const value = rangeOf(pair.value);
  const key = rangeOf(pair.key);
  return Math.max(value?.[1] ?? 0, key?.[1] ?? 0);
}

/** The text of a plain or quoted key. */
export function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/**
 * The steps from the document's top collection down to the deepest node whose range covers
 * `start..end`. Aliases are not followed: the path stays where the text is written.
 */
export function pathTo(document: Document, start: number, end: number): Step[] {
  const steps: Step[] = [];
  let current: Node | undefined = document.contents ?? undefined;
  while (isMap(current) || isSeq(current)) {
    const step = childCovering(current, start, end);
    if (!step) break;
    steps.push(step);
    current = step.node;
  }
  return steps;
}

function childCovering(parent: Collection, start: number, end: number): Step | undefined {
  for (let index = 0; index < parent.items.length; index++) {
    const item = parent.items[index];
    if (isPair(item)) {
      const from = pairStart(item);
      if (from <= start && end <= pairEnd(item)) {
        return { parent, index, pair: item, node: (item.value as Node | null) ?? undefined };
      }
      continue;
    }
    const range = rangeOf(item);
    if (range && range[0] <= start && end <= range[1]) {
      return { parent, index, pair: undefined, node: item as Node };
    }
  }
  return undefined;
}

/** The pair of a mapping with a plain or quoted key, by key text. */
export function pairOf(map: YAMLMap | undefined, key: string): Pair | undefined {
  return map?.items.find((pair) => keyText(pair) === key);
}

export function seqAt(map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
  const value = pairOf(map, key)?.value;
  return isSeq(value) ? value : undefined;
}

/** A scalar's value as text (numbers and booleans as written by `String`). */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}
