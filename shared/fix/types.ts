import type { FileKind, Finding, RuleId } from '../model/finding';
import type { EngineOptions } from '../model/options';

/**
 * The quick-fix contract. Everything here is pure: text in, edits out. Offsets count UTF-16 code
 * units of the analysed text, that is the text after a leading byte-order mark was dropped (the
 * same text finding spans point into); map them to positions with `LineIndex`.
 */

/** What a fix does. */
export type FixKind = 'remove' | 'tls' | 'context' | 'sysbox' | 'proxy' | 'suppress';

/** Replace `text.slice(start, end)` with `newText`; an insertion has `start === end`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  kind: FixKind;
  /** the code action's title */
  title: string;
  ruleId: RuleId;
  /** non-overlapping edits, in document order, all against the same original text */
  edits: TextEdit[];
  /**
   * `newText` uses snippet syntax: `${1:daemon-host}` tab stops, and `$`, `}` and `\` of the
   * literal text escaped with a backslash. Only ever true when snippets were asked for.
   */
  snippet: boolean;
  /** the fix an editor offers first for this finding */
  preferred?: boolean;
}

/** The file to fix, as it was given to `analyse`. */
export interface FixInput {
  fileName: string;
  /** the text; a leading byte-order mark is ignored (edits point into the text without it) */
  text: string;
  languageId?: string;
  kind?: FileKind;
  options?: EngineOptions;
}

export interface FixOptions {
  /**
   * Write values the user must fill in as snippet tab stops (`${1:daemon-host}`). Off: they are
   * written as plainly marked values (`<daemon-host>`, `<reason>`) that still parse.
   */
  snippets?: boolean;
}

/** What every fix builder reads: the text without its byte-order mark, its kind, the finding. */
export interface FixContext {
  text: string;
  kind: FileKind;
  fileName: string;
  finding: Finding;
  options: EngineOptions;
  /** build only fixes of this kind (fixAll asks for one kind at a time) */
  only?: FixKind;
}

/** A fix before its holes are rendered: edits in plain form, holes named by their plain text. */
export interface DraftFix {
  kind: FixKind;
  title: string;
  edits: TextEdit[];
}
