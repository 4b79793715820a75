import { Parser } from 'yaml';
import type { FileKind } from '../../shared/model/finding';

/**
 * Where a comment line or a blank line can be inserted without changing what a file means: the
 * starts of lines that begin a new line of the format, not the inside of a YAML block scalar,
 * multi-line scalar or flow collection, a here-document, a quoted string, a continued line, a
 * Makefile `define` or a TOML multi-line string. The scans are conservative: a line they are
 * unsure of is left out.
 */
export function safeLineStarts(kind: FileKind, text: string): number[] {
  const starts = lineStarts(text);
  const safe = SAFE[kind](text, starts);
  return starts.filter((_, index) => safe[index]);
}

type LineScan = (text: string, starts: number[]) => boolean[];

const yamlLines: LineScan = (text, starts) => {
  const inside = yamlInteriors(text);
  return starts.map((start) => !inside.some(([from, to]) => from < start && start < to));
};
const everyLine: LineScan = (_, starts) => starts.map(() => true);

const SAFE: Readonly<Record<FileKind, LineScan>> = {
  compose: yamlLines,
  kubernetes: yamlLines,
  helm: yamlLines,
  'github-actions': yamlLines,
  'gitlab-ci': yamlLines,
  dockerfile: dockerfileLines,
  shell: shellLines,
  'docker-defaults': shellLines,
  makefile: makefileLines,
  systemd: (text, starts) => lineFlags(text, starts, continuedLines),
  'gitlab-runner': tomlLines,
  devcontainer: everyLine,
  'daemon-json': everyLine,
};

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  if (starts[starts.length - 1] === text.length && text.length > 0) starts.pop();
  return starts;
}

function linesOf(text: string, starts: number[]): string[] {
  return starts.map((start, i) =>
    text.slice(start, starts[i + 1] ?? text.length).replace(/\r?\n$|\r$/, ''),
  );
}

function lineFlags(text: string, starts: number[], scan: (lines: string[]) => boolean[]) {
  return scan(linesOf(text, starts));
}

/** `[from, to)` of every YAML token that spans lines, from the parser's concrete syntax tree. */
function yamlInteriors(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const range = tokenRange(node as Token, text.length);
    if (range) ranges.push(range);
    Object.values(node).forEach(visit);
  };
  for (const token of new Parser().parse(text)) visit(token);
  return ranges;
}

interface Token {
  type?: string;
  offset?: number;
  source?: string;
  props?: Token[];
  start?: Token;
  end?: Token[];
}

function tokenRange(token: Token, length: number): [number, number] | undefined {
  const { type, offset, source } = token;
  if (typeof offset !== 'number') return undefined;
  if (type === 'block-scalar') {
    const last = token.props?.[token.props.length - 1];
    const propsEnd = (last?.offset ?? offset) + (last?.source?.length ?? 0);
    return [offset, propsEnd + (source?.length ?? 0)];
  }
  if (type === 'flow-collection') {
    const close = token.end?.[token.end.length - 1];
    const to = close?.offset === undefined ? length : close.offset + (close.source?.length ?? 0);
    return [token.start?.offset ?? offset, to];
  }
  if (/scalar$/.test(type ?? '') && typeof source === 'string')
    return [offset, offset + source.length];
  return undefined;
}

/** Lines after one ending in a backslash continue it. */
function continuedLines(lines: string[]): boolean[] {
  return lines.map((_, i) => i === 0 || !/\\$/.test(lines[i - 1] ?? ''));
}

function dockerfileLines(text: string, starts: number[]): boolean[] {
  const lines = linesOf(text, starts);
  const escape = /^#\s*escape\s*=\s*`/im.test(text) ? '`' : '\\';
  const found = lines.findIndex((line) => !/^#\s*[a-z]+\s*=/i.test(line));
  const directives = found < 0 ? lines.length : found;
  let continued = false;
  let heredocs: string[] = [];
  return lines.map((line, i) => {
    if (heredocs.length > 0) {
      if (line.replace(/^\t+/, '') === heredocs[0]) heredocs = heredocs.slice(1);
      return false;
    }
    const safe = i >= directives && !continued;
    if (/^\s*(#|$)/.test(line)) return safe;
    heredocs = [...line.matchAll(/<<-?\s*["']?(\w+)["']?/g)].map((m) => m[1] ?? '');
    continued = line.trimEnd().endsWith(escape);
    return safe;
  });
}

function makefileLines(text: string, starts: number[]): boolean[] {
  const lines = linesOf(text, starts);
  const fresh = continuedLines(lines);
  let inDefine = false;
  return lines.map((line, i) => {
    const safe = !inDefine && fresh[i] === true;
    if (/^\s*(?:(?:export|override)\s+)?define\b/.test(line)) inDefine = true;
    else if (/^\s*endef\b/.test(line)) inDefine = false;
    return safe;
  });
}

function tomlLines(text: string, starts: number[]): boolean[] {
  let open = '';
  return linesOf(text, starts).map((line) => {
    const safe = open === '';
    for (const match of line.matchAll(/"""|'''/g)) {
      if (open === '') open = match[0];
      else if (open === match[0]) open = '';
    }
    return safe;
  });
}

/** Shell: outside quotes, here-documents and continued lines. */
function shellLines(text: string, starts: number[]): boolean[] {
  const state: ShellState = { quote: '', heredocs: [], body: [], continued: false };
  return linesOf(text, starts).map((line) => shellLine(state, line));
}

interface ShellState {
  quote: string;
  /** terminators of here-documents opened on the current line */
  heredocs: string[];
  /** terminators of the here-documents whose bodies are being read */
  body: string[];
  continued: boolean;
}

function shellLine(state: ShellState, line: string): boolean {
  if (state.body.length > 0) {
    if (line.replace(/^\t+/, '') === state.body[0]) state.body.shift();
    return false;
  }
  const safe = state.quote === '' && !state.continued;
  let escaped = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (escaped) escaped = false;
    else if (ch === '\\' && state.quote !== "'") escaped = true;
    else if (state.quote !== '') state.quote = ch === state.quote ? '' : state.quote;
    else if (ch === "'" || ch === '"' || ch === '`') state.quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) break;
    else if (line.startsWith('<<', i) && line[i + 2] !== '<') {
      const word = /^<<-?\s*["']?([\w.-]+)["']?/.exec(line.slice(i))?.[1];
      if (word) state.heredocs.push(word);
      i++;
    }
  }
  state.continued = escaped && state.quote !== "'";
  state.body.push(...state.heredocs.splice(0));
  return safe;
}
