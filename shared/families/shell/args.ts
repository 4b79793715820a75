import type { SourceDocument } from '../../model/document';
import { tokenize } from './tokenize';
import type { EmbeddedScript, Word } from './types';
import { scriptOffsetOf, type ShellWord } from './word';

/**
 * An argument as the detectors read it: its value and the document offsets of its characters,
 * whether it came from the tokenizer or from a caller's `Word`.
 */
export interface Arg {
  value: string;
  /** some part was quoted or escaped (unknown for a caller's word: false) */
  quoted: boolean;
  /** document span of the whole word */
  start: number;
  end: number;
  /** document offset of value character `index` */
  docStart(index: number): number;
  /** document offset just past value character `index - 1` */
  docEnd(index: number): number;
}

/** Document offsets of a span. */
export interface DocSpan {
  start: number;
  end: number;
}

/** The document span of `value.slice(from, to)`. */
export function spanOf(arg: Arg, from: number, to = arg.value.length): DocSpan {
  const start = arg.docStart(from);
  return { start, end: to > from ? Math.max(start, arg.docEnd(to)) : start };
}

/** A script with both ends of the offset map. */
export interface ScriptMap {
  text: string;
  toDoc(offset: number): number;
  toDocEnd(offset: number): number;
}

/** A caller's script with its end mapping (from `toDocumentEnd`, else the last character + 1). */
export function scriptMap(script: EmbeddedScript): ScriptMap {
  const toDoc = (offset: number): number => script.toDocument(offset);
  const toDocEnd = script.toDocumentEnd
    ? (offset: number): number => script.toDocumentEnd?.(offset) ?? 0
    : (offset: number): number => (offset > 0 ? toDoc(offset - 1) + 1 : toDoc(0));
  return { text: script.text, toDoc, toDocEnd };
}

/** The script that is an argument's value (`sh -c '...'`), mapped through the argument. */
export function argScript(arg: Arg): ScriptMap {
  return {
    text: arg.value,
    toDoc: (offset) => arg.docStart(offset),
    toDocEnd: (offset) => arg.docEnd(offset),
  };
}

/** A part of a script (a here-document body), mapped through the script. */
export function subScript(map: ScriptMap, start: number, end: number): ScriptMap {
  return {
    text: map.text.slice(start, end),
    toDoc: (offset) => map.toDoc(start + offset),
    toDocEnd: (offset) => map.toDocEnd(start + offset),
  };
}

function clampStart(value: string, index: number): number {
  return Math.max(0, Math.min(index, value.length - 1));
}

function clampEnd(value: string, index: number): number {
  return Math.max(1, Math.min(index, value.length));
}

/** A tokenizer word read through its script's map. */
class ShellArg implements Arg {
  readonly value: string;
  readonly quoted: boolean;
  readonly start: number;
  readonly end: number;

  constructor(
    private readonly word: ShellWord,
    private readonly map: ScriptMap,
  ) {
    this.value = word.value;
    this.quoted = word.quoted;
    this.start = map.toDoc(word.start);
    this.end = map.toDocEnd(word.end);
  }

  docStart(index: number): number {
    if (this.value.length === 0) return this.start;
    return this.map.toDoc(scriptOffsetOf(this.word, clampStart(this.value, index)));
  }

  docEnd(index: number): number {
    if (this.value.length === 0) return this.end;
    const last = scriptOffsetOf(this.word, clampEnd(this.value, index) - 1);
    return this.map.toDocEnd(last + 1);
  }
}

/** A tokenizer word whose characters map through the script to the document. */
export function shellArg(word: ShellWord, map: ScriptMap): Arg {
  return new ShellArg(word, map);
}

/** How a caller's word maps its characters. */
type Layout =
  | { kind: 'offsets'; offsetOf: (index: number) => number }
  | { kind: 'read'; word: ShellWord }
  | { kind: 'linear' }
  | { kind: 'whole' };

class CallerArg implements Arg {
  readonly quoted = false;
  readonly value: string;
  readonly start: number;
  readonly end: number;

  constructor(
    word: Word,
    private readonly layout: Layout,
  ) {
    this.value = word.value;
    this.start = word.start;
    this.end = word.end;
  }

  docStart(index: number): number {
    const at = clampStart(this.value, index);
    switch (this.layout.kind) {
      case 'offsets':
        return this.layout.offsetOf(at);
      case 'read':
        return this.start + scriptOffsetOf(this.layout.word, at);
      case 'linear':
        return this.start + at;
      default:
        return this.start;
    }
  }

  docEnd(index: number): number {
    const last = clampEnd(this.value, index) - 1;
    switch (this.layout.kind) {
      case 'offsets':
        return this.layout.offsetOf(last) + 1;
      case 'read':
        return this.start + scriptOffsetOf(this.layout.word, last) + 1;
      case 'linear':
        return this.start + last + 1;
      default:
        return this.end;
    }
  }
}

/**
 * A caller's word. Inner positions come from `offsetOf`, else from the document text under the
 * word read as shell (`"/a:/b"` spells `/a:/b`), else from a text of the value's length; failing
 * all, every inner span is the whole word.
 */
export function wordArg(doc: SourceDocument, word: Word): Arg {
  return new CallerArg(word, layoutOf(doc, word));
}

function layoutOf(doc: SourceDocument, word: Word): Layout {
  if (word.value.length === 0) return { kind: 'whole' };
  if (word.offsetOf) return { kind: 'offsets', offsetOf: word.offsetOf.bind(word) };

  const raw = doc.text.slice(word.start, word.end);
  if (raw === word.value) return { kind: 'linear' };
  const read = singleWord(raw);
  if (read && read.value === word.value) return { kind: 'read', word: read };
  return raw.length === word.value.length ? { kind: 'linear' } : { kind: 'whole' };
}

function singleWord(raw: string): ShellWord | undefined {
  const tokens = tokenize(raw).lists[0] ?? [];
  const only = tokens[0];
  return tokens.length === 1 && only?.type === 'word' ? only.word : undefined;
}
