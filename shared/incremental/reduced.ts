import { analyse, type AnalysisInput } from '../analyse';
import type { AnalysisResult, FileKind, Finding } from '../model/finding';
import type { LineIndex } from '../text/lines';
import { shiftFindings, shiftSpan, type TextEdit } from './edit';

/**
 * Re-analysing one part of a file. The part is analysed by the whole engine (limits, checks,
 * suppression) in a reduced text: the part at its own line, after a prefix that holds only what
 * the part's analysis needs of what comes before it, and blank lines. Lines and columns are those
 * of the real text (a line break is one line, whichever it is); offsets are moved back
 * afterwards.
 */
export interface Part {
  /** `[start, end)` of the part in the real text */
  start: number;
  end: number;
  /** the text that stands for everything before the part, with as many lines */
  prefix: string;
}

/** The findings of an old result outside `[start, end)` of the old text, moved past the edit. */
export function keptFindings(
  findings: readonly Finding[],
  start: number,
  end: number,
  edit: TextEdit,
  lines: LineIndex,
): Finding[] | undefined {
  const outside = findings.filter((f) => f.span.start < start || f.span.start >= end);
  return shiftFindings(outside, edit, lines);
}

/**
 * The part's analysis placed in the real text; undefined when it says anything about the file
 * as a whole (a notice, unless `notice` accepts it).
 */
export function analysePart(
  input: AnalysisInput & { kind: FileKind },
  part: Part,
  lines: LineIndex,
  notice: (message: string) => boolean,
): AnalysisResult | undefined {
  const reduced = part.prefix + input.text.slice(part.start, part.end);
  const result = analyse({ ...input, text: reduced, skipPrefilter: true });
  if (result.notices.some((n) => !notice(n.message))) return undefined;

  const move: TextEdit = { start: 0, oldEnd: 0, newEnd: part.start - part.prefix.length };
  const findings = shiftFindings(result.findings, move, lines);
  const notices = result.notices.map((n) => ({ ...n, span: shiftSpan(n.span, move, lines) }));
  if (!findings || notices.some((n) => n.span === undefined)) return undefined;
  return { kind: input.kind, findings, notices: notices as AnalysisResult['notices'] };
}

/** Old findings before the part, the part's, then old findings after it: document order. */
export function merged(
  kept: Finding[],
  part: AnalysisResult,
  start: number,
  end: number,
): Finding[] {
  return [
    ...kept.filter((f) => f.span.start < start),
    ...part.findings,
    ...kept.filter((f) => f.span.start >= end),
  ];
}
