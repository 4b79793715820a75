import { parse, Scalar, type Node } from 'yaml';
import type { TextEdit } from '../types';
import { valueOffsets } from '../../families/compose/offsets';

/** How a new scalar is quoted: like its neighbours when they are quoted, else plain if it can. */
export type QuoteStyle = 'plain' | 'single' | 'double';

/** The quoting of a written scalar; block scalars count as plain. */
export function quoteOf(node: unknown): QuoteStyle {
  if (!(node instanceof Scalar)) return 'plain';
  if (node.type === Scalar.QUOTE_DOUBLE) return 'double';
  if (node.type === Scalar.QUOTE_SINGLE) return 'single';
  return 'plain';
}

/**
 * True when `value` written plain reads back as exactly that string, in a block or a flow
 * collection alike (so flow indicators are never written plain).
 */
export function plainSafe(value: string): boolean {
  if (value === '' || /[\r\n\t,[\]{}]/.test(value) || value.trim() !== value) return false;
  try {
    const read: unknown = parse(`k: ${value}\n`);
    return (read as { k?: unknown } | null)?.k === value;
  } catch {
    return false;
  }
}

/** A string as a YAML scalar in the wanted style; plain falls back to double quotes. */
export function renderString(value: string, style: QuoteStyle): string {
  if (style === 'plain' && plainSafe(value)) return value;
  if (style === 'single' && !/[\r\n]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** Replaces a scalar's whole text with `value`, quoted as the scalar was. */
export function setScalar(node: Node, value: string): TextEdit | undefined {
  const range = node.range;
  if (!range || !(node instanceof Scalar)) return undefined;
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) return undefined;
  return { start: range[0], end: range[1], newText: renderString(value, quoteOf(node)) };
}

/**
 * Replaces value characters `from..to` of a one-line scalar with `replacement`, touching only
 * those characters when they map one to one onto the text; else the whole scalar is rewritten.
 */
export function replaceInScalar(
  node: Node,
  text: string,
  from: number,
  to: number,
  replacement: string,
): TextEdit | undefined {
  const value = node instanceof Scalar ? String(node.value ?? '') : undefined;
  if (value === undefined) return undefined;
  const offsets = valueOffsets(node, text);
  const start = offsets?.[from];
  const end = offsets?.[to];
  const exact = start !== undefined && end !== undefined && end - start === to - from;
  const safe = /^[A-Za-z0-9:/._-]*$/.test(replacement);
  if (exact && safe && node instanceof Scalar && node.type !== Scalar.PLAIN) {
    return { start, end, newText: replacement };
  }
  const whole = value.slice(0, from) + replacement + value.slice(to);
  if (exact && safe && plainSafe(whole)) return { start, end, newText: replacement };
  return setScalar(node, whole);
}
