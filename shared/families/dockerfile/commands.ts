import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { mayHoldFinding } from '../../detect/prefilter';
import type { SourceDocument } from '../../model/document';
import type { Finding } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import {
  analyseContainerFlags,
  analyseDaemonArgs,
  analyseEmbeddedShell,
  type EmbeddedScript,
  type Word,
} from '../shell/embed';
import { decodeJsonString } from '../devcontainer/json';
import { withInstructionDetail, type InstructionContext } from './context';
import { heredocScript, hasHeredoc, instructionScript, offsetScript } from './script';
import { referencedVariables } from './stages';

/** An exec-form word with the offsets of its characters (for `sh -c` scripts). */
interface ExecWord extends Word {
  offsets: number[];
  /** the document offset of value character `index`, for spans inside the word */
  offsetOf(index: number): number;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
const DAEMONS = new Set(['dockerd', 'dockerd-entrypoint.sh']);

/**
 * RUN, CMD and ENTRYPOINT. The exec form (a JSON array) gives one word per element; `dockerd`
 * gets the daemon checks, `docker run` the container flag checks, `sh -c` the shell analysis.
 * The shell form goes to the shell analysis with its continuations joined.
 */
export function analyseCommand(
  context: InstructionContext,
  instruction: JSONInstruction,
  keyword: string,
): Finding[] {
  const bounds = commandBounds(context.doc, instruction);
  if (!bounds) return [];
  const [start, end] = bounds;

  if (keyword === 'RUN' && hasHeredoc(context.doc, start)) {
    const firstLineEnd = context.doc.lines.lineEnd(context.doc.lines.positionAt(start).line);
    const script =
      heredocScript(context.doc, start, end) ??
      instructionScript(context.doc, start, firstLineEnd, context.escape);
    return shellFindings(context, script);
  }

  const script = instructionScript(context.doc, start, end, context.escape);
  const words = script.text.trimStart().startsWith('[')
    ? execWords(context.doc, instruction, script.text)
    : undefined;
  if (words) return withInstructionDetail(context, execFindings(context, words, keyword));
  return shellFindings(context, script);
}

/**
 * Whether a command or EXPOSE can hold a finding: the file pre-filter's test (continuations
 * joined) on the instruction's own text. Most instructions of a Dockerfile that mentions a socket
 * somewhere never reach the shell analysis. A `$` (ARG and ENV values can spell anything), a
 * heredoc or a comment line inside the instruction keeps it in.
 */
export function instructionMayFire(
  doc: SourceDocument,
  options: ResolvedOptions,
  instruction: Instruction,
): boolean {
  const range = instruction.getRange();
  const raw = doc.text.slice(doc.lines.offsetAt(range.start), doc.lines.offsetAt(range.end));
  return KEPT_IN.test(raw) || mayHoldFinding(raw, options);
}

/** A variable, a heredoc, or a comment line inside the instruction. */
const KEPT_IN = /\$|<<|[\r\n][ \t]*#/;

/** The command's text after the instruction's flags (`RUN --mount=... cmd`). */
function commandBounds(
  doc: SourceDocument,
  instruction: JSONInstruction,
): [number, number] | undefined {
  const range = instruction.getArgumentsRange();
  if (!range) return undefined;

  let start = doc.lines.offsetAt(range.start);
  const end = doc.lines.offsetAt(range.end);
  for (const flag of instruction.getFlags()) {
    start = Math.max(start, doc.lines.offsetAt(flag.getRange().end));
  }
  while (start < end && /[ \t]/.test(doc.text[start] ?? '')) start++;
  return start < end ? [start, end] : undefined;
}

/** Exec-form words, or undefined when the text is not a JSON array of strings (shell form). */
export function execWords(
  doc: SourceDocument,
  instruction: JSONInstruction,
  text: string,
): ExecWord[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const strings = instruction.getJSONStrings();
  if (!Array.isArray(parsed) || parsed.length !== strings.length) return undefined;

  const words: ExecWord[] = [];
  for (const [i, json] of strings.entries()) {
    const range = json.getJSONRange();
    const start = doc.lines.offsetAt(range.start);
    const end = doc.lines.offsetAt(range.end);
    const decoded = decodeJsonString(doc.text, start, end);
    if (decoded === undefined || decoded.value !== parsed[i]) return undefined;
    const offsets = decoded.offsets;
    const offsetOf = (index: number): number => offsets[index] ?? end;
    words.push({ value: decoded.value, start, end, offsets, offsetOf });
  }
  return words;
}

function execFindings(context: InstructionContext, words: ExecWord[], keyword: string): Finding[] {
  const [first, ...rest] = words;
  if (!first) return [];
  const command = baseName(first.value);
  const shellContext = { owner: context.owner };

  if (DAEMONS.has(command)) {
    const args = rest[0]?.value === 'dockerd' ? rest.slice(1) : rest;
    return analyseDaemonArgs(context.doc, args, context.options, shellContext);
  }
  if (keyword === 'CMD' && context.daemonEntrypoint && first.value.startsWith('-')) {
    return analyseDaemonArgs(context.doc, words, context.options, shellContext);
  }
  if (command === 'docker') {
    const flags = containerRunFlags(rest);
    return flags ? analyseContainerFlags(context.doc, flags, context.options, shellContext) : [];
  }
  if (SHELLS.has(command)) {
    const option = rest.findIndex((word) => /^-[a-z]*c[a-z]*$/.test(word.value));
    const script = option < 0 ? undefined : rest[option + 1];
    if (script) return shellFindings(context, offsetScript(script.value, script.offsets));
  }
  return [];
}

/** The words after `docker run` / `docker container create`, or undefined for other commands. */
function containerRunFlags(words: readonly Word[]): Word[] | undefined {
  const sub = words[0]?.value === 'container' ? 1 : 0;
  const verb = words[sub]?.value;
  return verb === 'run' || verb === 'create' ? words.slice(sub + 1) : undefined;
}

/** Whether exec-form words start dockerd (an ENTRYPOINT that takes CMD flags). */
export function startsDaemon(words: readonly Word[] | undefined): boolean {
  const first = words?.[0];
  return first !== undefined && DAEMONS.has(baseName(first.value));
}

function shellFindings(context: InstructionContext, script: EmbeddedScript): Finding[] {
  if (!context.posixShell) return [];
  const variables = referencedVariables(context.visible, script.text);
  const findings = analyseEmbeddedShell(context.doc, script, context.options, {
    owner: context.owner,
    variables,
  });
  return withInstructionDetail(context, findings);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
