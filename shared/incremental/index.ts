import { analyse, type AnalysisInput } from '../analyse';
import { detectKind } from '../detect/kind';
import { mayHoldFinding } from '../detect/prefilter';
import type { AnalysisResult, FileKind } from '../model/finding';
import { resolveOptions, type EngineOptions } from '../model/options';
import { LineIndex, stripBom } from '../text/lines';
import { isCommentEdit } from './comments';
import { diffTexts, shiftResult, type TextEdit } from './edit';
import { reuseService } from './compose';
import { reuseStream } from './stream';

export { diffTexts, type TextEdit } from './edit';

/** How each analysis was obtained; for tests and benchmarks. */
export interface CacheStats {
  /** the same text as last time */
  unchanged: number;
  /** an edit inside a comment: the last result, moved */
  comment: number;
  /** an edit inside one document of a stream or one Compose service: that part analysed anew */
  part: number;
  /** everything analysed */
  full: number;
}

export interface AnalysisCache {
  /**
   * The same result as `analyse(input)`, reusing the last analysis kept under `key` (a document's
   * URI; the file name by default).
   */
  analyse(input: AnalysisInput, key?: string): AnalysisResult;
  /** Drops what is kept under a key (a closed document). */
  forget(key: string): void;
  readonly stats: CacheStats;
}

interface Entry {
  text: string;
  kind: FileKind | undefined;
  /** the inputs besides the text, as optionsKey() writes them */
  options: string;
  mayHold: boolean;
  result: AnalysisResult;
}

/**
 * An analysis cache for an editor: one entry per document, the text and result of its last
 * analysis. A new version is compared with the last one; when the difference is a comment
 * (YAML families, Dockerfiles), or lies inside one document of a Kubernetes stream or one service
 * of a plain Compose file, the last result is reused for what the edit cannot have changed and
 * only that part is analysed. Anything else is analysed whole, so the result is always exactly
 * that of `analyse()`.
 */
export function createAnalysisCache(): AnalysisCache {
  const entries = new Map<string, Entry>();
  const stats: CacheStats = { unchanged: 0, comment: 0, part: 0, full: 0 };

  return {
    stats,
    forget: (key) => void entries.delete(key),
    analyse(input, key = input.fileName) {
      const text = stripBom(input.text);
      const kind = input.kind ?? detectKind(input.fileName, text, input.languageId);
      const same = optionsKey(input);
      const mayHold = kind !== undefined && mayHoldFinding(text, resolveOptions(input.options));
      const previous = entries.get(key);
      const usable = previous && previous.kind === kind && previous.options === same;
      let result = usable ? reuse(previous, { ...input, text }, kind, mayHold, stats) : undefined;
      if (!result) {
        stats.full++;
        result = analyse(input);
      }
      entries.set(key, { text, kind: result.kind, options: same, mayHold, result });
      return result;
    },
  };
}

/** What must be equal for a result to be reused besides the text. */
function optionsKey(input: AnalysisInput): string {
  const { variables, extraSocketPaths, extraSocketDirs, trustedImages, limits } =
    input.options ?? ({} as EngineOptions & { limits?: unknown });
  return JSON.stringify([
    input.fileName,
    input.languageId,
    input.kind,
    input.skipPrefilter,
    variables,
    extraSocketPaths,
    extraSocketDirs,
    trustedImages,
    limits,
  ]);
}

function reuse(
  previous: Entry,
  input: AnalysisInput,
  kind: FileKind | undefined,
  mayHold: boolean,
  stats: CacheStats,
): AnalysisResult | undefined {
  const { text } = input;
  if (previous.text === text) {
    stats.unchanged++;
    return previous.result;
  }
  // Past these, analyse() itself decides (binary text, the size limit, a pre-filter change).
  if (kind === undefined || input.skipPrefilter || !mayHold || !previous.mayHold) return undefined;
  if (text.includes('\0') || !underSizeLimit(input, text, previous.text)) return undefined;

  const edit = diffTexts(previous.text, text);
  const lines = new LineIndex(text);
  const reused = reuseEdit(previous, { ...input, kind }, edit, lines);
  if (reused?.result) stats[reused.how]++;
  return reused?.result;
}

function reuseEdit(
  previous: Entry,
  input: AnalysisInput & { kind: FileKind },
  edit: TextEdit,
  lines: LineIndex,
): { result: AnalysisResult | undefined; how: 'comment' | 'part' } | undefined {
  if (input.kind === 'kubernetes' || input.kind === 'helm') {
    return { result: reuseStream(previous, input.text, edit, input, lines), how: 'part' };
  }
  // A service re-analysed costs less than lexing the text above it to find a comment.
  if (input.kind === 'compose') {
    const options = resolveOptions(input.options);
    const result = reuseService(previous, input.text, edit, input, options, lines);
    if (result) return { result, how: 'part' };
  }
  if (!isCommentEdit(input.kind, previous.text, input.text, edit)) return undefined;
  return { result: shiftResult(previous.result, edit, lines), how: 'comment' };
}

/** Both texts are far from the size limit, however their bytes are counted (3 per unit at most). */
function underSizeLimit(input: AnalysisInput, ...texts: string[]): boolean {
  const limits = (resolveOptions(input.options) as { limits?: { maxFileBytes?: number } }).limits;
  const max = limits?.maxFileBytes ?? Infinity;
  return texts.every((t) => t.length * 3 < max);
}
