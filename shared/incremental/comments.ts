import { Lexer } from 'yaml';
import type { FileKind } from '../model/finding';
import { MARKER } from '../suppress';
import { lineAround, withinOneLine, type TextEdit } from './edit';

/**
 * Whether an edit only changed the words of a comment, or of a Dockerfile LABEL, so that every
 * finding stays what it was (no family reads comments, and no rule reads a LABEL; suppression
 * comments, which do count, are excluded). The test is exact for YAML (the parser's own lexer
 * says what is a comment) and conservative for Dockerfiles; other families never take this path.
 */
export function isCommentEdit(
  kind: FileKind,
  before: string,
  after: string,
  edit: TextEdit,
): boolean {
  if (!withinOneLine(before, after, edit)) return false;
  const oldLine = lineAround(before, edit.start);
  const newLine = lineAround(after, edit.start);
  const oldText = before.slice(oldLine.start, oldLine.end);
  const newText = after.slice(newLine.start, newLine.end);
  if (oldText.includes(MARKER) || newText.includes(MARKER)) return false;
  if (kind === 'dockerfile') {
    // A heredoc's lines are content, whatever they look like.
    if (before.includes('<<') || after.includes('<<')) return false;
    if (dockerfileLabel(before, oldLine.start, [oldText, newText])) return true;
  }
  if (!newText.slice(0, edit.start - newLine.start).includes('#')) return false;

  switch (kind) {
    case 'compose':
    case 'github-actions':
    case 'gitlab-ci':
      return yamlCommentAt(after, edit.start);
    case 'dockerfile':
      return dockerfileComment(before, oldLine.start, edit.start, [oldText, newText]);
    default:
      return false;
  }
}

/** Control tokens of the YAML lexer: they stand for no character of the source. */
const CONTROL = new Set(['\x02', '\x18', '\x1f']);
const SCALAR = '\x1f';

/**
 * Whether the character before `offset` and everything from it to the end of its line are one
 * comment token. The text before `offset` is the same in both versions, so the lexer reaches the
 * `#` in the same state in both, and a comment runs to the end of its line whatever it says.
 * Lexing stops at the offset: the cost is that of the text above the edit.
 */
function yamlCommentAt(text: string, offset: number): boolean {
  let at = 0;
  let previous = '';
  for (const token of new Lexer().lex(text)) {
    const length = CONTROL.has(token) ? 0 : token.length;
    if (at + length > offset || (length > 0 && at + length === offset && token.startsWith('#'))) {
      return token.startsWith('#') && previous !== SCALAR && at < offset;
    }
    at += length;
    previous = token;
  }
  return false;
}

/**
 * A Dockerfile comment line: `#` first on its line, after the first instruction (so never a
 * parser directive), not ending with an escape character. Files with heredocs are ruled out
 * before.
 */
function dockerfileComment(
  before: string,
  lineStart: number,
  offset: number,
  lines: string[],
): boolean {
  for (const line of lines) {
    const hash = line.search(/\S/);
    if (line[hash] !== '#' || lineStart + hash >= offset || /[\\`]\s*$/.test(line)) return false;
  }
  return /^[ \t]*[^\s#]/m.test(before.slice(0, lineStart));
}

/** A LABEL instruction, whole on its line: its keyword first, no escape character at its end. */
const LABEL_LINE = /^[ \t]*LABEL[ \t][^\r\n]*[^\\`\s][ \t]*$/i;

/**
 * An edit inside a one-line LABEL instruction that stays one: no rule reads labels, and a line
 * that neither continues an instruction above nor is continued changes no other instruction. A
 * continuation runs on over comment and blank lines, so the last line above that is neither
 * must not end with an escape character.
 */
function dockerfileLabel(before: string, lineStart: number, lines: string[]): boolean {
  if (!lines.every((line) => LABEL_LINE.test(line))) return false;
  const above = instructionLineAbove(before, lineStart);
  return above === undefined || !/[\\`][ \t]*$/.test(above);
}

/** The last line above the one at `lineStart` that is neither blank nor a comment. */
function instructionLineAbove(text: string, lineStart: number): string | undefined {
  let next = lineStart;
  while (next > 0) {
    const lineBreak = text[next - 1] === '\n' && text[next - 2] === '\r' ? next - 2 : next - 1;
    const line = lineAround(text, lineBreak);
    const content = text.slice(line.start, line.end);
    if (content.trim() !== '' && !/^\s*#/.test(content)) return content;
    next = line.start;
  }
  return undefined;
}
