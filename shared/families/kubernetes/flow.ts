import { MAX_DEPTH, type KNode, type MapEntry, type ScalarNode } from './tree';

/** Builds a scalar node for `text.slice(start, end)`, as the caller reads scalars. */
export type ScalarMaker = (start: number, end: number) => ScalarNode;

/**
 * Reads a flow collection (`{path: /var/run/docker.sock, type: Socket}`, `[a, "b"]`) that starts
 * at `start` and closes before `end`, for the line scanner. Returns undefined when the text is not
 * one well-formed flow collection, so the caller keeps it as a plain scalar.
 */
export function parseFlow(
  text: string,
  start: number,
  end: number,
  scalar: ScalarMaker,
  depth = 0,
): KNode | undefined {
  const reader = new FlowReader(text, end, scalar);
  const node = reader.collection(start, depth);
  if (!node || reader.skipBlanks(node.end) !== end) return undefined;
  return node;
}

class FlowReader {
  constructor(
    private readonly text: string,
    private readonly limit: number,
    private readonly scalar: ScalarMaker,
  ) {}

  skipBlanks(at: number): number {
    let i = at;
    while (i < this.limit && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
    return i;
  }

  /** A `{...}` or `[...]` at `at`; its `end` is just past the closing bracket. */
  collection(at: number, depth: number): KNode | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const open = this.text[at];
    if (open !== '{' && open !== '[') return undefined;

    const close = open === '{' ? '}' : ']';
    const entries: MapEntry[] = [];
    const items: KNode[] = [];
    let i = this.skipBlanks(at + 1);
    while (i < this.limit && this.text[i] !== close) {
      const key = open === '{' ? this.token(i, true) : undefined;
      const valueAt = key ? this.skipBlanks(key.after + 1) : i;
      const value = this.value(valueAt, depth);
      if (!value) return undefined;

      if (key) {
        const name = this.scalar(key.start, key.end).value;
        entries.push({ key: name, keyStart: key.start, keyEnd: key.end, value: value.node });
      } else if (value.node) {
        items.push(value.node);
      }
      i = this.skipBlanks(value.after);
      if (this.text[i] === ',') i = this.skipBlanks(i + 1);
      else if (this.text[i] !== close) return undefined;
    }
    if (this.text[i] !== close) return undefined;

    const end = i + 1;
    if (open === '{') return { type: 'map', entries, start: at, end };
    return { type: 'seq', items, start: at, end };
  }

  private value(at: number, depth: number): { node: KNode | undefined; after: number } | undefined {
    const head = this.text[at];
    if (head === '{' || head === '[') {
      const node = this.collection(at, depth + 1);
      return node ? { node, after: node.end } : undefined;
    }

    const token = this.token(at, false);
    if (!token) return undefined;
    const node = token.end > token.start ? this.scalar(token.start, token.end) : undefined;
    return { node, after: token.end };
  }

  /**
   * A quoted or plain scalar at `at`. A key ends at a `:` followed by a blank or a flow
   * indicator (`after` is that colon); a value ends at `,`, `]` or `}`.
   */
  private token(
    at: number,
    key: boolean,
  ): { start: number; end: number; after: number } | undefined {
    const quote = this.text[at];
    let i = at;
    if (quote === '"' || quote === "'") {
      i = this.closingQuote(at + 1, quote);
      if (i < 0) return undefined;
      i++;
    } else {
      while (i < this.limit && !this.endsPlain(i, key)) i++;
    }

    let end = i;
    while (end > at && (this.text[end - 1] === ' ' || this.text[end - 1] === '\t')) end--;
    if (!key) return { start: at, end, after: end };

    const colon = this.skipBlanks(i);
    return this.text[colon] === ':' ? { start: at, end, after: colon } : undefined;
  }

  private endsPlain(i: number, key: boolean): boolean {
    const ch = this.text[i];
    if (ch === ',' || ch === ']' || ch === '}') return true;
    if (!key || ch !== ':') return false;
    const next = this.text[i + 1];
    return next === undefined || i + 1 >= this.limit || /[\s,[\]{}]/.test(next);
  }

  private closingQuote(from: number, quote: string): number {
    for (let i = from; i < this.limit; i++) {
      const ch = this.text[i];
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote && quote === "'" && this.text[i + 1] === "'") i++;
      else if (ch === quote) return i;
    }
    return -1;
  }
}
