import { ansiEscape } from './escapes';
import { WordBuilder, type ShellWord } from './word';

/**
 * The word-level half of the tokenizer: quotes, escapes, expansions and line continuations
 * inside one word. Command substitutions call back into the command-level `list`.
 */

/** Where a nested command list ends: `)` of `$(...)`, a closing backtick, or the input's end. */
export type Stop = ')' | '`' | undefined;

/** Something the tokenizer could not close, at a script offset. */
export interface TokenProblem {
  offset: number;
  message: string;
  /** what was done about it, when not "the rest of the file was read as part of it" */
  consequence?: string;
}

/**
 * How deep substitutions and `${...}` may nest before the inside is read as text: each level is
 * a call of its own, and thousands of them exhaust the stack.
 */
export const MAX_NESTING = 200;

/** Character classes as bit flags of a table over ASCII, for the hot loops. */
export const META = 1;
const WORD_SPECIAL = 2;
const DOUBLE_SPECIAL = 4;
export const OPERATOR_START = 8;
const CLASSES = new Uint8Array(128);
function classify(chars: string, flag: number): void {
  for (const c of chars) CLASSES[c.charCodeAt(0)] = (CLASSES[c.charCodeAt(0)] ?? 0) | flag;
}
classify(' \t\r\n;&|<>()', META | WORD_SPECIAL);
classify('\\\'"$`', WORD_SPECIAL);
classify('"\\$`', DOUBLE_SPECIAL);
classify(';&|<>()0123456789', OPERATOR_START);

export function isClass(text: string, at: number, flag: number): boolean {
  const code = text.charCodeAt(at);
  return code < 128 && ((CLASSES[code] ?? 0) & flag) !== 0;
}

