import type { Word } from '../shell/embed';

/**
 * Text gathered from the document (joined continuation lines, an unquoted value) with the
 * document offset of each of its characters, so that words split from it keep exact spans.
 */
export interface MappedText {
  text: string;
  offsets: number[];
  /** where the text begins in the document, for an empty text */
  begin: number;
  /** the word's span when it is not simply its characters' (quotes inside it) */
  span?: [number, number];
}

export function mapped(text: string, begin: number): MappedText {
  return { text, offsets: Array.from(text, (_, i) => begin + i), begin };
}

export function sliceMapped(source: MappedText, from: number, to = source.text.length): MappedText {
  const offsets = source.offsets.slice(from, to);
  const begin = offsets[0] ?? (source.offsets[from - 1] ?? source.begin - 1) + 1;
  return { text: source.text.slice(from, to), offsets, begin };
}

/** A word with the document offset of each value character, for spans inside it. */
export type MappedWord = Word & { offsetOf(index: number): number };

/** A word spanning its characters in the document (inside the quotes of a quoted word). */
export function toWord(token: MappedText): MappedWord {
  const first = token.offsets[0];
  const last = token.offsets[token.offsets.length - 1];
  const [start, end] =
    token.span ??
    (first === undefined || last === undefined ? [token.begin, token.begin] : [first, last + 1]);
  const offsets = token.offsets;
  return { value: token.text, start, end, offsetOf: (index) => offsets[index] ?? end };
}

const SPACE = /\s/;

/** Splits at whitespace only, as an unquoted `$DOCKER_OPTS` is split. */
export function splitFields(source: MappedText): MappedText[] {
  const fields: MappedText[] = [];
  let start = -1;
  for (let i = 0; i <= source.text.length; i++) {
    const blank = i === source.text.length || SPACE.test(source.text[i] ?? '');
    if (!blank && start < 0) start = i;
    if (blank && start >= 0) {
      fields.push(sliceMapped(source, start, i));
      start = -1;
    }
  }
  return fields;
}

/**
 * Splits at whitespace with quote removal: double quotes, single quotes and backslash escapes,
 * as systemd command lines and `Environment=` assignments are read.
 */
export function splitQuoted(source: MappedText): MappedText[] {
  const words: MappedText[] = [];
  let i = 0;
  while (i < source.text.length) {
    if (SPACE.test(source.text[i] ?? '')) {
      i++;
      continue;
    }
    const word = readQuotedWord(source, i);
    words.push(word.token);
    i = word.next;
  }
  return words;
}

function readQuotedWord(source: MappedText, start: number): { token: MappedText; next: number } {
  const { text, offsets } = source;
  let value = '';
  const valueOffsets: number[] = [];
  let quote = '';
  let quotes = 0;
  let i = start;

  for (; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote === '' && SPACE.test(ch)) break;
    if (ch === quote) {
      quote = '';
    } else if (quote === '' && (ch === '"' || ch === "'")) {
      quote = ch;
      quotes++;
    } else if (ch === '\\' && quote !== "'" && i + 1 < text.length) {
      i++;
      value += text[i];
      valueOffsets.push(offsets[i] ?? 0);
    } else {
      value += ch;
      valueOffsets.push(offsets[i] ?? 0);
    }
  }

  const rawStart = offsets[start] ?? source.begin;
  const rawEnd = (offsets[i - 1] ?? rawStart) + 1;
  const token: MappedText = { text: value, offsets: valueOffsets, begin: rawStart };
  // A word that is one quoted string spans the text inside the quotes; a word with quotes
  // inside it (`--host="tcp://x"`) spans its whole text, quotes included.
  const whole = quotes === 1 && /["']/.test(text[start] ?? '') && text[i - 1] === text[start];
  if (whole) token.span = [rawStart + 1, rawEnd - 1];
  else if (quotes > 0) token.span = [rawStart, rawEnd];
  return { token, next: i };
}
