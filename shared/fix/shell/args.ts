import type { TextEdit } from '../types';
import {
  indentAt,
  lineEndAt,
  lineStartAt,
  nextLineStart,
  previousLineStart,
  wholeLines,
} from '../text';

/**
 * Editing shell arguments in place. Removing one takes the blanks before it; an argument alone on
 * a continued line takes the whole line, and when it was the last line of the command, the
 * previous line's ` \` too, so the command still ends where it did.
 */
export function removeArg(text: string, start: number, end: number): TextEdit {
  const lineStart = lineStartAt(text, start);
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEndAt(text, end));
  if (!/^[ \t]*$/.test(before)) {
    return { start: start - (/[ \t]*$/.exec(before)?.[0].length ?? 0), end, newText: '' };
  }
  if (/^[ \t]*\\$/.test(after))
    return { start: lineStart, end: nextLineStart(text, end), newText: '' };
  if (/^[ \t]*$/.test(after)) return lastLine(text, lineStart, end);
  return { start, end: end + (/^[ \t]*/.exec(after)?.[0].length ?? 0), newText: '' };
}

/** The argument ends the command on a line of its own: that line and the ` \` before it go. */
function lastLine(text: string, lineStart: number, end: number): TextEdit {
  const above = previousLineStart(text, lineStart);
  const aboveEnd = above === undefined ? undefined : lineEndAt(text, above);
  const aboveText =
    above === undefined || aboveEnd === undefined ? '' : text.slice(above, aboveEnd);
  const slash = /[ \t]*\\$/.exec(aboveText);
  if (above === undefined || aboveEnd === undefined || !slash) {
    // No continuation: the line is folded into the one above (a YAML `>` script); it goes whole.
    return { ...wholeLines(text, lineStart, end), newText: '' };
  }
  return { start: above + slash.index, end: lineEndAt(text, end), newText: '' };
}

/** The first line of the command that holds `offset`: back over lines continued with `\`. */
export function commandLineStart(text: string, offset: number): number {
  let start = lineStartAt(text, offset);
  for (;;) {
    const above = previousLineStart(text, start);
    if (above === undefined || !/\\$/.test(text.slice(above, lineEndAt(text, above)))) return start;
    start = above;
  }
}

/** The text of the command holding `offset`, its continued lines included. */
export function commandText(text: string, offset: number): string {
  let end = lineEndAt(text, offset);
  while (/\\$/.test(text.slice(lineStartAt(text, end), end)) && end < text.length) {
    end = lineEndAt(text, nextLineStart(text, end));
  }
  return text.slice(commandLineStart(text, offset), end);
}

/** A comment line above the command holding `offset`, indented like its first line. */
export function commentAbove(text: string, offset: number, comment: string, eol: string): TextEdit {
  const start = commandLineStart(text, offset);
  return { start, end: start, newText: `${indentAt(text, start)}# ${comment}${eol}` };
}