const DOUBLE_ESCAPABLE = new Set(['$', '`', '"', '\\']);
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const SPECIAL_PARAMETER = /[0-9@*#?$!-]/;

/** Reads words from `pos` on; the command level (`list`) is the subclass's. */
export abstract class WordScanner {
  pos = 0;
  readonly problems: TokenProblem[] = [];
  private nesting = 0;
  private nestingNoted = false;

  constructor(protected readonly text: string) {}

  /** Reads commands up to `stop` (not consumed) or the end of the input. */
  abstract list(stop: Stop): void;

  protected newlineAt(at: number): number {
    if (this.text[at] === '\n') return 1;
    return this.text[at] === '\r' && this.text[at + 1] === '\n' ? 2 : 0;
  }

  /**
   * Reads one word from the position, which holds a character that starts one. The word ends
   * before a line continuation that trails it: the continuation separates, it does not belong.
   */
  word(stop: Stop): ShellWord {
    const start = this.pos;
    const builder = new WordBuilder();
    const flags = { quoted: false, substituted: false };
    let end = start;

    while (this.pos < this.text.length) {
      const c = this.text[this.pos] ?? '';
      if (c === '`' && stop === '`') break;
      if ((c === '<' || c === '>') && this.pos === start && this.text[this.pos + 1] === '(') {
        this.substitution(builder, 2, ')');
        flags.substituted = true;
      } else if (isClass(this.text, this.pos, META)) {
        break;
      } else if (!this.continuation()) {
        this.wordPart(c, builder, flags);
      } else {
        continue;
      }
      end = this.pos;
    }

    if (this.pos === start) builder.add(this.text[this.pos++] ?? '', start);
    end = Math.max(end, Math.min(this.pos, start + 1));
    const raw = this.text.slice(start, end);
    return { value: builder.value, raw, start, end, pieces: builder.pieces, ...flags };
  }

  /** Skips an unquoted `\` + newline at the position; false when there is none. */
  private continuation(): boolean {
    const newline = this.text[this.pos] === '\\' ? this.newlineAt(this.pos + 1) : 0;
    this.pos += newline > 0 ? 1 + newline : 0;
    return newline > 0;
  }

  private wordPart(
    c: string,
    builder: WordBuilder,
    flags: { quoted: boolean; substituted: boolean },
  ): void {
    if (c === '\\') {
      if (this.escape(builder)) flags.quoted = true;
    } else if (c === "'") {
      this.singleQuoted(builder);
      flags.quoted = true;
    } else if (c === '"') {
      if (this.doubleQuoted(builder)) flags.substituted = true;
      flags.quoted = true;
    } else if (c === '$') {
      const kind = this.dollar(builder, false);
      if (kind === 'quoted') flags.quoted = true;
      if (kind === 'substituted') flags.substituted = true;
    } else if (c === '`') {
      this.substitution(builder, 1, '`');
      flags.substituted = true;
    } else {
      let end = this.pos + 1;
      while (end < this.text.length && !isClass(this.text, end, WORD_SPECIAL)) end++;
      builder.add(this.text.slice(this.pos, end), this.pos);
      this.pos = end;
    }
  }

  /** An unquoted backslash (not a continuation): the escaped character. */
  private escape(builder: WordBuilder): boolean {
    if (this.pos + 1 >= this.text.length) {
      builder.add('\\', this.pos++);
      return false;
    }
    builder.add(this.text[this.pos + 1] ?? '', this.pos + 1);
    this.pos += 2;
    return true;
  }

  private singleQuoted(builder: WordBuilder): void {
    const open = this.pos;
    let close = this.text.indexOf("'", open + 1);
    if (close < 0) {
      this.problems.push({ offset: open, message: 'unterminated single quote' });
      close = this.text.length;
    }
    builder.add(this.text.slice(open + 1, close), open + 1);
    this.pos = Math.min(close + 1, this.text.length);
  }

  /** Reads `"..."`; true when it held a command substitution. */
  private doubleQuoted(builder: WordBuilder): boolean {
    const open = this.pos++;
    let substituted = false;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] ?? '';
      if (c === '"') {
        this.pos++;
        return substituted;
      }
      if (c === '\\') this.escapeInDouble(builder);
      else if (c === '$') substituted = this.dollar(builder, true) === 'substituted' || substituted;
      else if (c === '`') substituted = this.substitution(builder, 1, '`');
      else {
        let end = this.pos + 1;
        while (end < this.text.length && !isClass(this.text, end, DOUBLE_SPECIAL)) end++;
        builder.add(this.text.slice(this.pos, end), this.pos);
        this.pos = end;
      }
    }
    this.problems.push({ offset: open, message: 'unterminated double quote' });
    return substituted;
  }

  private escapeInDouble(builder: WordBuilder): void {
    const newline = this.newlineAt(this.pos + 1);
    const next = this.text[this.pos + 1] ?? '';
    if (newline > 0) {
      this.pos += 1 + newline;
    } else if (DOUBLE_ESCAPABLE.has(next)) {
      builder.add(next, this.pos + 1);
      this.pos += 2;
    } else {
      builder.add('\\', this.pos++);
    }
  }

  /** Reads what starts with `$`; says whether it was a quote or a command substitution. */
  private dollar(builder: WordBuilder, inDouble: boolean): 'plain' | 'quoted' | 'substituted' {
    const next = this.text[this.pos + 1] ?? '';
    if (next === "'" && !inDouble) {
      this.ansiQuoted(builder);
      return 'quoted';
    }
    if (next === '"' && !inDouble) {
      this.pos++;
      return this.doubleQuoted(builder) ? 'substituted' : 'quoted';
    }
    if (next === '(' && this.text[this.pos + 2] === '(') {
      this.arithmetic(builder);
      return 'plain';
    }
    if (next === '(') return this.substitution(builder, 2, ')') ? 'substituted' : 'plain';
    if (next === '{') return this.braced(builder, inDouble) ? 'substituted' : 'plain';

    let end = this.pos + 1;
    if (NAME_START.test(next)) {
      while (end < this.text.length && NAME_PART.test(this.text[end] ?? '')) end++;
    } else if (SPECIAL_PARAMETER.test(next)) {
      end++;
    }
    builder.add(this.text.slice(this.pos, end), this.pos);
    this.pos = end;
    return 'plain';
  }

  /**
   * Reads `$(...)`, `<(...)` (`open` characters) or backticks, scanning the inside as commands.
   * The word keeps the whole substitution as written. Always true (it substitutes).
   */
  private substitution(builder: WordBuilder, open: number, close: ')' | '`'): boolean {
    const start = this.pos;
    this.pos += open;
    this.nested(() => this.list(close), close);
    if (this.text[this.pos] === close) this.pos++;
    else this.problems.push({ offset: start, message: 'unterminated command substitution' });
    builder.add(this.text.slice(start, this.pos), start);
    return true;
  }

  private arithmetic(builder: WordBuilder): void {
    const start = this.pos;
    let depth = 0;
    let at = start + 1;
    for (; at < this.text.length; at++) {
      const c = this.text[at];
      if (c === '(') depth++;
      if (c === ')' && --depth === 0) break;
    }
    this.pos = Math.min(at + 1, this.text.length);
    builder.add(this.text.slice(start, this.pos), start);
  }

  /** Reads `${...}` with nested braces, quotes and substitutions; true when it substituted. */
  private braced(builder: WordBuilder, inDouble: boolean): boolean {
    const start = this.pos;
    const scratch = new WordBuilder();
    let substituted = false;
    this.pos += 2;
    this.nested(() => {
      substituted = this.bracedInside(scratch, inDouble);
    }, '}');
    if (this.text[this.pos] === '}') this.pos++;
    this.pos = Math.min(this.pos, this.text.length);
    builder.add(this.text.slice(start, this.pos), start);
    return substituted;
  }

  /** Reads the inside of `${...}` up to its closing `}` (not consumed). */
  private bracedInside(scratch: WordBuilder, inDouble: boolean): boolean {
    let substituted = false;
    let depth = 1;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] ?? '';
      if (c === '{') depth++;
      if (c === '}' && --depth === 0) break;
      if (c === '\\') this.pos += 2;
      else if (c === "'" && !inDouble) this.singleQuoted(scratch);
      else if (c === '"') substituted = this.doubleQuoted(scratch) || substituted;
      else if (c === '$' && this.text[this.pos + 1] !== '{') {
        substituted = this.dollar(scratch, inDouble) === 'substituted' || substituted;
      } else if (c === '`') substituted = this.substitution(scratch, 1, '`');
      else this.pos++;
    }
    this.pos = Math.min(this.pos, this.text.length);
    return substituted;
  }

  /**
   * Reads one level of nesting with `read`; past MAX_NESTING levels the inside is skipped as
   * text to its `close` (not consumed), noted once.
   */
  private nested(read: () => void, close: ')' | '`' | '}'): void {
    if (this.nesting >= MAX_NESTING) {
      if (!this.nestingNoted) {
        this.nestingNoted = true;
        this.problems.push({
          offset: this.pos,
          message: `substitutions nest deeper than ${MAX_NESTING} levels`,
          consequence: 'what is nested deeper was read as text, not as commands',
        });
      }
      this.skipNested(close);
      return;
    }
    this.nesting++;
    read();
    this.nesting--;
  }

  /** Moves to the `close` that ends the current level, in one pass without recursing. */
  private skipNested(close: ')' | '`' | '}'): void {
    const open = close === ')' ? '(' : close === '}' ? '{' : undefined;
    let depth = 0;
    let quote: string | undefined;
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos];
      if (c === '\\' && quote !== "'") this.pos++;
      else if (quote !== undefined) quote = c === quote ? undefined : quote;
      else if (c === "'" || c === '"') quote = c;
      else if (c === close && depth === 0) return;
      else if (c === open) depth++;
      else if (c === close) depth--;
    }
    this.pos = this.text.length;
  }

  /** Reads `$'...'`, decoding its escapes; each decoded character maps to its backslash. */
  private ansiQuoted(builder: WordBuilder): void {
    const open = this.pos;
    this.pos += 2;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === "'") {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const escape = ansiEscape(this.text, this.pos);
        builder.add(escape.value, this.pos);
        this.pos += escape.length;
        continue;
      }
      let end = this.pos + 1;
      while (end < this.text.length && this.text[end] !== "'" && this.text[end] !== '\\') end++;
      builder.add(this.text.slice(this.pos, end), this.pos);
      this.pos = end;
    }
    this.problems.push({ offset: open, message: "unterminated $'...' quote" });
  }
}
