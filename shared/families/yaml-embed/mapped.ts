/**
 * Text taken out of a document (a YAML scalar's value, a TOML string) together with the map from
 * each offset of that text back to the document, so that a finding inside the value can point at
 * the exact characters the user wrote.
 */
export interface MappedText {
  text: string;
  /**
   * The document offset where value character `offset` starts; `text.length` maps to where the
   * last character ends. Characters that stand for a line break folded into a space (or for
   * several breaks) map to the end of the content before the break, so that a span ending before
   * them ends on that content and a span covering them covers the break and the indentation.
   */
  toDocument(offset: number): number;
  /** Where a span of the value ending (exclusive) at `offset` ends: after an escape, whole. */
  toDocumentEnd(offset: number): number;
}

/** Builds a MappedText one piece at a time, in value order. */
export class TextBuilder {
  private text = '';
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private end: number;

  constructor(start: number) {
    this.end = start;
  }

  /** Where the value built so far ends in the document. */
  get documentEnd(): number {
    return this.end;
  }

  get value(): string {
    return this.text;
  }

  /** Characters copied verbatim from the document at `start`. */
  copy(chars: string, start: number): void {
    for (let i = 0; i < chars.length; i++) {
      this.starts.push(start + i);
      this.ends.push(start + i + 1);
    }
    this.text += chars;
    this.end = start + chars.length;
  }

  /** Characters that all stand for the document text [start, end): an escape, a folded break. */
  add(chars: string, start: number, end: number): void {
    for (let i = 0; i < chars.length; i++) {
      this.starts.push(start);
      this.ends.push(end);
    }
    this.text += chars;
    if (chars.length > 0) this.end = end;
  }

  build(): MappedText {
    const { starts, ends, end } = this;
    return {
      text: this.text,
      toDocument: (offset) => locate(starts, end, offset),
      toDocumentEnd: (offset) =>
        offset <= 0 ? locate(starts, end, 0) : locate(ends, end, offset - 1),
    };
  }
}

function locate(offsets: readonly number[], end: number, offset: number): number {
  if (offset >= offsets.length) return end;
  return offsets[Math.max(0, Math.floor(offset))] ?? end;
}

/** A value that is the document text [start, start + text.length) unchanged. */
export function verbatim(text: string, start: number): MappedText {
  const builder = new TextBuilder(start);
  builder.copy(text, start);
  return builder.build();
}

/**
 * A last resort when a value could not be mapped exactly: each value character is matched with
 * the next equal character of the document text between `start` and `end`; a character not found
 * there maps to where the search stands. Positions stay in order and inside the node.
 */
export function alignedText(
  value: string,
  document: string,
  start: number,
  end: number,
): MappedText {
  const builder = new TextBuilder(start);
  let at = start;
  for (const ch of value) {
    const found = document.indexOf(ch, at);
    if (found !== -1 && found + ch.length <= end) {
      builder.copy(ch, found);
      at = found + ch.length;
    } else {
      builder.add(ch, at, at);
    }
  }
  return builder.build();
}

/** The offsets of a text without its surrounding white space. */
export function trimmedRange(text: string): [number, number] {
  let start = 0;
  let end = text.length;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return [start, end];
}
