import type { SourceDocument } from '../../model/document';

/**
 * A line-level reading of a Makefile: simple variable assignments (with the place of their
 * value), what is exported, and each rule's recipe as runs of document text. Conditionals are
 * not evaluated (every branch is read) and `define` bodies are skipped.
 */

export interface MakeVariable {
  name: string;
  /** the value as written, before expansion; continuation lines joined with a space */
  value: string;
  /** document span of the value */
  start: number;
  end: number;
  /** `!=` (the value is a shell command's output, unknown here) */
  unknown: boolean;
}

/** A rule's recipe. */
export interface Recipe {
  /** the rule's first target */
  target: string;
  /**
   * The recipe's logical lines, each the document runs one shell gets (newlines included):
   * make starts a shell per line unless `.ONESHELL` is set.
   */
  lines: Array<Array<{ start: number; end: number }>>;
}

/** What the analysis needs from a Makefile. */
export interface Makefile {
  variables: Map<string, MakeVariable>;
  exported: Set<string>;
  /** `export` alone or `.EXPORT_ALL_VARIABLES:` */
  exportAll: boolean;
  /** `.ONESHELL:`: a recipe's lines go to one shell */
  oneShell: boolean;
  recipes: Recipe[];
}

const ASSIGNMENT =
  /^((?:(?:override|export|private|unexport)\s+)*)([^\s:#=+?!()]+)\s*(:::=|::=|:=|\?=|\+=|!=|=)\s*/;
const DIRECTIVE = /^\s*(?:-?include|sinclude|ifeq|ifneq|ifdef|ifndef|else|endif|vpath)\b/;

interface State {
  doc: SourceDocument;
  file: Makefile;
  prefix: string;
  rule: Recipe | undefined;
  inDefine: boolean;
}

/** Reads a Makefile line by line; never throws. */
export function parseMakefile(doc: SourceDocument): Makefile {
  const file: Makefile = {
    variables: new Map(),
    exported: new Set(),
    exportAll: false,
    oneShell: false,
    recipes: [],
  };
  const state: State = { doc, file, prefix: '\t', rule: undefined, inDefine: false };
  let line = 0;
  while (line < doc.lines.lineCount) line = readLine(state, line);
  return file;
}

/** Reads the line (with its continuations) and returns the next line to read. */
function readLine(state: State, line: number): number {
  const text = state.doc.lines.lineText(line);
  if (state.inDefine) {
    if (/^\s*endef\b/.test(text)) state.inDefine = false;
    return line + 1;
  }
  if (state.rule && text.startsWith(state.prefix)) return readRecipe(state, line, state.rule);
  if (/^\s*(?:#|$)/.test(text) || DIRECTIVE.test(text)) return line + 1;

  const last = continuedTo(state.doc, line);
  makeLine(state, line, last);
  return last + 1;
}

/** The last line of a logical line: lines ending in an odd number of `\` continue. */
function continuedTo(doc: SourceDocument, line: number): number {
  let last = line;
  while (
    last + 1 < doc.lines.lineCount &&
    /(?:^|[^\\])(?:\\\\)*\\$/.test(doc.lines.lineText(last))
  ) {
    last++;
  }
  return last;
}

/** A recipe line: prefix and `@`/`-`/`+` removed, continuation lines without their prefix. */
function readRecipe(state: State, line: number, rule: Recipe): number {
  const { lines } = state.doc;
  const last = continuedTo(state.doc, line);
  const first = lines.lineText(line);
  const skipped = /^[\s@+-]*/.exec(first.slice(state.prefix.length))?.[0].length ?? 0;
  let start = lines.lineStart(line) + state.prefix.length + skipped;

  const runs: Array<{ start: number; end: number }> = [];
  for (let at = line; at <= last; at++) {
    const end = at + 1 < lines.lineCount ? lines.lineStart(at + 1) : state.doc.text.length;
    runs.push({ start, end });
    const next = lines.lineStart(at + 1);
    start = next + (lines.lineText(at + 1).startsWith(state.prefix) ? state.prefix.length : 0);
  }
  rule.lines.push(runs);
  return last + 1;
}

/** A line that is not a recipe: a directive, an assignment or a rule. */
function makeLine(state: State, line: number, last: number): void {
  const { doc, file } = state;
  const start = doc.lines.lineStart(line);
  const end = doc.lines.lineEnd(last);
  const text = doc.text.slice(start, end);

  if (/^\s*define\s/.test(text)) {
    state.inDefine = true;
    return;
  }
  if (exportDirective(file, text)) return;

  const assignment = ASSIGNMENT.exec(text);
  if (assignment) {
    state.rule = undefined;
    assign(state, assignment, start, end);
    return;
  }
  const after = last + 1 < doc.lines.lineCount ? doc.lines.lineStart(last + 1) : doc.text.length;
  rule(state, text, start, after);
}

/** `export`, `export A B`, `unexport A`: no assignment on the line. */
function exportDirective(file: Makefile, text: string): boolean {
  const match = /^\s*(export|unexport)(?:\s+([^=:]*))?$/.exec(text.replace(/\s*#.*$/, ''));
  if (!match) return false;

  const names = (match[2] ?? '')
    .trim()
    .split(/\s+/)
    .filter((name) => name !== '');
  if (names.length === 0) file.exportAll = match[1] === 'export';
  for (const name of names) {
    if (match[1] === 'export') file.exported.add(name);
    else file.exported.delete(name);
  }
  return true;
}

function assign(state: State, match: RegExpExecArray, start: number, end: number): void {
  const { file } = state;
  const [whole, modifiers = '', name = '', operator = '='] = match;
  const written = state.doc.text.slice(start + whole.length, end);
  const uncommented = withoutComment(written).trimEnd();
  const value = uncommented.replace(/\s*\\\r?\n\s*/g, ' ');
  const variable: MakeVariable = {
    name,
    value,
    start: start + whole.length,
    end: start + whole.length + uncommented.length,
    unknown: operator === '!=',
  };

  if (/\bexport\b/.test(modifiers)) file.exported.add(name);
  if (/\bunexport\b/.test(modifiers)) file.exported.delete(name);
  const previous = file.variables.get(name);
  if (operator === '?=' && previous) return;
  if (operator === '+=' && previous) {
    file.variables.set(name, {
      ...previous,
      value: `${previous.value} ${value}`.trim(),
      end: variable.end,
    });
    return;
  }
  file.variables.set(name, variable);
  if (name === '.RECIPEPREFIX') state.prefix = value.slice(0, 1) || '\t';
}

/** The text before a `#` comment (`\\#` is a literal `#`). */
function withoutComment(text: string): string {
  const hash = /(?:^|[^\\])#/.exec(text);
  if (!hash) return text;
  return text.slice(0, hash.index + (hash[0].length - 1));
}

/** `target ...: prerequisites [; recipe]` starts a rule; an inline recipe is its first line. */
function rule(state: State, text: string, start: number, after: number): void {
  const colon = text.search(/:(?!=)/);
  if (colon < 0) {
    state.rule = undefined;
    return;
  }

  const target = text.slice(0, colon).trim().split(/\s+/)[0] ?? '';
  if (target === '.EXPORT_ALL_VARIABLES') state.file.exportAll = true;
  if (target === '.ONESHELL') state.file.oneShell = true;
  const recipe: Recipe = { target, lines: [] };
  state.rule = recipe;
  state.file.recipes.push(recipe);

  const semicolon = text.indexOf(';', colon);
  if (semicolon >= 0) recipe.lines.push([{ start: start + semicolon + 1, end: after }]);
}
