import { TextBuilder, type MappedText } from '../yaml-embed/mapped';

/**
 * A position-exact scanner for the part of TOML that GitLab Runner's config.toml uses; not a full
 * TOML parser. Read: comments; table headers `[a.b]` and array-table headers `[[a.b]]` with bare
 * or quoted keys; `key = value` with bare, quoted and dotted keys; basic strings with escapes,
 * literal strings, multi-line basic and literal strings; booleans; arrays over several lines
 * with comments and trailing commas; inline tables. Numbers, dates and other bare values are kept
 * as raw text. Nothing is checked beyond what reading needs (duplicate keys, mixed arrays and
 * redefined tables pass); a line that cannot be read is reported as a problem and skipped.
 */

export type TomlValue =
  | { kind: 'string'; text: MappedText; start: number; end: number }
  | { kind: 'bool'; value: boolean; start: number; end: number }
  | { kind: 'raw'; raw: string; start: number; end: number }
  | { kind: 'array'; items: TomlValue[]; start: number; end: number }
  | { kind: 'table'; entries: TomlEntry[]; start: number; end: number };

export interface TomlEntry {
  /** the dotted key as written, split */
  key: string[];
  keyStart: number;
  keyEnd: number;
  value: TomlValue;
}

export interface TomlTable {
  /** the header's key, split; empty for the entries before the first header */
  path: string[];
  /** an array-table header `[[...]]`: each one starts a new element */
  array: boolean;
  headerStart: number;
  headerEnd: number;
  entries: TomlEntry[];
}

export interface TomlProblem {
  start: number;
  end: number;
  message: string;
}

export interface TomlDocument {
  tables: TomlTable[];
  problems: TomlProblem[];
}

class Failure {
  constructor(
    readonly at: number,
    readonly message: string,
  ) {}
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const LINE_ENDING_BACKSLASH = /\\[ \t]*\r?\n/y;
const BASIC_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  e: '\x1b',
  '"': '"',
  '\\': '\\',
};

export function scanToml(text: string): TomlDocument {
  const scanner = new Scanner(text);
  const root: TomlTable = { path: [], array: false, headerStart: 0, headerEnd: 0, entries: [] };
  const tables = [root];
  const problems: TomlProblem[] = [];

  while (scanner.skipTrivia() < text.length) {
    const lineStart = scanner.pos;
    try {
      if (text[lineStart] === '[') tables.push(scanner.header());
      else (tables[tables.length - 1] ?? root).entries.push(scanner.entry());
      scanner.lineEnd();
    } catch (error) {
      const failure = error instanceof Failure ? error : new Failure(scanner.pos, String(error));
      const end = Math.min(text.length, failure.at + 1);
      problems.push({ start: failure.at, end, message: failure.message });
      scanner.pos = Math.max(scanner.pos, lineStart + 1);
      scanner.skipLine();
    }
  }
  return { tables, problems };
}

class Scanner {
  pos = 0;

  constructor(private readonly text: string) {}

  private peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  private startsWith(word: string): boolean {
    return this.text.startsWith(word, this.pos);
  }

  skipBlanks(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  /** Blanks, line breaks and comments; returns the position reached. */
  skipTrivia(): number {
    for (;;) {
      this.skipBlanks();
      const ch = this.peek();
      if (ch === '#') this.skipComment();
      else if (ch === '\n' || ch === '\r') this.pos++;
      else return this.pos;
    }
  }

  private skipComment(): void {
    while (this.pos < this.text.length && this.peek() !== '\n' && this.peek() !== '\r') this.pos++;
  }

  skipLine(): void {
    this.skipComment();
  }

  /** After a header or an entry only blanks and a comment may follow on the line. */
  lineEnd(): void {
    this.skipBlanks();
    if (this.peek() === '#') this.skipComment();
    const ch = this.peek();
    if (ch !== '' && ch !== '\n' && ch !== '\r')
      throw new Failure(this.pos, 'Expected the end of the line');
  }

  header(): TomlTable {
    const headerStart = this.pos;
    const array = this.startsWith('[[');
    this.pos += array ? 2 : 1;
    this.skipBlanks();
    const path = this.key().parts;
    this.skipBlanks();
    const close = array ? ']]' : ']';
    if (!this.startsWith(close)) throw new Failure(this.pos, `Expected ${close}`);
    this.pos += close.length;
    return { path, array, headerStart, headerEnd: this.pos, entries: [] };
  }

  entry(): TomlEntry {
    const keyStart = this.pos;
    const { parts } = this.key();
    const keyEnd = this.pos;
    this.skipBlanks();
    if (this.peek() !== '=') throw new Failure(this.pos, 'Expected =');
    this.pos++;
    this.skipBlanks();
    return { key: parts, keyStart, keyEnd, value: this.value() };
  }

  private key(): { parts: string[] } {
    const parts: string[] = [];
    for (;;) {
      this.skipBlanks();
      parts.push(this.keyPart());
      this.skipBlanks();
      if (this.peek() !== '.') return { parts };
      this.pos++;
    }
  }

  private keyPart(): string {
    const ch = this.peek();
    if (ch === '"') return this.basicString().text.text;
    if (ch === "'") return this.literalString().text.text;
    const start = this.pos;
    while (BARE_KEY.test(this.peek())) this.pos++;
    if (this.pos === start) throw new Failure(this.pos, 'Expected a key');
    return this.text.slice(start, this.pos);
  }

  private value(): TomlValue {
    const ch = this.peek();
    if (this.startsWith('"""')) return this.multiLineBasic();
    if (this.startsWith("'''")) return this.multiLineLiteral();
    if (ch === '"') return this.basicString();
    if (ch === "'") return this.literalString();
    if (ch === '[') return this.array();
    if (ch === '{') return this.inlineTable();
    return this.bare();
  }

  private bare(): TomlValue {
    const start = this.pos;
    while (this.pos < this.text.length && !/[\s,\]}#]/.test(this.peek())) this.pos++;
    if (this.pos === start) throw new Failure(this.pos, 'Expected a value');
    const raw = this.text.slice(start, this.pos);
    if (raw === 'true' || raw === 'false')
      return { kind: 'bool', value: raw === 'true', start, end: this.pos };
    return { kind: 'raw', raw, start, end: this.pos };
  }

  private array(): TomlValue {
    const start = this.pos;
    const items: TomlValue[] = [];
    this.pos++;
    for (;;) {
      this.skipTrivia();
      if (this.peek() === ']') break;
      if (this.pos >= this.text.length) throw new Failure(start, 'Unclosed array');
      items.push(this.value());
      this.skipTrivia();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== ']') throw new Failure(this.pos, 'Expected , or ]');
    }
    this.pos++;
    return { kind: 'array', items, start, end: this.pos };
  }

