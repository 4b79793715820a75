import { parseTree, type Node } from 'jsonc-parser';
import { indentAt, lineEndAt, nextLineStart, ownedFrom, startsLine } from '../text';
import type { TextEdit } from '../types';

/**
 * Minimal edits of JSON with comments: removing array elements and object properties with their
 * commas, adding new ones after the last in the collection's own style (one per line or inline,
 * with or without a trailing comma), replacing a value. Nothing else is reformatted.
 */

export function jsonTree(text: string): Node | undefined {
  try {
    return parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  } catch {
    return undefined;
  }
}

type Ranged = Pick<Node, 'offset' | 'length'>;

export function end(node: Ranged): number {
  return node.offset + node.length;
}

const COMMENTS = ['//', '/*'];

/** The comma after a child (a trailing comma included), as its offset. */
function commaAfter(text: string, node: Ranged): number | undefined {
  const match = /^\s*,/.exec(text.slice(end(node)));
  return match ? end(node) + match[0].length - 1 : undefined;
}

/**
 * Removes children `from`..`to` (array elements, or properties of an object). On lines of their
 * own they go with those lines and the comment lines above them; the collection keeps its
 * trailing comma, or its lack of one. Undefined when nothing would be left: remove the parent.
 */
export function removeChildren(
  text: string,
  parent: { children?: readonly Ranged[] },
  from: number,
  to: number,
  comments: readonly string[] = COMMENTS,
): TextEdit | undefined {
  const children = parent.children ?? [];
  const first = children[from];
  const last = children[to];
  const next = children[to + 1];
  const previous = children[from - 1];
  if (!first || !last || (!next && !previous)) return undefined;
  const ownLines = startsLine(text, first.offset);
  const linesFrom = () => ownedFrom(text, first.offset, comments);

  if (next) {
    if (ownLines && startsLine(text, next.offset)) {
      return { start: linesFrom(), end: nextLineStart(text, end(last)), newText: '' };
    }
    return { start: first.offset, end: next.offset, newText: '' };
  }
  const trailing = commaAfter(text, last) !== undefined;
  if (ownLines && trailing) {
    return { start: linesFrom(), end: nextLineStart(text, end(last)), newText: '' };
  }
  if (ownLines && previous) {
    // The last entries go: the comma after the entry before them would be left trailing.
    const comma = commaAfter(text, previous) ?? end(previous);
    return { start: comma, end: lineEndAt(text, end(last)), newText: '' };
  }
  return previous ? { start: end(previous), end: end(last), newText: '' } : undefined;
}

/** A value as JSON on one line, the way a person writes it (`{ "a": 1 }`). */
export function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const pairs = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`);
    return pairs.length === 0 ? '{}' : `{ ${pairs.join(', ')} }`;
  }
  return JSON.stringify(value);
}

/**
 * `"key": value` as a new property of `parent`: an object value is written over several lines
 * when the parent's properties stand on lines of their own, indented one step deeper.
 */
export function propertyText(text: string, parent: Node, key: string, value: unknown, eol: string) {
  const last = parent.children?.[parent.children.length - 1];
  const nested = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!last || !nested || !startsLine(text, last.offset) || Object.keys(value).length < 2) {
    return `${JSON.stringify(key)}: ${inline(value)}`;
  }
  const indent = indentAt(text, last.offset);
  const step = Math.max(1, indent.length - indentAt(text, parent.offset).length);
  const inner = indent + (indent.startsWith('\t') ? '\t' : ' '.repeat(step));
  const lines = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${inline(v)}`);
  return `${JSON.stringify(key)}: {${eol}${lines.join(`,${eol}`)}${eol}${indent}}`;
}

/** Adds entries (written: `"key": value`, or an element) after the last child of a collection. */
export function addChildren(
  text: string,
  parent: Node,
  entries: readonly string[],
  eol: string,
): TextEdit {
  const children = parent.children ?? [];
  const last = children[children.length - 1];
  if (!last) {
    const close = end(parent) - 1;
    const pad = parent.type === 'object' ? ' ' : '';
    return { start: close, end: close, newText: `${pad}${entries.join(', ')}${pad}` };
  }
  const comma = commaAfter(text, last);
  const at = comma === undefined ? end(last) : comma + 1;
  if (startsLine(text, last.offset)) {
    const indent = indentAt(text, last.offset);
    const lines = entries.map((e) => `${eol}${indent}${e}`);
    const body = comma === undefined ? `,${lines.join(',')}` : `${lines.join(',')},`;
    return { start: at, end: at, newText: body };
  }
  const body = comma === undefined ? `, ${entries.join(', ')}` : ` ${entries.join(', ')},`;
  return { start: at, end: at, newText: body };
}

/** The property node `key` of an object node (the last one, as JSON readers take it). */
export function propertyOf(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  let found: Node | undefined;
  for (const property of object.children ?? []) {
    if (property.children?.[0]?.value === key) found = property;
  }
  return found;
}

export function valueOf(object: Node | undefined, key: string): Node | undefined {
  return propertyOf(object, key)?.children?.[1];
}
