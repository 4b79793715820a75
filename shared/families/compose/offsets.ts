import { isScalar, type Node } from 'yaml';
import { rangeOf } from './nodes';

/**
 * Maps each character of a scalar's value back to the text, so that a finding can point at part
 * of a scalar (the value after `=` in `- DOCKER_HOST=tcp://docker:2375`). Entry `i` is where value
 * character `i` starts in the text; the last entry is where the value ends. Only one-line plain,
 * single- and double-quoted scalars are mapped (escapes included); for anything else (folded
 * lines, block scalars) the answer is undefined and callers point at the whole scalar.
 */
export function valueOffsets(node: Node | undefined, text: string): number[] | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  const [start, end] = rangeOf(node);
  const source = text.slice(start, end);
  if (/[\r\n]/.test(source)) return undefined;

  let mapped: Mapped | undefined;
  if (node.type === 'PLAIN') mapped = plain(source, start);
  else if (node.type === 'QUOTE_SINGLE') mapped = singleQuoted(source, start);
  else if (node.type === 'QUOTE_DOUBLE') mapped = doubleQuoted(source, start);

  return mapped && mapped.value === node.value ? mapped.offsets : undefined;
}

interface Mapped {
  value: string;
  offsets: number[];
}

function plain(source: string, start: number): Mapped {
  const offsets = Array.from({ length: source.length + 1 }, (_, i) => start + i);
  return { value: source, offsets };
}

function singleQuoted(source: string, start: number): Mapped | undefined {
  if (source.length < 2) return undefined;
  let value = '';
  const offsets: number[] = [];
  for (let i = 1; i < source.length - 1; i++) {
    offsets.push(start + i);
    value += source[i];
    if (source[i] === "'") i++;
  }
  offsets.push(start + source.length - 1);
  return { value, offsets };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

const HEX_LENGTHS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function doubleQuoted(source: string, start: number): Mapped | undefined {
  if (source.length < 2) return undefined;
  let value = '';
  const offsets: number[] = [];
  const last = source.length - 1;

  for (let i = 1; i < last; i++) {
    const ch = source[i] ?? '';
    if (ch !== '\\') {
      offsets.push(start + i);
      value += ch;
      continue;
    }

    const code = source[i + 1] ?? '';
    const hexLength = HEX_LENGTHS[code];
    let decoded: string | undefined = SIMPLE_ESCAPES[code];
    let width = 2;
    if (hexLength !== undefined) {
      const digits = source.slice(i + 2, i + 2 + hexLength);
      const point = /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : NaN;
      if (digits.length !== hexLength || !(point <= 0x10ffff)) return undefined;
      decoded = String.fromCodePoint(point);
      width = 2 + hexLength;
    }
    if (decoded === undefined) return undefined;

    for (let k = 0; k < decoded.length; k++) offsets.push(start + i);
    value += decoded;
    i += width - 1;
  }
  offsets.push(start + last);
  return { value, offsets };
}
