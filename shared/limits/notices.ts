import type { SourceDocument } from '../model/document';
import type { Notice, Span } from '../model/finding';
import type { ResolvedOptions } from '../model/options';
import { LIMIT_CONTROLS, type Limits } from './defaults';
import { formatBytes, formatMillis } from './size';

/**
 * Every word the engine says about a file it could not read fully. A limit's notice names the
 * limit and the setting that raises it; the CLI may swap the setting for its flag (see
 * `LIMIT_CONTROLS`).
 */

/** The first character of the text, without building a line index (the text may be huge). */
const FILE_START: Span = {
  start: 0,
  end: 0,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
};

export function sizeNotice(limits: Limits): Notice {
  const limit = formatBytes(limits.maxFileBytes);
  const setting = LIMIT_CONTROLS.maxFileBytes.setting;
  return {
    severity: 'information',
    message: `File is larger than the ${limit} limit (${setting}); it was not analysed.`,
    span: FILE_START,
  };
}

export function binaryNotice(): Notice {
  return {
    severity: 'information',
    message:
      'File looks binary or UTF-16 (it holds NUL characters); it was not analysed. ' +
      'Save it as UTF-8 to have it checked.',
    span: FILE_START,
  };
}

/** `offset` is where the scan went one level too deep. */
export function nestingNotice(doc: SourceDocument, offset: number, limits: Limits): Notice {
  const span = doc.lines.span(offset, Math.min(offset + 1, doc.text.length));
  const setting = LIMIT_CONTROLS.maxNesting.setting;
  return {
    severity: 'information',
    message:
      `File nests deeper than the ${limits.maxNesting}-level limit (${setting}) at line ` +
      `${span.range.start.line + 1}; it was not analysed.`,
    span,
  };
}

/** `from` is the first offset left unread; the notice sits on its line. */
export function timeNotice(doc: SourceDocument, from: number, options: ResolvedOptions): Notice {
  const limit = formatMillis(options.limits.maxMillisPerFile);
  const setting = LIMIT_CONTROLS.maxMillisPerFile.setting;
  const first = doc.lines.positionAt(from).line;
  return {
    severity: 'information',
    message: `Analysis stopped at the ${limit} limit (${setting}); ${unread(doc, from, first)}.`,
    span: doc.lines.span(from, doc.lines.lineEnd(first)),
  };
}

function unread(doc: SourceDocument, from: number, first: number): string {
  if (from === 0) return 'the file was not analysed';
  const last = doc.lines.positionAt(Math.max(from, doc.text.length - 1)).line;
  if (first === last) return `line ${first + 1} was not analysed`;
  return `lines ${first + 1}-${last + 1} were not analysed`;
}

/** An exception no family expected: reported, never thrown out of the engine. */
export function crashNotice(error: unknown): Notice {
  const reason = describe(error);
  const short = reason.length > 300 ? `${reason.slice(0, 300)}…` : reason;
  return {
    severity: 'warning',
    message: `Docker Socket Guard could not analyse this file: ${short}`,
    span: FILE_START,
  };
}

/** What was thrown, in words; whatever was thrown (even a value whose `toString` throws). */
function describe(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an unreadable exception';
  }
}

/**
 * Whether the time of this analysis is up: `deadline` is set by `analyse()` for one analysis and
 * read with the clock of the options. Families with several documents check it between them.
 */
export function outOfTime(options: ResolvedOptions): boolean {
  return options.deadline !== undefined && options.now() > options.deadline;
}
