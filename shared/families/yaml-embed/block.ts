import { TextBuilder, type MappedText } from './mapped';

/**
 * Maps literal (`|`) and folded (`>`) block scalars to their value with the header's chomping
 * (`-`, `+`) and indentation indicators, following the `yaml` package's reading of YAML 1.2 step
 * by step. A literal line break maps to the break itself; a folded break (a space in the value)
 * maps to the end of the line before it.
 */

export interface BlockToken {
  /** document offset of the header (`|`, `>-`, `|2+` ...) */
  offset: number;
  /** indentation of the parent node */
  indent: number;
  /** header text and what follows it on its line, up to and including the line break */
  props: ReadonlyArray<{ source?: string }>;
  /** the lines of the scalar after the header line */
  source: string;
}

interface Header {
  folded: boolean;
  indent: number;
  chomp: '' | '-' | '+';
}

interface Line {
  /** document offset of the line */
  start: number;
  indent: number;
  /** the rest of the line after the leading spaces, `\r` of `\r\n` removed */
  content: string;
  /** document offset of the line break (the end of the source for the last line) */
  breakAt: number;
  /** document offset after the line break */
  next: number;
}

function parseHeader(source: string): Header {
  let indent = 0;
  let chomp: Header['chomp'] = '';
  for (const ch of source.slice(1)) {
    if (chomp === '' && (ch === '-' || ch === '+')) chomp = ch;
    else if (indent === 0 && Number(ch) > 0) indent = Number(ch);
  }
  return { folded: source.startsWith('>'), indent, chomp };
}

function splitLines(source: string, base: number): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = source.indexOf('\n', start);
    const end = newline === -1 ? source.length : newline;
    const raw = source.slice(start, end);
    const indent = /^ */.exec(raw)?.[0].length ?? 0;
    const crlf = raw.endsWith('\r');
    const content = raw.slice(indent, crlf ? -1 : undefined);
    const breakAt = base + start + indent + content.length;
    const next = newline === -1 ? base + end : base + newline + 1;
    lines.push({ start: base + start, indent, content, breakAt, next });
    if (newline === -1) return lines;
    start = newline + 1;
  }
}

export function mapBlockScalar(token: BlockToken): MappedText {
  const headerSource = token.props[0]?.source ?? '|';
  const header = parseHeader(headerSource);
  const headerLength = token.props.reduce((sum, prop) => sum + (prop.source?.length ?? 0), 0);
  const base = token.offset + headerLength;
  const lines = splitLines(token.source, base);
  const builder = new TextBuilder(base);

  let chompStart = lines.length;
  while (chompStart > 0 && isBlank(lines[chompStart - 1])) chompStart--;
  if (chompStart === 0) {
    if (header.chomp === '+' && token.source !== '') {
      const count = Math.max(1, lines.length - 1);
      for (let i = 0; i < count; i++) lineBreak(builder, lines[i]);
    }
    return builder.build();
  }

  const { trimIndent, contentStart } = contentIndent(lines, chompStart, token.indent, header);
  for (let i = lines.length - 1; i >= chompStart; i--) {
    if ((lines[i]?.indent ?? 0) > trimIndent) chompStart = i + 1;
  }

  for (let i = 0; i < contentStart; i++) {
    const line = lines[i];
    if (!line) continue;
    builder.copy(' '.repeat(Math.max(0, line.indent - trimIndent)), line.start + trimIndent);
    lineBreak(builder, line);
  }
  const body = lines.slice(contentStart, chompStart);
  if (header.folded) foldLines(builder, body, trimIndent);
  else literalLines(builder, body, trimIndent);
  chompEnd(builder, lines, chompStart, trimIndent, header.chomp);
  return builder.build();
}

function isBlank(line: Line | undefined): boolean {
  return line !== undefined && line.content === '';
}

function lineBreak(builder: TextBuilder, line: Line | undefined): void {
  if (line) builder.add('\n', line.breakAt, line.next);
}

/** The indentation the content lines lose, and the first line with content. */
function contentIndent(
  lines: readonly Line[],
  chompStart: number,
  parentIndent: number,
  header: Header,
): { trimIndent: number; contentStart: number } {
  let trimIndent = parentIndent + header.indent;
  for (let i = 0; i < chompStart; i++) {
    const line = lines[i];
    if (!line) break;
    if (line.content === '') {
      if (header.indent === 0 && line.indent > trimIndent) trimIndent = line.indent;
      continue;
    }
    if (header.indent === 0) trimIndent = line.indent;
    return { trimIndent, contentStart: i };
  }
  return { trimIndent, contentStart: 0 };
}

/** The spaces beyond the trimmed indentation, and the content, of one line. */
function copyLine(builder: TextBuilder, line: Line, trimIndent: number, keepIndent: boolean): void {
  const indent = line.content !== '' && line.indent < trimIndent ? 0 : line.indent;
  if (keepIndent && indent > trimIndent) {
    builder.copy(' '.repeat(indent - trimIndent), line.start + trimIndent);
  }
  builder.copy(line.content, line.start + line.indent);
}

function literalLines(builder: TextBuilder, body: readonly Line[], trimIndent: number): void {
  let previous: Line | undefined;
  for (const line of body) {
    if (previous) lineBreak(builder, previous);
    copyLine(builder, line, trimIndent, true);
    previous = line;
  }
}

function foldLines(builder: TextBuilder, body: readonly Line[], trimIndent: number): void {
  let sep = '';
  let prevMoreIndented = false;
  let gapAt = builder.documentEnd;
  for (const line of body) {
    const indent = line.content !== '' && line.indent < trimIndent ? 0 : line.indent;
    if (indent > trimIndent || line.content.startsWith('\t')) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      builder.add(sep, gapAt, line.start + Math.min(indent, trimIndent));
      copyLine(builder, line, trimIndent, true);
      sep = '\n';
      prevMoreIndented = true;
    } else if (line.content === '') {
      if (sep === '\n') builder.add('\n', gapAt, gapAt);
      else sep = '\n';
      continue;
    } else {
      builder.add(sep, gapAt, line.start + line.indent);
      copyLine(builder, line, trimIndent, false);
      sep = ' ';
      prevMoreIndented = false;
    }
    gapAt = line.breakAt;
  }
}

function chompEnd(
  builder: TextBuilder,
  lines: readonly Line[],
  chompStart: number,
  trimIndent: number,
  chomp: Header['chomp'],
): void {
  if (chomp === '-') return;
  if (chomp === '') {
    lineBreak(builder, lines[chompStart - 1]);
    return;
  }

  for (let i = chompStart; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    lineBreak(builder, lines[i - 1]);
    builder.copy(' '.repeat(Math.max(0, line.indent - trimIndent)), line.start + trimIndent);
  }
  if (!builder.value.endsWith('\n')) {
    const last = lines[lines.length - 1];
    if (last) builder.add('\n', last.breakAt, last.next);
  }
}
