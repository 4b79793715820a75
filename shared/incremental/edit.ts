import type { AnalysisResult, Finding, FindingFacts, Notice, Span } from '../model/finding';
import type { LineIndex } from '../text/lines';

/** What changed between two texts: `[start, oldEnd)` of the old became `[start, newEnd)`. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The single region where two texts differ (common prefix and suffix removed). */
export function diffTexts(before: string, after: string): TextEdit {
  const start = commonPrefix(before, after, Math.min(before.length, after.length));
  const end = commonSuffix(before, after, Math.min(before.length, after.length) - start);
  return { start, oldEnd: before.length - end, newEnd: after.length - end };
}

/**
 * Texts are compared a block at a time first: comparing two slices is one native comparison,
 * several times faster than a loop over characters on a file of hundreds of kilobytes.
 */
const BLOCK = 512;

/** How many characters the texts share at their start, at most `limit`. */
function commonPrefix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + BLOCK <= limit && a.slice(n, n + BLOCK) === b.slice(n, n + BLOCK)) n += BLOCK;
  while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** How many characters the texts share at their end, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  while (
    n + BLOCK <= limit &&
    a.slice(a.length - n - BLOCK, a.length - n) === b.slice(b.length - n - BLOCK, b.length - n)
  ) {
    n += BLOCK;
  }
  while (n < limit && a.charCodeAt(a.length - n - 1) === b.charCodeAt(b.length - n - 1)) n++;
  return n;
}

export function delta(edit: TextEdit): number {
  return edit.newEnd - edit.oldEnd;
}

/** An offset of the old text in the new one; undefined inside the replaced region. */
function shiftOffset(offset: number, edit: TextEdit, isEnd: boolean): number | undefined {
  if (offset < edit.start || (isEnd && offset === edit.start)) return offset;
  if (offset >= edit.oldEnd) return offset + delta(edit);
  return undefined;
}

/** A span moved past an edit it does not touch; undefined when it starts or ends inside it. */
export function shiftSpan(span: Span, edit: TextEdit, lines: LineIndex): Span | undefined {
  const start = shiftOffset(span.start, edit, false);
  const end = shiftOffset(span.end, edit, true);
  if (start === undefined || end === undefined) return undefined;
  return lines.span(start, end);
}

/** Findings of the old text placed in the new one; undefined when one cannot be placed. */
export function shiftFindings(
  findings: readonly Finding[],
  edit: TextEdit,
  lines: LineIndex,
): Finding[] | undefined {
  const shifted: Finding[] = [];
  for (const finding of findings) {
    const span = shiftSpan(finding.span, edit, lines);
    const related = finding.related.map((r) => {
      const moved = shiftSpan(r.span, edit, lines);
      return moved && { ...r, span: moved };
    });
    const facts = shiftFacts(finding.facts, edit);
    if (!span || !facts || related.some((r) => r === undefined)) return undefined;
    shifted.push({ ...finding, span, facts, related: related as Finding['related'] });
  }
  return shifted;
}

/**
 * The facts with their offsets moved: `wordStart`/`wordEnd` (the shell analysis) are offsets of
 * the text. Every other number is a count or an index, or a `line` (Dockerfiles), which stays
 * as it is: a Dockerfile result is only reused after an edit within one line.
 */
function shiftFacts(facts: FindingFacts, edit: TextEdit): FindingFacts | undefined {
  const detail = facts.detail;
  if (!detail) return facts;
  const { wordStart, wordEnd } = detail;
  if (typeof wordStart !== 'number' || typeof wordEnd !== 'number') return facts;
  const start = shiftOffset(wordStart, edit, false);
  const end = shiftOffset(wordEnd, edit, true);
  if (start === undefined || end === undefined) return undefined;
  return { ...facts, detail: { ...detail, wordStart: start, wordEnd: end } };
}

/** A whole result moved past an edit; notices only when nothing moves (their text may say where). */
export function shiftResult(
  result: AnalysisResult,
  edit: TextEdit,
  lines: LineIndex,
): AnalysisResult | undefined {
  if (delta(edit) === 0) return result;
  if (result.notices.length > 0) return undefined;
  const findings = shiftFindings(result.findings, edit, lines);
  return findings && { kind: result.kind, findings, notices: [] as Notice[] };
}

/** The edit replaced and inserted no line break. */
export function withinOneLine(before: string, after: string, edit: TextEdit): boolean {
  return (
    !/[\r\n]/.test(before.slice(edit.start, edit.oldEnd)) &&
    !/[\r\n]/.test(after.slice(edit.start, edit.newEnd))
  );
}

/** `[start, end)` of the line holding `offset`, without its line break. */
export function lineAround(text: string, offset: number): { start: number; end: number } {
  const start =
    Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}
