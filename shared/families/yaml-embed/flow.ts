import { TextBuilder, type MappedText } from './mapped';

/**
 * Maps plain, single- and double-quoted scalars (one line or several) to their value, following
 * the folding rules of YAML 1.2 as the `yaml` package applies them: a single line break between
 * two lines becomes a space, n + 1 breaks become n newlines, white space around breaks goes.
 */

interface SourceLine {
  /** offset in the scalar source */
  start: number;
  /** the line without its line break (and without the `\r` of `\r\n`) */
  text: string;
  /** the line was followed by a `\n` */
  broken: boolean;
}

function sourceLines(source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  for (;;) {
    const newline = source.indexOf('\n', start);
    if (newline === -1) {
      lines.push({ start, text: source.slice(start), broken: false });
      return lines;
    }
    const end = source[newline - 1] === '\r' ? newline - 1 : newline;
    lines.push({ start, text: source.slice(start, end), broken: true });
    start = newline + 1;
  }
}

type Copier = (builder: TextBuilder, chars: string, start: number) => void;

const copyPlain: Copier = (builder, chars, start) => builder.copy(chars, start);

/** Two single quotes inside single quotes stand for one. */
const copySingle: Copier = (builder, chars, start) => {
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === "'" && chars[i + 1] === "'") {
      builder.add("'", start + i, start + i + 2);
      i++;
    } else {
      builder.copy(ch, start + i);
    }
  }
};

/** Line folding of plain and single-quoted scalars; `base` is the source's document offset. */
function unfold(source: string, base: number, copier: Copier): MappedText {
  const builder = new TextBuilder(base);
  const lines = sourceLines(source);
  const first = lines[0] ?? { start: 0, text: '', broken: false };
  if (lines.length === 1) {
    copier(builder, first.text, base);
    return builder.build();
  }

  copier(builder, first.text.replace(/[ \t]+$/, ''), base);
  let gapAt = builder.documentEnd;
  let sep = ' ';
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i] ?? first;
    const lead = /^[ \t]*/.exec(line.text)?.[0].length ?? 0;
    const content = line.text.slice(lead).replace(/[ \t]+$/, '');
    if (content === '') {
      if (sep === '\n') builder.add('\n', gapAt, gapAt);
      else sep = '\n';
      continue;
    }
    builder.add(sep, gapAt, base + line.start + lead);
    copier(builder, content, base + line.start + lead);
    gapAt = builder.documentEnd;
    sep = ' ';
  }

  const last = lines[lines.length - 1] ?? first;
  const lead = /^[ \t]*/.exec(last.text)?.[0].length ?? 0;
  builder.add(sep, gapAt, base + last.start + lead);
  copier(builder, last.text.slice(lead), base + last.start + lead);
  return builder.build();
}

export function mapPlain(source: string, offset: number): MappedText {
  return unfold(source, offset, copyPlain);
}

export function mapSingleQuoted(source: string, offset: number): MappedText {
  return unfold(source.slice(1, -1), offset + 1, copySingle);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

const HEX_LENGTHS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Double-quoted scalars: escapes map to their backslash, folded breaks to the content before. */
export function mapDoubleQuoted(source: string, offset: number): MappedText {
  const builder = new TextBuilder(offset + 1);
  let gapAt = offset + 1;
  for (let i = 1; i < source.length - 1; i++) {
    const ch = source[i] ?? '';
    if (ch === '\r' && source[i + 1] === '\n') continue;

    if (ch === '\n') {
      i = foldBreak(source, i, builder, gapAt, offset);
    } else if (ch === '\\') {
      i = escape(source, i, builder, offset);
    } else if (ch === ' ' || ch === '\t') {
      i = blanks(source, i, builder, offset);
    } else {
      builder.copy(ch, offset + i);
    }
    gapAt = builder.documentEnd;
  }
  return builder.build();
}

/** One or more line breaks inside double quotes; returns the index of the last character used. */
function foldBreak(
  source: string,
  at: number,
  builder: TextBuilder,
  gapAt: number,
  offset: number,
): number {
  let fold = '';
  let i = at;
  let next = source[i + 1];
  while (next === ' ' || next === '\t' || next === '\n' || next === '\r') {
    if (next === '\r' && source[i + 2] !== '\n') break;
    if (next === '\n') fold += '\n';
    i++;
    next = source[i + 1];
  }
  builder.add(fold === '' ? ' ' : fold, gapAt, offset + i + 1);
  return i;
}

function escape(source: string, at: number, builder: TextBuilder, offset: number): number {
  let i = at + 1;
  const code = source[i] ?? '';
  const simple = ESCAPES[code];
  const hexLength = HEX_LENGTHS[code];
  if (simple !== undefined) {
    builder.add(simple, offset + at, offset + i + 1);
  } else if (code === '\n' || (code === '\r' && source[i + 1] === '\n')) {
    if (code === '\r') i++;
    while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
  } else if (hexLength !== undefined) {
    const digits = source.substr(i + 1, hexLength);
    const point = /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : NaN;
    const valid = digits.length === hexLength && point <= 0x10ffff;
    if (valid) builder.add(String.fromCodePoint(point), offset + at, offset + i + 1 + hexLength);
    else builder.copy(source.substr(at, hexLength + 2), offset + at);
    i += hexLength;
  } else {
    builder.copy(source.substr(at, 2), offset + at);
  }
  return i;
}

/** A run of blanks is kept unless a line break follows it. */
function blanks(source: string, at: number, builder: TextBuilder, offset: number): number {
  let i = at;
  let next = source[i + 1];
  while (next === ' ' || next === '\t') next = source[++i + 1];
  const breakFollows = next === '\n' || (next === '\r' && source[i + 2] === '\n');
  if (!breakFollows) builder.copy(source.slice(at, i + 1), offset + at);
  return i;
}
