import type { From } from 'dockerfile-ast';
import type { SourceDocument } from '../../model/document';

/** A word of a FROM instruction at document offsets. */
export interface FromWord {
  value: string;
  start: number;
  end: number;
}

/** What a FROM names, as `getImage()`, `getImageRange()` and `getBuildStage()` give it. */
export interface FromParts {
  image: FromWord | undefined;
  /** the `AS` name as written */
  stage: string | undefined;
}

/**
 * Reads a FROM once. dockerfile-ast reads the arguments again for each of its three getters, a
 * large share of the analysis of a long Dockerfile. Without the escape character a FROM has no
 * continuation and no escape, and its arguments are exactly its runs of non-blank characters
 * (the library's reading, flags included); any other FROM asks the library, once.
 */
export function readFrom(doc: SourceDocument, from: From, escape: string): FromParts {
  const words = plainArguments(doc, from, escape) ?? libraryArguments(doc, from);
  const named = words.length > 2 && words[1]?.value.toUpperCase() === 'AS';
  const stage = named ? words[2] : undefined;
  return {
    image: words[0],
    stage: stage && doc.text.slice(stage.start, stage.end),
  };
}

function libraryArguments(doc: SourceDocument, from: From): FromWord[] {
  return from.getArguments().map((argument) => {
    const range = argument.getRange();
    const start = doc.lines.offsetAt(range.start);
    return { value: argument.getValue(), start, end: doc.lines.offsetAt(range.end) };
  });
}

/** The arguments after the flags, or undefined when the text holds the escape character. */
function plainArguments(doc: SourceDocument, from: From, escape: string): FromWord[] | undefined {
  // the library's own arithmetic: the line's text from the keyword's length on
  const keyword = from.getInstructionRange();
  const length = doc.lines.offsetAt(keyword.end) - doc.lines.offsetAt(keyword.start);
  const range = from.getRange();
  const start = doc.lines.offsetAt(range.start) + length;
  const end = doc.lines.offsetAt(range.end);
  const text = doc.text.slice(start, end);
  if (text.includes(escape)) return undefined;

  const words: FromWord[] = [];
  for (const match of text.matchAll(/[^ \t\r\n]+/g)) {
    const at = start + match.index;
    words.push({ value: match[0], start: at, end: at + match[0].length });
  }
  return words.slice(flagCount(words));
}

/**
 * How many flags dockerfile-ast's getFlags() finds on a FROM: it reads words up to the first
 * without `--` and counts those that start with it.
 */
function flagCount(words: readonly FromWord[]): number {
  let count = 0;
  for (const { value } of words) {
    const dashes = value.indexOf('--');
    if (dashes === -1) break;
    if (dashes === 0) count++;
  }
  return count;
}
