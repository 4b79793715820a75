import type { AnalysisInput } from '../analyse';
import { CONTENT, splitStream, type DocumentRange } from '../families/kubernetes';
import type { AnalysisResult, FileKind } from '../model/finding';
import type { LineIndex } from '../text/lines';
import { delta, type TextEdit } from './edit';
import { analysePart, keptFindings, merged } from './reduced';

/**
 * Kubernetes streams: an edit inside one document re-analyses that document alone and keeps
 * the findings of the others, moved by the edit.
 */
export function reuseStream(
  previous: { text: string; result: AnalysisResult },
  text: string,
  edit: TextEdit,
  input: AnalysisInput & { kind: FileKind },
  lines: LineIndex,
): AnalysisResult | undefined {
  if (previous.result.notices.length > 0) return undefined;
  const target = editedDocument(previous.text, text, edit);
  if (!target) return undefined;
  const { previousRange, after, index, ranges } = target;

  const before = ranges.slice(0, index).filter((r) => hasContent(text, r)).length;
  const own = `Document ${before + 1} `;
  const prefix = placeholders(before, lines.positionAt(after.start).line);
  if (prefix === undefined) return undefined;
  const part = analysePart(input, { ...after, prefix }, lines, (m) => m.startsWith(own));
  const kept =
    part &&
    keptFindings(previous.result.findings, previousRange.start, previousRange.end, edit, lines);
  if (!part || !kept) return undefined;
  return { ...part, findings: merged(kept, part, after.start, after.end) };
}

interface EditedDocument {
  previousRange: DocumentRange;
  after: DocumentRange;
  index: number;
  ranges: DocumentRange[];
}

/** The one document holding the edit, with the same documents around it; else undefined. */
function editedDocument(
  previous: string,
  text: string,
  edit: TextEdit,
): EditedDocument | undefined {
  const old = splitStream(previous);
  const ranges = splitStream(text);
  if (old.length !== ranges.length) return undefined;
  const index = old.findIndex((r) => r.start <= edit.start && edit.oldEnd <= r.end);
  const before = old[index];
  const after = ranges[index];
  if (!before || !after || after.start !== before.start) return undefined;
  if (after.end !== before.end + delta(edit) || edit.newEnd > after.end) return undefined;
  const sameContent = hasContent(previous, before) === hasContent(text, after);
  return sameContent ? { previousRange: before, after, index, ranges } : undefined;
}

function hasContent(text: string, range: DocumentRange): boolean {
  return CONTENT.test(text.slice(range.start, range.end));
}

/**
 * What stands for the documents before the edited one: as many one-line documents (`x`) as had
 * content, so that document numbers stay right, and blank lines, so that line numbers do. Each
 * document with content took two lines at least (its `---` and a line of content), the first
 * one line when it had no `---`.
 */
function placeholders(documents: number, lines: number): string | undefined {
  if (documents === 0) return '\n'.repeat(lines);
  if (lines < 2 * documents - 1) return undefined;
  if (lines >= 2 * documents)
    return '\n'.repeat(lines - 2 * documents) + '---\nx\n'.repeat(documents);
  return 'x\n' + '---\nx\n'.repeat(documents - 1);
}
