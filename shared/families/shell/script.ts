import { argScript, shellArg, spanOf, subScript, type Arg, type ScriptMap } from './args';
import { reportClientEndpoint } from './client';
import {
  asAssignment,
  baseName,
  resolveCommand,
  splitCommands,
  type Assignment,
  type ResolvedCommand,
} from './commands';
import { CONTAINER_CLIS, analyseContainerCli, commandLabel } from './docker-cli';
import { analyseDaemon } from './dockerd-flags';
import { fileOwner, ownerOr, resolve, type Run } from './run';
import { tokenize, type HereDoc } from './tokenize';
import type { ShellWord } from './word';

/**
 * The walk over a script: every simple command in script order (those inside command
 * substitutions too), with the variables assigned so far. Strings given to `echo`, `printf` or
 * any other command, and here-documents for anything but a shell, are data and never read.
 */

/** How deep `sh -c`, `eval` and a container's command may nest before the walk stops. */
const MAX_DEPTH = 8;

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh']);
const DECLARATIONS = new Set(['export', 'readonly', 'declare', 'typeset', 'local']);

/** Analyses a script; `run.runArgv` is pointed at this walk for a container's command. */
export function analyseScript(run: Run, map: ScriptMap): void {
  run.runArgv = (argv) => nested(run, () => argvCommand(run, argv, {}));
  const tokenized = tokenize(map.text);
  for (const problem of tokenized.problems) {
    run.problems.push({ ...problem, offset: map.toDoc(problem.offset) });
  }

  const commands = tokenized.lists
    .flatMap((tokens) => splitCommands(tokens))
    .sort((a, b) => a.start - b.start)
    .map(resolveCommand);
  presetTlsVerify(run, commands);
  for (const command of commands) simpleCommand(run, map, command);
}

function nested(run: Run, analyse: () => void): void {
  if (run.depth >= MAX_DEPTH) return;
  run.depth++;
  analyse();
  run.depth--;
}

/** DOCKER_TLS_VERIFY anywhere in the script counts for every DOCKER_HOST of it. */
function presetTlsVerify(run: Run, commands: readonly ResolvedCommand[]): void {
  for (const { assignments, argv } of commands) {
    const declared = DECLARATIONS.has(argv[0]?.value ?? '') ? argv.slice(1) : [];
    const all = argv.length === 0 ? assignments : declared.map(asAssignment);
    for (const assignment of all) {
      if (assignment?.name === 'DOCKER_TLS_VERIFY') run.tlsVerify = assignment.value;
    }
  }
}

function simpleCommand(run: Run, map: ScriptMap, resolved: ResolvedCommand): void {
  const { assignments, argv } = resolved;
  if (argv.length === 0) {
    for (const assignment of assignments) assign(run, map, assignment, false);
    return;
  }

  const name = baseName(resolve(run, argv[0]?.value ?? ''));
  const hostPrefix = assignments.some((a) => a.name === 'DOCKER_HOST');
  if (!hostPrefix && !isRead(name)) return;

  const args = argv.map((word) => shellArg(word, map));
  const prefixVerify = assignments.find((a) => a.name === 'DOCKER_TLS_VERIFY')?.value;
  const tlsVerify = prefixVerify ?? run.tlsVerify;
  for (const assignment of assignments) {
    if (assignment.name === 'DOCKER_HOST') prefixHost(run, map, assignment, args, tlsVerify);
  }
  argvCommand(run, args, { words: argv, heredocs: resolved.command.heredocs, map, tlsVerify });
}

/** `DOCKER_HOST=tcp://... docker ps`: the command's client is pointed there. */
function prefixHost(
  run: Run,
  map: ScriptMap,
  assignment: Assignment,
  args: readonly Arg[],
  tlsVerify: string | undefined,
): void {
  const arg = shellArg(assignment.word, map);
  const tool = baseName(resolve(run, args[0]?.value ?? ''));
  const name = CONTAINER_CLIS.has(tool) ? commandLabel(tool, args, 1) : tool;
  reportClientEndpoint(run, arg, assignment.valueIndex, {
    owner: ownerOr(run, { kind: 'command', name }),
    via: 'DOCKER_HOST',
    tlsVerify,
    detail: { command: name, variable: 'DOCKER_HOST', wordStart: arg.start, wordEnd: arg.end },
  });
}

