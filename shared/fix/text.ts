/** Line-level helpers over the analysed text. */

/** The document's line break: the first one written, `\n` when there is none. */
export function eolOf(text: string): string {
  const match = /\r\n|\r|\n/.exec(text);
  return match ? match[0] : '\n';
}

/** Offset of the first character of the line holding `offset`. */
export function lineStartAt(text: string, offset: number): number {
  let at = Math.min(offset, text.length);
  while (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') at--;
  return at;
}

/** Offset just past the content of the line holding `offset` (before its line break). */
export function lineEndAt(text: string, offset: number): number {
  let at = Math.max(0, offset);
  while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
  return at;
}

/** Offset of the start of the next line, or the end of the text on the last line. */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEndAt(text, offset);
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return end < text.length ? end + 1 : end;
}

/** Offset of the start of the previous line, or undefined on the first line. */
export function previousLineStart(text: string, offset: number): number | undefined {
  const start = lineStartAt(text, offset);
  if (start === 0) return undefined;
  return lineStartAt(text, start - 1);
}

/** The white space that starts the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStartAt(text, offset);
  return /^[ \t]*/.exec(text.slice(start, lineEndAt(text, start)))?.[0] ?? '';
}

/** True when only blanks precede `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartAt(text, offset), offset));
}

/** The offset after the last non-blank character at or before `offset` (line breaks count). */
export function trimBack(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && /\s/.test(text[at - 1] ?? '')) at--;
  return at;
}

/** The line's text without its line break. */
export function lineText(text: string, offset: number): string {
  return text.slice(lineStartAt(text, offset), lineEndAt(text, offset));
}

/**
 * The span that deletes whole lines from the line of `from` to the line of `to`, line break
 * included. On the last line without a line break, the break before the first line goes instead,
 * so a text without a final newline stays without one.
 */
export function wholeLines(text: string, from: number, to: number): { start: number; end: number } {
  const start = lineStartAt(text, from);
  const end = nextLineStart(text, to);
  if (end === lineEndAt(text, to) && start > 0) {
    const before = text[start - 2] === '\r' && text[start - 1] === '\n' ? 2 : 1;
    return { start: start - before, end };
  }
  return { start, end };
}

/**
 * The start of the comment lines right above the line of `offset` that share its indentation
 * (the comments that belong to it; a blank line ends them), else the start of its line.
 */
export function ownedFrom(
  text: string,
  offset: number,
  markers: readonly string[] = ['#'],
): number {
  const indent = indentAt(text, offset);
  let start = lineStartAt(text, offset);
  for (;;) {
    const previous = previousLineStart(text, start);
    if (previous === undefined) return start;
    const line = text.slice(previous, start);
    if (!markers.some((marker) => line.startsWith(`${indent}${marker}`))) return start;
    start = previous;
  }
}
