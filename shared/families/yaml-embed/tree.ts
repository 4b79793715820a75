import { yamlSyntaxNotice } from '../../model/yaml-notice';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Node,
  type Scalar,
} from 'yaml';
import type { SourceDocument } from '../../model/document';
import type { Notice, Span } from '../../model/finding';
import { verbatim, type MappedText } from './mapped';
import { mapScalar } from './scalar';

/**
 * Reading CI files parsed by the `yaml` package without ever expanding them: aliases are looked up
 * in an index of anchors built in one pass and merge keys (`<<: *defaults`) are followed once per
 * mapping, so a finding inside an anchored node is reported at its definition.
 */

/** One parsed YAML file. */
export interface YamlFile {
  doc: SourceDocument;
  root: Node | undefined;
  notices: Notice[];
  resolve(node: unknown): Node | undefined;
  /** the entries of each mapping read so far, so that a mapping is walked once */
  readonly entryCache: WeakMap<Node, Map<string, Entry>>;
}

/** A key of a mapping with its value; merged keys come after the mapping's own keys. */
export interface Entry {
  key: string;
  keyNode: Scalar;
  value: Node | undefined;
}

export function parseYamlFile(doc: SourceDocument): YamlFile {
  const parsed = parseDocument(doc.text, {
    keepSourceTokens: true,
    uniqueKeys: false,
    prettyErrors: false,
  });
  const anchors = anchorIndex(parsed.contents);
  const error = parsed.errors[0];
  const notices: Notice[] = error ? [yamlSyntaxNotice(doc, error)] : [];
  const root = (parsed.contents ?? undefined) as Node | undefined;
  const resolve = (node: unknown): Node | undefined => resolveAlias(anchors, node);
  return { doc, root, notices, resolve, entryCache: new WeakMap() };
}

type Anchors = Map<string, Node[]>;

function anchorIndex(contents: unknown): Anchors {
  const anchors: Anchors = new Map();
  if (!contents) return anchors;
  visit(contents as Node, (_key, node) => {
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return;
    if (!node.anchor) return;
    const list = anchors.get(node.anchor) ?? [];
    list.push(node);
    anchors.set(node.anchor, list);
  });
  return anchors;
}

/** The node an alias stands for: the last anchor of its name before it. */
function resolveAlias(anchors: Anchors, node: unknown): Node | undefined {
  if (!isAlias(node)) return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;

  const at = node.range?.[0] ?? 0;
  let found: Node | undefined;
  for (const candidate of anchors.get(node.source) ?? []) {
    if ((candidate.range?.[0] ?? 0) < at) found = candidate;
  }
  return found;
}

/** The entries of a mapping, merge keys applied (own keys win, earlier merges win). */
export function entries(file: YamlFile, node: unknown): Map<string, Entry> {
  const map = file.resolve(node);
  const known = map && file.entryCache.get(map);
  if (known) return known;

  const result = new Map<string, Entry>();
  collectEntries(file, map, result, new Set(), 0);
  if (map) file.entryCache.set(map, result);
  return result;
}

function collectEntries(
  file: YamlFile,
  node: Node | undefined,
  into: Map<string, Entry>,
  seen: Set<Node>,
  depth: number,
): void {
  if (!isMap(node) || seen.has(node) || depth > 20) return;
  seen.add(node);

  const own = new Map<string, Entry>();
  const merges: unknown[] = [];
  for (const pair of node.items) {
    const key = pair.key;
    if (!isScalar(key)) continue;
    if (key.source === '<<' || key.value === '<<') {
      merges.push(...(isSeq(pair.value) ? pair.value.items : [pair.value]));
      continue;
    }
    const name = String(key.value);
    own.delete(name);
    own.set(name, { key: name, keyNode: key, value: file.resolve(pair.value) });
  }
  for (const [name, entry] of own) if (!into.has(name)) into.set(name, entry);
  for (const merged of merges) collectEntries(file, file.resolve(merged), into, seen, depth + 1);
}

/** The value of one key of a mapping. */
export function valueOf(file: YamlFile, node: unknown, key: string): Node | undefined {
  return entries(file, node).get(key)?.value;
}

/** The items of a sequence, aliases resolved; a non-sequence gives none. */
export function itemsOf(file: YamlFile, node: unknown): Node[] {
  const seq = file.resolve(node);
  if (!isSeq(seq)) return [];
  return seq.items.map((item) => file.resolve(item)).filter((item) => item !== undefined);
}

/** A scalar's value as text with its map to the document; null (`key:`) is the empty text. */
export function textOf(file: YamlFile, node: unknown): MappedText | undefined {
  const scalar = file.resolve(node);
  if (!isScalar(scalar)) return undefined;
  if (scalar.value === null) return verbatim('', scalar.range?.[0] ?? 0);
  return mapScalar(scalar, file.doc.text);
}

/** A scalar's value as a string, the way a CI runner reads it (`1` stays `1`). */
export function stringOf(file: YamlFile, node: unknown): string | undefined {
  return textOf(file, node)?.text;
}

/** The span of a node as written (quotes included); never the whole document. */
export function spanOf(file: YamlFile, node: Node | undefined): Span {
  const [start, end] = node?.range ?? [0, 0, 0];
  return file.doc.lines.span(start, end);
}

/** The span of value characters [from, to) of a mapped text. */
export function textSpan(file: YamlFile, text: MappedText, from: number, to: number): Span {
  const start = text.toDocument(from);
  return file.doc.lines.span(start, Math.max(start, text.toDocumentEnd(to)));
}
