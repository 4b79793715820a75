import { sortFindings } from '../../model/build';
import type { SourceDocument } from '../../model/document';
import type { Finding } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { scriptMap, wordArg, type Arg } from './args';
import { baseName } from './commands';
import { reportContainerFlags } from './container-run';
import { RUN_FLAGS, parseFlags } from './docker-flags';
import { analyseDaemon } from './dockerd-flags';
import { newRun } from './run';
import { analyseScript } from './script';
import { tokenize } from './tokenize';
import type { EmbeddedScript, ShellContext, Word } from './types';
import { scriptOffsetOf } from './word';

export type { EmbeddedScript, ShellContext, Word } from './types';

/**
 * Analyses shell embedded in another file; positions are the host document's. Findings are
 * owned by `context.owner` when given, else by the command (`Command docker run`), or, for a
 * DOCKER_HOST the script exports, by the file.
 */
export function analyseEmbeddedShell(
  doc: SourceDocument,
  script: EmbeddedScript,
  options: ResolvedOptions,
  context: ShellContext = {},
): Finding[] {
  const run = newRun(doc, options, context);
  analyseScript(run, scriptMap(script));
  return sortFindings(run.findings);
}

/**
 * Analyses the flags of `docker run`/`docker create` given as words without the command itself:
 * devcontainer `runArgs`, GitHub Actions `container.options`. Words that are not flags are
 * skipped. Privileged Docker-in-Docker is reported only when `context.image` names the image.
 */
export function analyseContainerFlags(
  doc: SourceDocument,
  words: readonly Word[],
  options: ResolvedOptions,
  context: ShellContext = {},
): Finding[] {
  const run = newRun(doc, options, context);
  const args = words.map((word) => wordArg(doc, word));
  const { flags } = parseFlags(args, 0, RUN_FLAGS, { stopAtPositional: false });
  const image =
    context.image === undefined ? undefined : { value: context.image, span: context.imageSpan };
  reportContainerFlags(run, flags, { command: 'docker run', image });
  return sortFindings(run.findings);
}

/**
 * Analyses `dockerd` arguments (systemd ExecStart, DOCKER_OPTS): plaintext and unverified TLS.
 * The words may start with `dockerd` (or `docker daemon`, or a path to either) or be the
 * arguments alone.
 */
export function analyseDaemonArgs(
  doc: SourceDocument,
  words: readonly Word[],
  options: ResolvedOptions,
  context: ShellContext = {},
): Finding[] {
  const run = newRun(doc, options, context);
  const args = words.map((word) => wordArg(doc, word));
  analyseDaemon(run, args.slice(daemonArgsStart(args)));
  return sortFindings(run.findings);
}

function daemonArgsStart(args: readonly Arg[]): number {
  const first = baseName(args[0]?.value ?? '');
  if (first === 'dockerd') return 1;
  return first === 'docker' && args[1]?.value === 'daemon' ? 2 : 0;
}

/**
 * Splits a flag string (a GitHub `options:` value) into shell words. `base` is the document
 * offset of `text`: word offsets are `base + offset in text`, exact when `text` is a contiguous
 * run of the document. A caller whose text is not (a folded YAML scalar, a string with escapes)
 * passes `toDocument`, mapping an offset in `text` to the document, and `base` is then unused.
 * Operators (`|`, `;`) and the inside of command substitutions yield no words.
 */
export function splitWords(
  text: string,
  base: number,
  toDocument: (offset: number) => number = (offset) => base + offset,
): Word[] {
  const words: Word[] = [];
  for (const token of tokenize(text).lists[0] ?? []) {
    if (token.type !== 'word') continue;
    const word = token.word;
    const last = Math.max(word.start, word.end - 1);
    words.push({
      value: word.value,
      start: toDocument(word.start),
      end: word.end > word.start ? toDocument(last) + 1 : toDocument(word.start),
      offsetOf: (index) => toDocument(scriptOffsetOf(word, index)),
    });
  }
  return words;
}