  private inlineTable(): TomlValue {
    const start = this.pos;
    const entries: TomlEntry[] = [];
    this.pos++;
    for (;;) {
      this.skipTrivia();
      if (this.peek() === '}') break;
      if (this.pos >= this.text.length) throw new Failure(start, 'Unclosed inline table');
      entries.push(this.entry());
      this.skipTrivia();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') throw new Failure(this.pos, 'Expected , or }');
    }
    this.pos++;
    return { kind: 'table', entries, start, end: this.pos };
  }

  private literalString(): TomlValue & { kind: 'string' } {
    const start = this.pos;
    const close = this.text.indexOf("'", start + 1);
    const lineBreak = this.text.slice(start + 1, close === -1 ? undefined : close).search(/[\r\n]/);
    if (close === -1 || lineBreak !== -1) throw new Failure(start, 'Unclosed string');
    const builder = new TextBuilder(start + 1);
    builder.copy(this.text.slice(start + 1, close), start + 1);
    this.pos = close + 1;
    return { kind: 'string', text: builder.build(), start, end: this.pos };
  }

  private basicString(): TomlValue & { kind: 'string' } {
    const start = this.pos;
    const builder = new TextBuilder(start + 1);
    this.pos++;
    for (;;) {
      const ch = this.peek();
      if (ch === '' || ch === '\n' || ch === '\r') throw new Failure(start, 'Unclosed string');
      if (ch === '"') break;
      if (ch === '\\') this.escape(builder);
      else builder.copy(ch, this.pos++);
    }
    this.pos++;
    return { kind: 'string', text: builder.build(), start, end: this.pos };
  }

  /** One escape of a basic string; an unknown one is kept as written. */
  private escape(builder: TextBuilder): void {
    const at = this.pos;
    const code = this.peek(1);
    const simple = BASIC_ESCAPES[code];
    const length = code === 'u' ? 4 : code === 'U' ? 8 : code === 'x' ? 2 : 0;
    if (simple !== undefined) {
      builder.add(simple, at, at + 2);
      this.pos += 2;
      return;
    }
    const digits = this.text.slice(at + 2, at + 2 + length);
    const point = length > 0 && /^[0-9a-fA-F]+$/.test(digits) ? parseInt(digits, 16) : NaN;
    if (digits.length === length && point <= 0x10ffff) {
      builder.add(String.fromCodePoint(point), at, at + 2 + length);
      this.pos += 2 + length;
    } else {
      builder.copy('\\', at);
      this.pos++;
    }
  }

  private multiLineBasic(): TomlValue & { kind: 'string' } {
    const start = this.pos;
    this.pos += 3;
    this.skipFirstBreak();
    const builder = new TextBuilder(this.pos);
    while (!this.startsWith('"""')) {
      if (this.pos >= this.text.length) throw new Failure(start, 'Unclosed string');
      LINE_ENDING_BACKSLASH.lastIndex = this.pos;
      if (LINE_ENDING_BACKSLASH.test(this.text)) {
        this.pos++;
        while (/[ \t\r\n]/.test(this.peek())) this.pos++;
      } else if (this.peek() === '\\') {
        this.escape(builder);
      } else {
        builder.copy(this.peek(), this.pos++);
      }
    }
    this.pos += 3;
    return { kind: 'string', text: builder.build(), start, end: this.pos };
  }

  private multiLineLiteral(): TomlValue & { kind: 'string' } {
    const start = this.pos;
    this.pos += 3;
    this.skipFirstBreak();
    const close = this.text.indexOf("'''", this.pos);
    if (close === -1) throw new Failure(start, 'Unclosed string');
    const builder = new TextBuilder(this.pos);
    builder.copy(this.text.slice(this.pos, close), this.pos);
    this.pos = close + 3;
    return { kind: 'string', text: builder.build(), start, end: this.pos };
  }

  private skipFirstBreak(): void {
    if (this.startsWith('\r\n')) this.pos += 2;
    else if (this.peek() === '\n') this.pos++;
  }
}
