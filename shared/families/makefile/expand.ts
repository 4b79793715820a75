/**
 * Make's own expansion of a recipe before the shell sees it: `$(VAR)`, `${VAR}` and `$V` of
 * known variables replaced by their values, `$$` made `$`. Everything else (functions such as
 * `$(shell ...)`, automatic variables such as `$@`, unknown variables) stays as written. Each
 * piece of the result remembers the raw text it came from.
 */

export interface Segment {
  /** offsets in the expanded text */
  start: number;
  end: number;
  /** the raw text it came from */
  rawStart: number;
  rawEnd: number;
  /** copied character by character (else: a variable's value standing for its reference) */
  literal: boolean;
}

/** A variable reference that was replaced by its value. */
export interface Reference {
  name: string;
  rawStart: number;
  rawEnd: number;
}

/** The expanded text, its map back to the raw text, and the references replaced. */
export interface Expanded {
  text: string;
  segments: Segment[];
  references: Reference[];
}

/** The value of a variable, expanded; undefined when unknown (left as written). */
export type Lookup = (name: string) => string | undefined;

const NAME = /^[A-Za-z0-9_.-]+$/;

/** Expands `raw` as make expands a recipe line. */
export function expand(raw: string, lookup: Lookup): Expanded {
  const out: Expanded = { text: '', segments: [], references: [] };
  const closers = matchingClosers(raw);
  let at = 0;
  while (at < raw.length) {
    const dollar = raw.indexOf('$', at);
    if (dollar < 0) {
      literal(out, raw, at, raw.length);
      break;
    }
    literal(out, raw, at, dollar);
    at = reference(out, raw, dollar, lookup, closers);
  }
  return out;
}

function literal(out: Expanded, raw: string, start: number, end: number): void {
  if (end <= start) return;
  push(out, raw.slice(start, end), start, end, true);
}

function push(
  out: Expanded,
  text: string,
  rawStart: number,
  rawEnd: number,
  isLiteral: boolean,
): void {
  const start = out.text.length;
  out.text += text;
  out.segments.push({ start, end: out.text.length, rawStart, rawEnd, literal: isLiteral });
}

/** Handles the `$` at `dollar`; returns where to go on. */
function reference(
  out: Expanded,
  raw: string,
  dollar: number,
  lookup: Lookup,
  closers: ReadonlyMap<number, number>,
): number {
  const next = raw[dollar + 1];
  if (next === '$') {
    push(out, '$', dollar, dollar + 1, true);
    return dollar + 2;
  }

  if (next === '(' || next === '{') {
    const close = closers.get(dollar + 1) ?? raw.length;
    const name = raw.slice(dollar + 2, close);
    const value = close < raw.length && NAME.test(name) ? lookup(name) : undefined;
    if (value === undefined) {
      literal(out, raw, dollar, dollar + 2);
      return dollar + 2;
    }
    return substitute(out, name, value, dollar, close + 1);
  }

  const value = next === undefined || /\s/.test(next) ? undefined : lookup(next);
  if (value === undefined) {
    literal(out, raw, dollar, Math.min(dollar + 2, raw.length));
    return dollar + 2;
  }
  return substitute(out, next ?? '', value, dollar, dollar + 2);
}

function substitute(
  out: Expanded,
  name: string,
  value: string,
  start: number,
  end: number,
): number {
  out.references.push({ name, rawStart: start, rawEnd: end });
  if (value !== '') push(out, value, start, end, false);
  return end;
}

/**
 * The offset of the parenthesis or brace that closes each one that is closed, in one pass:
 * searching for each opener's closer separately rescanned the line once per unclosed `$(`.
 * Parentheses and braces nest independently of each other, as make counts them.
 */
function matchingClosers(raw: string): Map<number, number> {
  const closers = new Map<number, number>();
  const open: Record<string, number[]> = { '(': [], '{': [] };
  for (let at = 0; at < raw.length; at++) {
    const c = raw[at];
    if (c === '(' || c === '{') open[c]?.push(at);
    const opener = c === ')' ? '(' : c === '}' ? '{' : undefined;
    const start = opener === undefined ? undefined : open[opener]?.pop();
    if (start !== undefined) closers.set(start, at);
  }
  return closers;
}
