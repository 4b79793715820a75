import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { readComposeFile, type ComposeFile, type ComposeService } from '../../families/compose';
import type { EngineOptions } from '../../model/options';
import type { QuoteStyle } from '../yaml/scalar';
import { quoteOf } from '../yaml/scalar';
import type { Render } from '../yaml/insert';
import { pathTo, readYaml, type Step, type YamlText } from '../yaml/tree';

/**
 * One Compose document read for editing, through the Compose family's own walk (merge keys and
 * aliases as Compose reads them) over a parse that keeps offsets. Steps of a fix read a fresh
 * view of the text they are given and find what they change by name, never by an old offset.
 */
export interface ComposeView {
  yaml: YamlText;
  document: Document;
  file: ComposeFile;
}

const views = new WeakMap<Document, WeakMap<EngineOptions, ComposeView>>();

/** The view of document `documentIndex` of a text (kept with its parse, see readYaml). */
export function composeView(
  text: string,
  documentIndex: number,
  options: EngineOptions,
): ComposeView | undefined {
  const document = readYaml(text)?.documents[documentIndex];
  const known = document && views.get(document)?.get(options);
  if (known) return known;
  const view = readView(text, documentIndex, options);
  if (document && view)
    views.set(document, (views.get(document) ?? new WeakMap()).set(options, view));
  return view;
}

function readView(text: string, documentIndex: number, options: EngineOptions) {
  const yaml = readYaml(text);
  const document = yaml?.documents[documentIndex];
  if (!yaml || !document || document.errors.length > 0) return undefined;
  const file = readComposeFile(document, text, options.variables ?? {});
  if (!file.root) return undefined;
  return { yaml, document, file };
}

/** The index of the document holding `offset`. */
export function documentIndexAt(text: string, offset: number): number {
  const yaml = readYaml(text);
  const index = yaml?.documents.findIndex((d) => {
    const range = d.range ?? [0, 0, 0];
    return range[0] <= offset && offset < range[2];
  });
  return index === undefined || index < 0 ? 0 : index;
}

export function serviceNamed(view: ComposeView, name: unknown): ComposeService | undefined {
  return typeof name === 'string' ? view.file.services.find((s) => s.name === name) : undefined;
}

/** The own pair of a service (merge keys ignored): what a fix may edit in place. */
export function ownPair(service: ComposeService, key: string) {
  return service.node?.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

/** The steps from the top of the document to the span. */
export function pathAt(view: ComposeView, start: number, end: number): Step[] {
  return pathTo(view.document, start, end);
}

/** A render that quotes like the scalars of `siblings` (the first scalar found decides). */
export function renderLike(view: ComposeView, siblings: Node | undefined): Render {
  return { yaml: view.yaml, quote: siblingQuote(siblings) };
}

function siblingQuote(node: Node | undefined): QuoteStyle {
  if (isSeq(node)) {
    const scalar = node.items.find((item) => isScalar(item));
    return quoteOf(scalar);
  }
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.value) && typeof p.value.value === 'string');
    return quoteOf(pair?.value);
  }
  return 'plain';
}

/** The top-level mapping of the document. */
export function rootMap(view: ComposeView): YAMLMap | undefined {
  return view.file.root;
}

/** The `services` mapping. */
export function servicesMap(view: ComposeView): YAMLMap | undefined {
  const value = view.file.get('services')?.value;
  return isMap(value) ? value : undefined;
}
