import type { HereDoc, Token } from './tokenize';
import type { ShellWord } from './word';

/** Simple commands out of tokens, and what runs once wrappers (`sudo`, `env` ...) are skipped. */

export interface SimpleCommand {
  /** the words in order, without redirections and their targets */
  words: ShellWord[];
  /** here-documents given to the command (its standard input) */
  heredocs: HereDoc[];
  start: number;
}

/** A `NAME=value` word: before a command, after `env`, or as an argument of `export`. */
export interface Assignment {
  name: string;
  word: ShellWord;
  /** where the value starts in `word.value` */
  valueIndex: number;
  value: string;
  /** `NAME+=value` */
  append: boolean;
}

/** A simple command with wrappers and prefix assignments taken apart. */
export interface ResolvedCommand {
  command: SimpleCommand;
  /** assignments that prefix the command (also those given through `env` or `sudo`) */
  assignments: Assignment[];
  /** the words of the command that runs, its name first; empty for a bare assignment */
  argv: ShellWord[];
}

/** Splits one token list at its separators into simple commands. */
export function splitCommands(tokens: readonly Token[]): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let current: SimpleCommand | undefined;
  let skipTarget = false;

  for (const token of tokens) {
    if (token.type === 'op') {
      current = undefined;
      skipTarget = false;
      continue;
    }

    if (!current) {
      const start = token.type === 'word' ? token.word.start : token.start;
      current = { words: [], heredocs: [], start };
      commands.push(current);
    }
    if (token.type === 'redirect') {
      if (token.heredoc) current.heredocs.push(token.heredoc);
      const bare = token.op.replace(/^\d+/, '');
      skipTarget = bare !== '<<' && bare !== '<<-';
      continue;
    }
    if (skipTarget) skipTarget = false;
    else current.words.push(token.word);
  }
  return commands.filter((c) => c.words.length > 0 || c.heredocs.length > 0);
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;

/** The word as an assignment, when its name is written unquoted. */
export function asAssignment(word: ShellWord): Assignment | undefined {
  const match = ASSIGNMENT.exec(word.value);
  if (!match || !word.raw.startsWith(match[0])) return undefined;

  const valueIndex = match[0].length;
  return {
    name: match[1] ?? '',
    word,
    valueIndex,
    value: word.value.slice(valueIndex),
    append: match[2] === '+',
  };
}

/** Reserved words that may precede a command, and the words that close a compound one. */
const SKIPPED = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}']);
const CLOSERS = new Set(['fi', 'done', 'esac']);
/** Compound commands whose own words are not a command (`for x in a b`, `case $x in`). */
const HEADS = new Set(['for', 'select', 'case', 'function']);

/** Options of wrappers that take a value; `env`'s assignments are read on their own. */
const WRAPPERS: Readonly<Record<string, ReadonlySet<string>>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '--user', '--group']),
  doas: new Set(['-u', '-C']),
  env: new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']),
  exec: new Set(['-a']),
  command: new Set(),
  builtin: new Set(),
  time: new Set(['-f', '-o', '--format', '--output']),
  nohup: new Set(),
  nice: new Set(['-n', '--adjustment']),
  ionice: new Set(['-c', '-n', '-p', '-P', '-u']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  stdbuf: new Set(['-i', '-o', '-e']),
};

/**
 * Finds the command that runs: skips prefix assignments, reserved words and wrappers (`sudo`,
 * `exec`, `time`, `nohup`, `env -i VAR=x`, `command` ...). `command -v x` runs nothing.
 */
export function resolveCommand(command: SimpleCommand): ResolvedCommand {
  const words = command.words;
  const assignments: Assignment[] = [];
  let at = 0;

  while (at < words.length) {
    const assignment = asAssignment(words[at] as ShellWord);
    if (assignment) {
      assignments.push(assignment);
      at++;
      continue;
    }

    const word = words[at] as ShellWord;
    const name = word.quoted ? '' : word.value;
    if (SKIPPED.has(name) || CLOSERS.has(name)) at++;
    else if (HEADS.has(name)) at = words.length;
    else if (isLookup(words, at)) at = words.length;
    else if (Object.prototype.hasOwnProperty.call(WRAPPERS, baseName(word.value))) {
      at = skipWrapper(words, at, assignments);
    } else break;
  }
  return { command, assignments, argv: words.slice(at) };
}

function isLookup(words: readonly ShellWord[], at: number): boolean {
  const option = words[at + 1]?.value;
  return words[at]?.value === 'command' && (option === '-v' || option === '-V');
}

/** The index of the wrapped command's first word; `env` and `sudo` assignments are collected. */
function skipWrapper(words: readonly ShellWord[], at: number, into: Assignment[]): number {
  const wrapper = baseName(words[at]?.value ?? '');
  const valued = WRAPPERS[wrapper] ?? new Set<string>();
  let index = at + 1;

  while (index < words.length) {
    const value = words[index]?.value ?? '';
    if (value === '--') return index + 1;
    if (value === '-' && wrapper === 'env') index++;
    else if (value.startsWith('-') && value.length > 1) index += valued.has(value) ? 2 : 1;
    else break;
  }

  if (wrapper === 'timeout') index++;
  if (wrapper === 'env' || wrapper === 'sudo') {
    let assignment: Assignment | undefined;
    while (index < words.length && (assignment = asAssignment(words[index] as ShellWord))) {
      into.push(assignment);
      index++;
    }
  }
  return index;
}

/** `/usr/bin/docker` → `docker`, `docker.exe` → `docker`. */
export function baseName(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return name.replace(/\.exe$/i, '');
}
