import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { FixContext } from '../types';
import type { Render } from '../yaml/insert';
import type { KeepEmpty } from '../yaml/remove';
import { quoteOf } from '../yaml/scalar';
import {
  keyText,
  pairOf,
  pathTo,
  readYaml,
  scalarString,
  seqAt,
  type Step,
  type YamlText,
} from '../yaml/tree';

/**
 * A Kubernetes manifest read for editing, and the pod spec a finding belongs to, found again in
 * each later text by its place in the document (keys and list positions from the top). Fixes
 * only append to lists and remove entries below the pod spec, so that place stays valid.
 */
export interface ManifestView {
  yaml: YamlText;
  document: Document;
  spec: YAMLMap;
}

export type Locator = ReadonlyArray<string | number>;

export const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

export interface ManifestFinding {
  ctx: FixContext;
  documentIndex: number;
  /** where the pod spec is: from the document's top */
  spec: Locator;
  original: ManifestView;
  view(text: string): ManifestView | undefined;
}

export function manifestFinding(ctx: FixContext): ManifestFinding | undefined {
  const yaml = readYaml(ctx.text);
  const offset = ctx.finding.span.start;
  const documentIndex = yaml?.documents.findIndex((d) => {
    const range = d.range ?? [0, 0, 0];
    return range[0] <= offset && offset < range[2];
  });
  const document = documentIndex === undefined ? undefined : yaml?.documents[documentIndex];
  if (!yaml || !document || documentIndex === undefined || document.errors.length > 0)
    return undefined;

  const path = pathTo(document, offset, ctx.finding.span.end);
  const depth = specDepth(path);
  if (depth === undefined) return undefined;
  const spec = locatorOf(path, depth);
  const view = (text: string) => viewAt(text, documentIndex, spec);
  const original = view(ctx.text);
  return original && { ctx, documentIndex, spec, original, view };
}

function viewAt(text: string, index: number, spec: Locator): ManifestView | undefined {
  const yaml = readYaml(text);
  const document = yaml?.documents[index];
  if (!yaml || !document || document.errors.length > 0) return undefined;
  const node = follow(document.contents ?? undefined, spec);
  return isMap(node) ? { yaml, document, spec: node } : undefined;
}

/** The depth of the pod spec: the deepest mapping on the path with containers or volumes. */
function specDepth(path: readonly Step[]): number | undefined {
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = path[depth]?.parent;
    if (!isMap(parent)) continue;
    if ([...CONTAINER_LISTS, 'volumes'].some((key) => isSeq(pairOf(parent, key)?.value))) {
      return depth;
    }
  }
  return undefined;
}

/** The keys and positions that lead from the top to `path[depth].parent`. */
function locatorOf(path: readonly Step[], depth: number): Locator {
  return path.slice(0, depth).map((step) => (step.pair ? (keyText(step.pair) ?? '') : step.index));
}

export function follow(node: Node | undefined, locator: Locator): Node | undefined {
  let current = node;
  for (const part of locator) {
    if (typeof part === 'number')
      current = isSeq(current) ? (current.items[part] as Node) : undefined;
    else current = isMap(current) ? (pairOf(current, part)?.value as Node | undefined) : undefined;
  }
  return current;
}

/** The containers of the pod spec (all three lists), by name. */
export function containersOf(spec: YAMLMap): YAMLMap[] {
  return CONTAINER_LISTS.flatMap((key) => seqAt(spec, key)?.items ?? []).filter(
    (item): item is YAMLMap => isMap(item),
  );
}

export function containerNamed(spec: YAMLMap, name: string): YAMLMap | undefined {
  return containersOf(spec).find((c) => scalarString(pairOf(c, 'name')?.value) === name);
}

/** The container whose mapping holds `offset`. */
export function containerAt(spec: YAMLMap, offset: number): YAMLMap | undefined {
  return containersOf(spec).find((c) => {
    const range = c.range;
    return range !== undefined && range !== null && range[0] <= offset && offset <= range[1];
  });
}

/**
 * List items and other mappings that are entries of a list (containers, volumes) stay when a fix
 * empties them, and so does the pod spec; a key left with an empty value goes.
 */
export const keepInManifest: KeepEmpty = (path, depth) => {
  const parent = path[depth]?.parent;
  if (!isMap(parent)) return false;
  if (depth > 0 && path[depth - 1]?.pair === undefined) return true;
  return [...CONTAINER_LISTS, 'volumes'].some((key) => pairOf(parent, key) !== undefined);
};

/** A render quoting like the scalars under `siblings`; flow items when the list uses them. */
export function renderIn(view: ManifestView, siblings?: Node): Render {
  const items = isSeq(siblings) ? siblings.items : [];
  const flowItems = items.length > 0 && items.every((item) => isMap(item) && item.flow);
  const scalar = items.flatMap((item) => (isMap(item) ? item.items.map((p) => p.value) : [item]));
  const quoted = scalar.find(
    (v) => isScalar(v) && typeof v.value === 'string' && v.type !== 'PLAIN',
  );
  return { yaml: view.yaml, quote: quoteOf(quoted), flowItems };
}
