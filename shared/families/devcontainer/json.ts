import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { SourceDocument } from '../../model/document';
import type { Notice, Span } from '../../model/finding';

/**
 * JSON with comments and trailing commas (devcontainer.json, daemon.json), read with exact node
 * offsets, and the map from a string's value back to its characters in the text.
 */

export interface JsonTree {
  root: Node | undefined;
  notices: Notice[];
}

/** Parses leniently; the first syntax error becomes a notice and the rest of the tree is kept. */
export function parseJsonc(doc: SourceDocument, what: string): JsonTree {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(doc.text, errors, {
      allowTrailingComma: true,
      disallowComments: false,
      allowEmptyContent: true,
    });
  } catch (error) {
    // The parser recurses per nesting level: text nested deep enough exhausts the stack.
    const reason = error instanceof Error ? error.message : String(error);
    const message = `${what} could not be parsed (${reason}); it was not analysed`;
    return {
      root: undefined,
      notices: [{ severity: 'warning', message, span: doc.lines.span(0, 0) }],
    };
  }

  const first = errors[0];
  if (!first) return { root, notices: [] };
  const reason = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const notice: Notice = {
    severity: 'warning',
    message: `${what} is not valid JSON here (${reason}); the analysis may be incomplete`,
    // The parser measures an unclosed comment one past the end of the text.
    span: doc.lines.span(first.offset, Math.min(first.offset + first.length, doc.text.length)),
  };
  return { root, notices: [notice] };
}

/** The value of the last property `key` of an object node (later duplicates win, as in JSON). */
export function propertyValue(node: Node | undefined, key: string): Node | undefined {
  return propertyNode(node, key)?.children?.[1];
}

/** The last property node `key` of an object node. */
export function propertyNode(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  let found: Node | undefined;
  for (const property of node.children ?? []) {
    if (property.children?.[0]?.value === key) found = property;
  }
  return found;
}

/** The properties of an object node as key node and value node. */
export function properties(node: Node | undefined): Array<{ key: Node; value: Node | undefined }> {
  if (node?.type !== 'object') return [];
  const list: Array<{ key: Node; value: Node | undefined }> = [];
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    if (key?.type === 'string') list.push({ key, value: property.children?.[1] });
  }
  return list;
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** A string element of an array node, or every string element. */
export function stringElements(node: Node | undefined): Node[] {
  if (node?.type !== 'array') return [];
  return (node.children ?? []).filter((child) => child.type === 'string');
}

/**
 * Where each character of a string node's value sits in the text: entry `i` is the offset of
 * value character `i`, the last entry the offset of the closing quote. Undefined when the node
 * is not a well-formed string literal.
 */
export function stringOffsets(text: string, node: Node): number[] | undefined {
  if (node.type !== 'string' || typeof node.value !== 'string') return undefined;
  const decoded = decodeJsonString(text, node.offset + 1, valueEnd(text, node));
  return decoded?.value === node.value ? decoded.offsets : undefined;
}

/** Where a string node's value ends: at its closing quote, or at its end when left unclosed. */
function valueEnd(text: string, node: Node): number {
  const end = node.offset + node.length;
  if (node.length < 2 || text[end - 1] !== '"') return end;
  let backslashes = 0;
  while (text[end - 2 - backslashes] === '\\' && end - 2 - backslashes > node.offset) backslashes++;
  return backslashes % 2 === 0 ? end - 1 : end;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Decodes the JSON string text between `start` and `end` (quotes excluded) with its offsets. */
export function decodeJsonString(
  text: string,
  start: number,
  end: number,
): { value: string; offsets: number[] } | undefined {
  let value = '';
  const offsets: number[] = [];
  for (let i = start; i < end; i++) {
    offsets.push(i);
    const ch = text[i] ?? '';
    if (ch !== '\\') {
      value += ch;
      continue;
    }

    const code = text[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[code];
    if (simple !== undefined) {
      value += simple;
      i += 1;
      continue;
    }
    const hex = text.slice(i + 2, i + 6);
    if (code !== 'u' || !/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
    value += String.fromCharCode(parseInt(hex, 16));
    i += 5;
  }
  offsets.push(end);
  return { value, offsets };
}

/** The span of a node without its quotes (a string) or the whole node (anything else). */
export function innerSpan(doc: SourceDocument, node: Node): Span {
  if (node.type === 'string' && node.length >= 1) {
    return doc.lines.span(node.offset + 1, Math.max(node.offset + 1, valueEnd(doc.text, node)));
  }
  return doc.lines.span(node.offset, node.offset + node.length);
}

/**
 * The span of value characters `from`..`to` of a string node; the whole string without quotes
 * when its characters cannot be mapped.
 */
export function valuePartSpan(doc: SourceDocument, node: Node, from: number, to: number): Span {
  const offsets = stringOffsets(doc.text, node);
  const start = offsets?.[from];
  const end = offsets?.[to];
  if (start === undefined || end === undefined) return innerSpan(doc, node);
  return doc.lines.span(start, end);
}
