import type { SourceDocument } from '../../model/document';
import type { EmbeddedScript } from '../shell/embed';

/** An embedded script that also maps span ends (a span may end just before a continuation). */
export interface MappedScript extends EmbeddedScript {
  toDocumentEnd(offset: number): number;
}

/** A run of script text copied from the document. */
interface Segment {
  scriptStart: number;
  docStart: number;
  length: number;
}

/**
 * Script text assembled from pieces of the document, with the map back. A span that ends just
 * before a continuation ends on the line of its last character (`toDocumentEnd`).
 */
class PieceScript implements MappedScript {
  readonly text: string;

  constructor(
    source: string,
    private readonly segments: Segment[],
  ) {
    this.text = segments.map((s) => source.slice(s.docStart, s.docStart + s.length)).join('');
  }

  toDocument(offset: number): number {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const segment = this.segments[this.segmentAt(at)];
    return segment ? segment.docStart + (at - segment.scriptStart) : 0;
  }

  /** Where a span of the script that ends at `offset` (exclusive) ends in the document. */
  toDocumentEnd(offset: number): number {
    if (offset <= 0) return this.toDocument(0);
    return this.toDocument(offset - 1) + 1;
  }

  private segmentAt(offset: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.segments[mid]?.scriptStart ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** A script that is one run of the document, mapped by adding its start. */
export function plainScript(doc: SourceDocument, start: number, end: number): MappedScript {
  return new PieceScript(doc.text, [{ scriptStart: 0, docStart: start, length: end - start }]);
}

/**
 * A script whose characters sit at the given document offsets (a decoded JSON string); entry
 * `text.length` is where the last character's text ends.
 */
export function offsetScript(text: string, offsets: readonly number[]): MappedScript {
  const at = (offset: number): number =>
    offsets[Math.max(0, Math.min(offset, offsets.length - 1))] ?? 0;
  return { text, toDocument: at, toDocumentEnd: at };
}

/**
 * The shell-form command of an instruction from `start` to `end` as the builder hands it to the
 * shell: continuation escapes (with the whitespace after them) removed, comment lines and empty
 * lines inside the continuation dropped.
 */
export function instructionScript(
  doc: SourceDocument,
  start: number,
  end: number,
  escape: string,
): MappedScript {
  const first = doc.lines.positionAt(start).line;
  const last = doc.lines.positionAt(end).line;
  const continuation = continuationOf(escape);
  const segments: Segment[] = [];
  let scriptStart = 0;

  for (let line = first; line <= last; line++) {
    const from = line === first ? start : doc.lines.lineStart(line);
    let to = line === last ? end : doc.lines.lineEnd(line);
    const text = doc.text.slice(from, to);
    if (line !== first && /^\s*(?:#.*)?$/.test(text)) continue;

    const escaped = line === last ? null : continuation.exec(text);
    if (escaped) to = from + escaped.index;
    if (to > from) segments.push({ scriptStart, docStart: from, length: to - from });
    scriptStart += Math.max(0, to - from);
  }
  if (segments.length === 0) segments.push({ scriptStart: 0, docStart: start, length: 0 });
  return new PieceScript(doc.text, segments);
}

/** The escape character's line continuation, compiled once per character. */
const CONTINUATIONS = new Map<string, RegExp>();

function continuationOf(escape: string): RegExp {
  let pattern = CONTINUATIONS.get(escape);
  if (!pattern) {
    pattern = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);
    CONTINUATIONS.set(escape, pattern);
  }
  return pattern;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const HEREDOC = /^<<(-?)(["']?)([A-Za-z_][\w.-]*)\2[ \t]*$/;

/**
 * The body of `RUN <<EOF` (the here-document is the script itself), or undefined when the first
 * line of the command is not a lone here-document marker.
 */
export function heredocScript(
  doc: SourceDocument,
  start: number,
  end: number,
): MappedScript | undefined {
  const first = doc.lines.positionAt(start).line;
  const marker = HEREDOC.exec(doc.text.slice(start, doc.lines.lineEnd(first)).trim());
  if (!marker) return undefined;

  const stripTabs = marker[1] === '-';
  const name = marker[3] ?? '';
  const last = doc.lines.positionAt(end).line;
  const bodyStart = doc.lines.lineStart(first + 1);
  let bodyEnd = bodyStart;
  for (let line = first + 1; line <= last; line++) {
    const text = doc.lines.lineText(line);
    if ((stripTabs ? text.replace(/^\t+/, '') : text) === name) break;
    bodyEnd = doc.lines.lineEnd(line);
  }
  return plainScript(doc, bodyStart, Math.max(bodyStart, bodyEnd));
}

/** Whether the first line of a RUN command holds a here-document operator. */
export function hasHeredoc(doc: SourceDocument, start: number): boolean {
  const first = doc.lines.positionAt(start).line;
  return /<<-?["']?[A-Za-z_]/.test(doc.text.slice(start, doc.lines.lineEnd(first)));
}
