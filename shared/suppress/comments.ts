import { createScanner } from 'jsonc-parser';
import type { FileKind } from '../model/finding';

/** The word every suppression comment starts with. */
export const MARKER = 'docker-socket-guard-ignore';

/** How a family writes comments: `#` to the end of the line, JSONC `//` and `/* *\/`, or none. */
export type CommentStyle = 'hash' | 'jsonc' | 'none';

const STYLES: Readonly<Record<FileKind, CommentStyle>> = {
  compose: 'hash',
  kubernetes: 'hash',
  helm: 'hash',
  dockerfile: 'hash',
  shell: 'hash',
  makefile: 'hash',
  'github-actions': 'hash',
  'gitlab-ci': 'hash',
  'gitlab-runner': 'hash',
  devcontainer: 'jsonc',
  'daemon-json': 'none',
  systemd: 'hash',
  'docker-defaults': 'hash',
};

export function commentStyle(kind: FileKind): CommentStyle {
  return STYLES[kind];
}

/**
 * A comment that starts with the marker: `start` is the marker's offset, `end` the end of the
 * comment's text (before a line break or a closing `*\/`), `close` the end of the comment itself.
 */
export interface DirectiveComment {
  start: number;
  end: number;
  close: number;
}

/** jsonc-parser's SyntaxKind values; its enum is a const enum that isolated modules cannot read. */
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const EOF = 17;

/** The comments of a text that begin with the marker, in document order. */
export function directiveComments(text: string, kind: FileKind): DirectiveComment[] {
  if (!text.includes(MARKER)) return [];

  const style = commentStyle(kind);
  if (style === 'hash') return hashDirectives(text);
  if (style === 'jsonc') return jsoncDirectives(text);
  return [];
}

/**
 * `#` comments: the `#` starts the line or follows white space and is outside quotes on its
 * line. Quotes are only tracked within the line, so a `#` inside a multi-line string that
 * happens to start with the marker is read as a comment; that is the accepted limit.
 */
function hashDirectives(text: string): DirectiveComment[] {
  const found: DirectiveComment[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(MARKER, from);
    if (at < 0) return found;
    from = at + MARKER.length;

    const lineStart = Math.max(text.lastIndexOf('\n', at), text.lastIndexOf('\r', at)) + 1;
    const opener = /(?:^|[ \t])#+[ \t]*$/.exec(text.slice(lineStart, at));
    if (!opener) continue;
    const prefix = text.slice(lineStart, lineStart + opener.index);
    if (insideQuotes(prefix)) continue;
    const end = lineEnd(text, at);
    found.push({ start: at, end, close: end });
  }
}

function insideQuotes(prefix: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < prefix.length; i++) {
    const ch = prefix[i];
    if (quote === undefined) {
      if (ch === '"' || ch === "'") quote = ch;
    } else if (ch === '\\' && quote === '"') {
      i++;
    } else if (ch === quote) {
      quote = undefined;
    }
  }
  return quote !== undefined;
}

function lineEnd(text: string, from: number): number {
  const match = /[\r\n]/.exec(text.slice(from));
  return match ? from + match.index : text.length;
}

/** JSONC comments, found by the JSON scanner so that `//` inside a string is not a comment. */
function jsoncDirectives(text: string): DirectiveComment[] {
  const found: DirectiveComment[] = [];
  const scanner = createScanner(text, false);
  for (let token: number = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token !== LINE_COMMENT && token !== BLOCK_COMMENT) continue;

    const start = scanner.getTokenOffset();
    const close = start + scanner.getTokenLength();
    const closed = token === BLOCK_COMMENT && close - start >= 4 && text.endsWith('*/', close);
    const end = closed ? close - 2 : close;
    const lead = /^[ \t\r\n*]*/.exec(text.slice(start + 2, end))?.[0].length ?? 0;
    const at = start + 2 + lead;
    if (text.startsWith(MARKER, at)) found.push({ start: at, end, close });
  }
  return found;
}
