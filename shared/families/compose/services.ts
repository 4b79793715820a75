import { isMap, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { Owner } from '../../model/finding';
import type { Variables } from '../../paths/normalise';
import { interpolate } from '../../paths/normalise';
import { AnchorIndex, asMap, entries, isTrue, rangeOf, scalarText, type Entry } from './nodes';

/**
 * The walk over one Compose document that every check (and the quick fixes) starts from: its
 * services with their effective entries, merge keys applied, aliases resolved once.
 */

export interface ComposeFile {
  /** the analysed text (no byte-order mark); node ranges are offsets into it */
  text: string;
  anchors: AnchorIndex;
  /** the top-level mapping, when the document is one */
  root: YAMLMap | undefined;
  services: ComposeService[];
  /** top-level entries by key, merges applied (`volumes`, `x-*`, ...) */
  get(key: string): Entry | undefined;
}

export interface ComposeService {
  name: string;
  /** the service's key under `services:` */
  keyNode: Scalar;
  /** its mapping with aliases resolved; undefined when the value is not a mapping */
  node: YAMLMap | undefined;
  /** its entries after merge keys, own entries first */
  entries: Entry[];
  get(key: string): Entry | undefined;
  /** `image:` as written and with variables resolved */
  image: { written: string; resolved: string; node: Node } | undefined;
  /** the `privileged: true` value node, when the service runs privileged */
  privileged: Node | undefined;
}

/** Reads one parsed YAML document as a Compose file. */
export function readComposeFile(
  document: Document,
  text: string,
  variables: Variables = {},
): ComposeFile {
  const anchors = new AnchorIndex(document);
  const root = asMap(anchors.resolve(document.contents));
  const top = entries(root, anchors, text);
  const get = (key: string): Entry | undefined => top.find((e) => e.key === key);

  const servicesMap = asMap(get('services')?.value);
  const services = entries(servicesMap, anchors, text).map((e) =>
    readService(e, anchors, text, variables),
  );
  return { text, anchors, root, services, get };
}

function readService(
  declared: Entry,
  anchors: AnchorIndex,
  text: string,
  variables: Variables,
): ComposeService {
  const node = isMap(declared.value) ? declared.value : undefined;
  const own = entries(node, anchors, text);
  const get = (key: string): Entry | undefined => own.find((e) => e.key === key);

  const imageEntry = get('image');
  const written = scalarText(imageEntry?.value, text);
  const image =
    written !== undefined && imageEntry?.value
      ? { written, resolved: interpolate(written, variables).value, node: imageEntry.value }
      : undefined;

  const privilegedValue = get('privileged')?.value;
  const privileged = isTrue(privilegedValue) ? privilegedValue : undefined;

  return {
    name: declared.key,
    keyNode: declared.keyNode,
    node,
    entries: own,
    get,
    image,
    privileged,
  };
}

export function serviceOwner(service: ComposeService): Owner {
  return { kind: 'service', name: service.name };
}

/** True when offsets lie inside the service's own mapping (not in an anchor elsewhere). */
export function isInsideService(service: ComposeService, start: number, end: number): boolean {
  const [ownStart, , ownEnd] = rangeOf(service.node);
  return service.node !== undefined && start >= ownStart && end <= ownEnd;
}