interface CommandSource {
  /** the tokenizer's words, when the command came from script text */
  words?: readonly ShellWord[];
  heredocs?: readonly HereDoc[];
  map?: ScriptMap;
  tlsVerify?: string;
}

/** Whether the walk reads a command of this name at all (others take data, not commands). */
function isRead(name: string): boolean {
  return (
    CONTAINER_CLIS.has(name) ||
    SHELLS.has(name) ||
    DECLARATIONS.has(name) ||
    name === 'dockerd' ||
    name === 'eval'
  );
}

function argvCommand(run: Run, args: readonly Arg[], source: CommandSource): void {
  const name = baseName(resolve(run, args[0]?.value ?? ''));
  const tlsVerify = source.tlsVerify ?? run.tlsVerify;

  if (CONTAINER_CLIS.has(name)) analyseContainerCli(run, args, name, tlsVerify);
  else if (name === 'dockerd') analyseDaemon(run, args.slice(1));
  else if (SHELLS.has(name)) shellCommand(run, args, source);
  else if (name === 'eval') evalCommand(run, args);
  else if (DECLARATIONS.has(name) && source.words && source.map) {
    declaration(run, source.map, name, source.words);
  }
}

/** `eval 'docker run ...'` reads its one string as a script; several words run as a command. */
function evalCommand(run: Run, args: readonly Arg[]): void {
  if (args.length === 2) nestedScript(run, argScript(args[1] as Arg));
  else if (args.length > 2) nested(run, () => argvCommand(run, args.slice(1), {}));
}

/**
 * `sh -c '...'` reads its string; `sh`/`bash -s` with a here-document reads the body. The string
 * is mapped character by character through its word (escapes and quotes included), so positions
 * inside it are exact (a caller's word whose document text does not spell its value maps every
 * inner span to the whole word instead). A here-document body is read as written, without the
 * outer shell's expansion of an unquoted body.
 */
function shellCommand(run: Run, args: readonly Arg[], source: CommandSource): void {
  const { script, readsInput } = shellScript(args);
  if (script) nestedScript(run, argScript(script));
  if (!readsInput || !source.map) return;
  for (const doc of source.heredocs ?? []) {
    nestedScript(run, subScript(source.map, doc.bodyStart, doc.bodyEnd));
  }
}

function shellScript(args: readonly Arg[]): { script?: Arg; readsInput: boolean } {
  let command = false;
  for (let at = 1; at < args.length; at++) {
    const value = (args[at] as Arg).value;
    if (/^[-+][A-Za-z]+$/.test(value)) {
      if (value.startsWith('-') && value.includes('c')) command = true;
      if (value.endsWith('o')) at++;
    } else if (value.startsWith('--')) {
      if (value === '--rcfile' || value === '--init-file') at++;
    } else {
      return command ? { script: args[at] as Arg, readsInput: false } : { readsInput: false };
    }
  }
  return { readsInput: !command };
}

function nestedScript(run: Run, map: ScriptMap): void {
  nested(run, () => analyseScript(run, map));
}

/** `export A=b`, `declare -x A=b`, `local A=b`: assignments, exported or not. */
function declaration(run: Run, map: ScriptMap, name: string, words: readonly ShellWord[]): void {
  const options = words.slice(1).filter((word) => word.value.startsWith('-'));
  const exported = name === 'export' || options.some((word) => /^-\w*x/.test(word.value));
  for (const word of words.slice(1)) {
    const assignment = asAssignment(word);
    if (assignment) assign(run, map, assignment, exported);
  }
}

/** Records a variable for later paths, and judges a DOCKER_HOST it sets. */
function assign(run: Run, map: ScriptMap, assignment: Assignment, exported: boolean): void {
  const { name, valueIndex } = assignment;
  const arg = shellArg(assignment.word, map);
  if (assignment.word.substituted) {
    delete run.variables[name];
    run.setAt.delete(name);
  } else {
    const value = resolve(run, assignment.value);
    run.variables[name] = assignment.append ? (run.variables[name] ?? '') + value : value;
    run.setAt.set(name, spanOf(arg, valueIndex));
  }

  if (name !== 'DOCKER_HOST') return;
  reportClientEndpoint(run, arg, valueIndex, {
    owner: fileOwner(run),
    via: 'DOCKER_HOST',
    tlsVerify: run.tlsVerify,
    detail: { variable: name, exported, wordStart: arg.start, wordEnd: arg.end },
  });
}
