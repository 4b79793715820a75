import {
  OPERATOR_START,
  META,
  WordScanner,
  isClass,
  type Stop,
  type TokenProblem,
} from './scan-word';
import type { ShellWord } from './word';

export type { ShellWord } from './word';
export type { TokenProblem } from './scan-word';

/** A here-document: its body is data (script offsets `bodyStart`..`bodyEnd`). */
export interface HereDoc {
  delimiter: string;
  /** the delimiter was quoted: the body is taken literally */
  quoted: boolean;
  /** `<<-`: leading tabs are stripped from body lines */
  stripTabs: boolean;
  bodyStart: number;
  bodyEnd: number;
}

/** What the tokenizer reads, in script order. */
export type Token =
  | { type: 'word'; word: ShellWord }
  /** a command separator: `;` `&&` `||` `|` `&` newline `(` `)` `;;` ... */
  | { type: 'op'; op: string; start: number; end: number }
  /** a redirection; unless it opens a here-document, the next word is its target */
  | { type: 'redirect'; op: string; start: number; end: number; heredoc?: HereDoc };

/** The token lists of a script and what could not be closed. */
export interface Tokenized {
  /** `lists[0]` is the script; each command substitution's inside follows as a list of its own */
  lists: Token[][];
  problems: TokenProblem[];
}

/**
 * A POSIX/bash tokenizer with positions. It reads words (quotes, escapes, expansions, line
 * continuations), operators, redirections and here-documents, and scans the inside of command
 * substitutions as commands of their own. It never throws: an unterminated quote, substitution
 * or here-document ends at the end of the input and is reported as a problem.
 */
export function tokenize(text: string): Tokenized {
  const scanner = new Scanner(text);
  scanner.list(undefined);
  return { lists: scanner.lists, problems: scanner.problems };
}

const OPERATORS_3 = new Set([';;&', '&>>', '<<<', '<<-']);
const OPERATORS_2 = new Set('&& || ;; ;& |& &> >> >| >& << <& <>'.split(' '));

class Scanner extends WordScanner {
  readonly lists: Token[][] = [];
  private pending: HereDoc[] = [];

  /** Reads commands up to `stop` (not consumed) or the end of the input. */
  list(stop: Stop): void {
    const tokens: Token[] = [];
    this.lists.push(tokens);
    let depth = 0;

    while (this.pos < this.text.length) {
      const c = this.text[this.pos] ?? '';
      if (c === ' ' || c === '\t' || (c === '\r' && this.newlineAt(this.pos) === 0)) {
        this.pos++;
      } else if (c === '\\' && this.newlineAt(this.pos + 1) > 0) {
        this.pos += 1 + this.newlineAt(this.pos + 1);
      } else if (this.newlineAt(this.pos) > 0) {
        this.newline(tokens);
      } else if (c === '#') {
        this.skipComment();
      } else if (stop === '`' && c === '`') {
        return;
      } else if (stop === ')' && c === ')' && depth === 0) {
        return;
      } else if ((c === '<' || c === '>') && this.text[this.pos + 1] === '(') {
        tokens.push({ type: 'word', word: this.word(stop) });
      } else {
        const op = isClass(this.text, this.pos, OPERATOR_START) ? this.operator(tokens) : undefined;
        if (op === undefined) tokens.push({ type: 'word', word: this.word(stop) });
        else depth += op === '(' ? 1 : op === ')' ? -1 : 0;
      }
    }
  }

  private newline(tokens: Token[]): void {
    const length = this.newlineAt(this.pos);
    tokens.push({ type: 'op', op: '\n', start: this.pos, end: this.pos + length });
    this.pos += length;
    this.readHereDocs();
  }

  private skipComment(): void {
    while (this.pos < this.text.length && this.newlineAt(this.pos) === 0) this.pos++;
  }

  /** Reads an operator or redirection at the position; false when there is none. */
  private operator(tokens: Token[]): string | undefined {
    const start = this.pos;
    const op = this.readOperatorText();
    if (op === undefined) return undefined;

    this.pos += op.length;
    if (!/[<>]/.test(op)) {
      tokens.push({ type: 'op', op, start, end: this.pos });
      return op;
    }

    const token: Token = { type: 'redirect', op, start, end: this.pos };
    const bare = op.replace(/^\d+/, '');
    if (bare === '<<' || bare === '<<-') token.heredoc = this.hereDocHead(bare === '<<-');
    tokens.push(token);
    return op;
  }

  /** The operator text at the position, with a leading file descriptor number (`2>&1`). */
  private readOperatorText(): string | undefined {
    const digits = /^\d*/.exec(this.text.slice(this.pos, this.pos + 12))?.[0] ?? '';
    const at = this.pos + digits.length;
    const next = this.text[at];
    if (digits !== '' && next !== '<' && next !== '>') return undefined;

    const three = this.text.slice(at, at + 3);
    if (OPERATORS_3.has(three)) return digits + three;
    const two = this.text.slice(at, at + 2);
    if (OPERATORS_2.has(two)) return digits + two;
    const one = next ?? '';
    return ';&|<>()'.includes(one) && one !== '' ? digits + one : undefined;
  }

  /** Reads a here-document's delimiter word; its body is read after the next newline. */
  private hereDocHead(stripTabs: boolean): HereDoc | undefined {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
    const c = this.text[this.pos];
    if (c === undefined || isClass(this.text, this.pos, META)) return undefined;

    const word = this.word(undefined);
    const doc: HereDoc = {
      delimiter: word.value,
      quoted: word.quoted,
      stripTabs,
      bodyStart: this.text.length,
      bodyEnd: this.text.length,
    };
    this.pending.push(doc);
    return doc;
  }

  private readHereDocs(): void {
    const docs = this.pending;
    this.pending = [];
    for (const doc of docs) {
      doc.bodyStart = this.pos;
      doc.bodyEnd = this.text.length;
      if (!this.readHereDocBody(doc)) {
        this.problems.push({
          offset: doc.bodyStart,
          message: `here-document without its end line "${doc.delimiter}"`,
        });
      }
    }
  }

  private readHereDocBody(doc: HereDoc): boolean {
    while (this.pos < this.text.length) {
      const newline = this.text.indexOf('\n', this.pos);
      const lineEnd = newline < 0 ? this.text.length : newline;
      let line = this.text.slice(this.pos, lineEnd);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (doc.stripTabs) line = line.replace(/^\t+/, '');

      const lineStart = this.pos;
      this.pos = newline < 0 ? this.text.length : newline + 1;
      if (line === doc.delimiter) {
        doc.bodyEnd = lineStart;
        return true;
      }
    }
    return false;
  }
}
