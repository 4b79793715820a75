/**
 * Cheap pre-scans of how deep a text nests, run before a parser that recurses per level (the
 * YAML and JSON parsers do, and run out of stack a few thousand levels down). They over-count
 * rather than parse: a bracket inside a plain scalar of a multi-line flow collection counts. No
 * real configuration comes near the limit, so the error is harmless either way.
 */

/**
 * Where YAML first nests deeper than `limit`: the offset of the line, item or bracket that goes
 * one level too deep, or undefined. A level is a block indentation (a mapping or sequence
 * indented under its parent, each `- ` or `? ` of a compact `- - - x`) or an open `[`/`{` of a
 * flow collection; block scalars and comments are skipped.
 */
export function yamlTooDeep(text: string, limit: number): number | undefined {
  const scan = new YamlDepth(text, limit);
  for (let start = 0; start <= text.length;) {
    const end = lineEnd(text, start);
    const deep = scan.line(start, end);
    if (deep !== undefined) return deep;
    if (end >= text.length) break;
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return undefined;
}

/**
 * Where JSON with comments (`jsonc`) or TOML (`toml`) first opens more than `limit` brackets and
 * braces at once, or undefined. Strings and comments are skipped.
 */
export function bracketsTooDeep(
  text: string,
  limit: number,
  syntax: 'jsonc' | 'toml',
): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || (ch === "'" && syntax === 'toml')) {
      i = stringEnd(text, i);
    } else if (syntax === 'jsonc' && ch === '/' && text[i + 1] === '/') {
      i = lineEnd(text, i);
    } else if (syntax === 'jsonc' && ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (syntax === 'toml' && ch === '#') {
      i = lineEnd(text, i);
    } else if (ch === '[' || ch === '{') {
      if (++depth > limit) return i;
    } else if ((ch === ']' || ch === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) break;
    i++;
  }
  return i;
}

/** The offset of the closing quote of the string opening at `open` (TOML's `"""` and `'''` too). */
function stringEnd(text: string, open: number): number {
  const quote = text[open] ?? '"';
  const triple = quote.repeat(3);
  if (text.startsWith(triple, open)) {
    const close = text.indexOf(triple, open + 3);
    return close < 0 ? text.length : close + 2;
  }

  // One-line strings: an unterminated one ends at the line break, as the parsers read it.
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r' || ch === quote) return i;
    if (ch === '\\' && quote === '"') i++;
  }
  return text.length;
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/** The state of the YAML scan between lines. */
class YamlDepth {
  /** columns of the open block nodes, outermost first */
  private blocks: number[] = [];
  /** open flow brackets */
  private flow = 0;
  /** the quote of a quoted scalar left open inside a flow collection */
  private quote = '';
  /** lines indented deeper than this column belong to a block scalar */
  private scalarOwner: number | undefined;

  constructor(
    private readonly text: string,
    private readonly limit: number,
  ) {}

  line(start: number, end: number): number | undefined {
    const text = this.text;
    let at = start;
    while (at < end && isBlank(text[at])) at++;
    if (at === end) return undefined;

    if (at === start && /^(?:---|\.\.\.)(?=[ \t]|$)/.test(text.slice(at, Math.min(at + 4, end)))) {
      this.blocks = [];
      this.flow = 0;
      this.quote = '';
      this.scalarOwner = undefined;
      return undefined;
    }
    const column = at - start;
    if (this.scalarOwner !== undefined) {
      if (column > this.scalarOwner) return undefined;
      this.scalarOwner = undefined;
    }
    if (this.flow > 0 || this.quote !== '') return this.flowPart(at, end);
    if (text[at] === '#') return undefined;
    return this.blockPart(start, at, end);
  }

  private blockPart(start: number, first: number, end: number): number | undefined {
    const text = this.text;
    const column = first - start;
    while ((this.blocks[this.blocks.length - 1] ?? -1) >= column) this.blocks.pop();
    this.blocks.push(column);
    if (this.blocks.length > this.limit) return first;

    // A compact `- - - x` nests one level per indicator.
    let at = first;
    let owner = column;
    while ((text[at] === '-' || text[at] === '?') && (at + 1 === end || isBlank(text[at + 1]))) {
      owner = at - start;
      at++;
      while (at < end && isBlank(text[at])) at++;
      if (at === end) return undefined;
      this.blocks.push(at - start);
      if (this.blocks.length > this.limit) return at;
    }
    return this.value(at, end, owner, at - start);
  }

  /** Opens a flow collection or a block scalar that starts the node at `at` or its value. */
  private value(at: number, end: number, owner: number, column: number): number | undefined {
    let value = this.afterProperties(at, end);
    let scalarOwner = owner;
    if (!this.opensValue(value)) {
      const colon = this.keyColon(value, end);
      if (colon === undefined) return undefined;
      value = this.afterProperties(colon + 1, end);
      scalarOwner = column;
    }

    const head = this.text[value];
    if (head === '[' || head === '{') return this.flowPart(value, end);
    if (head === '|' || head === '>') this.scalarOwner = scalarOwner;
    return undefined;
  }

  private opensValue(at: number): boolean {
    const head = this.text[at];
    return head === '[' || head === '{' || head === '|' || head === '>';
  }

  /** Skips blanks, anchors (`&a`) and tags (`!!map`) before a node. */
  private afterProperties(from: number, end: number): number {
    const text = this.text;
    let at = from;
    for (;;) {
      while (at < end && isBlank(text[at])) at++;
      if (text[at] !== '&' && text[at] !== '!') return at;
      while (at < end && !isBlank(text[at])) at++;
    }
  }

  /** The `:` that ends a mapping key on this line, or undefined when the line holds none. */
  private keyColon(from: number, end: number): number | undefined {
    const text = this.text;
    let at = from;
    const quote = text[at];
    if (quote === '"' || quote === "'") {
      at++;
      while (at < end && text[at] !== quote) at += text[at] === '\\' && quote === '"' ? 2 : 1;
    }
    for (; at < end; at++) {
      const ch = text[at];
      if (ch === ':' && (at + 1 === end || isBlank(text[at + 1]))) return at;
      if (ch === '#' && isBlank(text[at - 1])) return undefined;
    }
    return undefined;
  }

  /** Counts brackets from `from` to the end of the line, or until the outermost one closes. */
  private flowPart(from: number, end: number): number | undefined {
    const text = this.text;
    for (let i = from; i < end; i++) {
      const ch = text[i];
      if (this.quote !== '') {
        if (ch === '\\' && this.quote === '"') i++;
        else if (ch === this.quote && text[i + 1] === "'" && ch === "'") i++;
        else if (ch === this.quote) this.quote = '';
      } else if ((ch === '"' || ch === "'") && (i === from || /[\s[{,:]/.test(text[i - 1] ?? ''))) {
        this.quote = ch;
      } else if (ch === '#' && (i === from || isBlank(text[i - 1]))) {
        return undefined;
      } else if (ch === '[' || ch === '{') {
        this.flow++;
        if (this.blocks.length + this.flow > this.limit) return i;
      } else if (ch === ']' || ch === '}') {
        if (this.flow > 0) this.flow--;
        if (this.flow === 0) return undefined;
      }
    }
    return undefined;
  }
}
