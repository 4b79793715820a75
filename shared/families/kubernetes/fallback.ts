import { parseFlow } from './flow';
import { MAX_DEPTH, unquote, type KNode, type MapEntry, type ScalarNode } from './tree';

/**
 * A forgiving reader of block YAML by indentation, for documents the YAML parser rejects (Helm
 * templates whose branches repeat keys or shift indentation, hand-edited manifests with a stray
 * tab). It builds the same tree as the parser, with exact offsets, and never fails: a line it
 * cannot place is skipped. It reads block mappings and sequences, `- key: value` items, quoted and
 * plain scalars, one-line flow collections and block scalars; multi-line flow collections and
 * multi-line plain scalars are beyond it.
 */

interface Line {
  /** column of the content; for a `- key: v` item it moves to the key once the dash is read */
  indent: number;
  /** offset of the content */
  start: number;
  /** offset after the content, comment and trailing blanks removed */
  end: number;
}

const KEY_PLAIN =
  /^[^\s#'"{[\]}|>,&!*%@`-][^\r\n]*?(?=:(?:[ \t]|$))|^-(?=[^\s])[^\r\n]*?(?=:(?:[ \t]|$))/;

/**
 * Reads `masked` (a document with its templates masked, see template.ts) by indentation; scalar
 * values holding a directive are read from `original`, the same text unmasked.
 */
export function parseByIndentation(masked: string, original: string): KNode | undefined {
  const reader = new IndentReader(masked, original, scanLines(masked, 0, masked.length));
  const root = reader.node(0, 0);

  // A template may indent the first keys more than the rest: later top-level keys join them.
  for (let more = reader.node(0, 0); more; more = reader.node(0, 0)) {
    if (root?.type === 'map' && more.type === 'map') root.entries.push(...more.entries);
  }
  return root;
}

function scanLines(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let at = start;
  while (at < end) {
    let lineEnd = at;
    while (lineEnd < end && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;

    const line = readLine(text, at, lineEnd);
    if (line) lines.push(line);
    at = text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
  }
  return lines;
}

function readLine(text: string, lineStart: number, lineEnd: number): Line | undefined {
  let start = lineStart;
  while (start < lineEnd && (text[start] === ' ' || text[start] === '\t')) start++;

  const end = contentEnd(text, start, lineEnd);
  if (end <= start) return undefined;
  const content = text.slice(start, end);
  if (/^(?:---|\.\.\.)(?:\s|$)/.test(content) || content.startsWith('%')) return undefined;
  return { indent: start - lineStart, start, end };
}

/** Where the content ends: before a comment (`#` at the start or after a blank, not quoted). */
function contentEnd(text: string, start: number, lineEnd: number): number {
  let quote: string | undefined;
  let end = lineEnd;
  for (let i = start; i < lineEnd; i++) {
    const ch = text[i];
    const prev = i === start ? ' ' : text[i - 1];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if ((ch === '"' || ch === "'") && /[\s[{,:]/.test(prev ?? ' ')) {
      quote = ch;
    } else if (ch === '#' && (prev === ' ' || prev === '\t')) {
      end = i;
      break;
    }
  }
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end;
}

class IndentReader {
  private next = 0;

  constructor(
    private readonly masked: string,
    private readonly original: string,
    private readonly lines: Line[],
  ) {}

  /** The node that starts at the cursor, if its line is indented at least `min`. */
  node(min: number, depth: number): KNode | undefined {
    const line = this.lines[this.next];
    if (!line || line.indent < min) return undefined;

    if (depth > MAX_DEPTH) {
      this.skipFrom(min);
      return undefined;
    }
    if (this.isItem(line)) return this.sequence(line.indent, depth);
    if (this.keyOf(line)) return this.mapping(line.indent, depth);

    this.next++;
    return this.inlineValue(line.start, line.end, depth);
  }

  private sequence(indent: number, depth: number): KNode {
    const items: KNode[] = [];
    const start = this.lines[this.next]?.start ?? 0;

    for (let line = this.lines[this.next]; line; line = this.lines[this.next]) {
      if (line.indent !== indent || !this.isItem(line)) break;

      const rest = this.afterDash(line);
      let item: KNode | undefined;
      if (rest >= line.end) {
        this.next++;
        item = this.node(indent + 1, depth + 1) ?? this.scalar(rest, rest, false);
      } else {
        line.indent += rest - line.start;
        line.start = rest;
        item = this.node(line.indent, depth + 1);
      }
      if (item) items.push(item);

      // Lines indented deeper than the items but claimed by none: a branch of a template that
      // indents its items differently. Their items join this list.
      for (const stray of this.strays(indent, depth)) {
        if (stray.type === 'seq') items.push(...stray.items);
        else items.push(stray);
      }
    }
    return { type: 'seq', items, start, end: items[items.length - 1]?.end ?? start };
  }

  private mapping(indent: number, depth: number): KNode {
    const entries: MapEntry[] = [];
    const start = this.lines[this.next]?.start ?? 0;
    let end = start;

    for (let line = this.lines[this.next]; line; line = this.lines[this.next]) {
      if (line.indent !== indent) break;
      if (this.isItem(line)) {
        // Items at the key's indentation after a list (`volumes:` with a template branch that
        // indents its items less) continue that list.
        const last = entries[entries.length - 1];
        if (last?.value?.type !== 'seq') break;
        const more = this.sequence(indent, depth + 1);
        if (more.type === 'seq') last.value.items.push(...more.items);
        continue;
      }

      this.next++;
      const key = this.keyOf(line);
      const value = key && this.entryValue(key.valueStart, line.end, indent, depth);
      const entry = key && { key: key.name, keyStart: line.start, keyEnd: key.keyEnd, value };
      if (entry) entries.push(entry);
      end = value?.end ?? line.end;

      // Deeper lines no value claimed: an empty value takes them, a mapping's keys join this
      // mapping, anything else is kept under an empty key so that the walk still sees it.
      for (const stray of this.strays(indent, depth)) {
        if (entry && isEmpty(entry.value)) entry.value = stray;
        else if (stray.type === 'map') entries.push(...stray.entries);
        else entries.push({ key: '', keyStart: stray.start, keyEnd: stray.start, value: stray });
        end = Math.max(end, stray.end);
      }
    }
    return { type: 'map', entries, start, end };
  }

  /** The nodes on the lines after the cursor that are indented deeper than `indent`. */
  private strays(indent: number, depth: number): KNode[] {
    const nodes: KNode[] = [];
    for (let line = this.lines[this.next]; line && line.indent > indent;) {
      const node = this.node(line.indent, depth + 1);
      if (node) nodes.push(node);
      line = this.lines[this.next];
    }
    return nodes;
  }

  private entryValue(valueStart: number, lineEnd: number, indent: number, depth: number) {
    if (valueStart < lineEnd) {
      const head = this.masked[valueStart];
      if (head === '|' || head === '>') return this.blockScalar(valueStart, lineEnd, indent);
      return this.inlineValue(valueStart, lineEnd, depth);
    }

    const following = this.lines[this.next];
    if (following && following.indent > indent) return this.node(indent + 1, depth + 1);
    if (following && following.indent === indent && this.isItem(following)) {
      return this.sequence(indent, depth + 1);
    }
    return this.scalar(valueStart, valueStart, false);
  }

  private blockScalar(start: number, headerEnd: number, indent: number): ScalarNode {
    let end = headerEnd;
    for (let line = this.lines[this.next]; line && line.indent > indent;) {
      end = line.end;
      this.next++;
      line = this.lines[this.next];
    }
    const node = this.scalar(start, end, true);
    if (node.value.includes('{{')) return node;

    const lines = this.original
      .slice(headerEnd, end)
      .split(/\r\n|\r|\n/)
      .slice(1);
    const joiner = this.masked[start] === '>' ? ' ' : '\n';
    return { ...node, value: lines.map((l) => l.trim()).join(joiner) };
  }

  private inlineValue(start: number, end: number, depth: number): KNode {
    const head = this.masked[start];
    if (head === '{' || head === '[') {
      const flow = parseFlow(this.masked, start, end, (s, e) => this.scalar(s, e, false), depth);
      if (flow) return flow;
    }
    return this.scalar(start, end, false);
  }

  private scalar(start: number, end: number, block: boolean): ScalarNode {
    const tagged = /^(?:[&!][^\s]*[ \t]+)+/.exec(this.masked.slice(start, end));
    const from = start + (tagged?.[0].length ?? 0);
    const raw = this.original.slice(from, end);
    let value = raw.includes('{{') || block ? unquote(raw) : plainValue(raw);
    if (/^(?:~|null|Null|NULL)$/.test(raw)) value = '';
    return { type: 'scalar', value, block, start: from, end };
  }

  /** Skips lines indented at least `min`. */
  private skipFrom(min: number): void {
    while ((this.lines[this.next]?.indent ?? -1) >= min) this.next++;
  }

  private isItem(line: Line): boolean {
    const ch = this.masked[line.start + 1];
    return (
      this.masked[line.start] === '-' && (line.start + 1 >= line.end || ch === ' ' || ch === '\t')
    );
  }

  private afterDash(line: Line): number {
    let at = line.start + 1;
    while (at < line.end && (this.masked[at] === ' ' || this.masked[at] === '\t')) at++;
    return at;
  }

  private keyOf(line: Line): { name: string; keyEnd: number; valueStart: number } | undefined {
    const content = this.masked.slice(line.start, line.end);
    const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?=[ \t]|$)/.exec(content);
    const plain = quoted ? undefined : KEY_PLAIN.exec(content);
    const keyText = quoted?.[1] ?? plain?.[0].trimEnd();
    if (keyText === undefined || keyText === '') return undefined;

    const colon = content.indexOf(':', keyText.length);
    let valueStart = line.start + colon + 1;
    while (valueStart < line.end && /[ \t]/.test(this.masked[valueStart] ?? '')) valueStart++;
    const name = quoted
      ? plainValue(keyText)
      : this.original.slice(line.start, line.start + keyText.length);
    return { name, keyEnd: line.start + keyText.length, valueStart };
  }
}

function isEmpty(node: KNode | undefined): boolean {
  return node === undefined || (node.type === 'scalar' && node.start === node.end);
}

/** A scalar's value without template text: quotes removed and escapes applied. */
function plainValue(raw: string): string {
  if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) {
    return raw.slice(1, -1).replace(/''/g, "'");
  }
  if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value === 'string') return value;
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw;
}
