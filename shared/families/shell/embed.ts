import type { SourceDocument } from '../../model/document';
import type { Finding, Owner } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import type { Variables } from '../../paths/normalise';

/**
 * Shell text found inside another file (a Dockerfile RUN, a Makefile recipe, a CI `run:` step),
 * with the map from offsets in `text` back to offsets in the host document.
 */
export interface EmbeddedScript {
  text: string;
  toDocument(offset: number): number;
}

/** A shell word after quote removal, with its span in the host document. */
export interface Word {
  value: string;
  start: number;
  end: number;
}

export interface ShellContext {
  /** who runs the script (the job, the recipe, the instruction); named in messages */
  owner?: Owner;
  /** variables known from around the script: Make variables, CI `env`/`variables` */
  variables?: Variables;
}

/** Analyses shell embedded in another file; positions are the host document's. */
export function analyseEmbeddedShell(
  _doc: SourceDocument,
  _script: EmbeddedScript,
  _options: ResolvedOptions,
  _context: ShellContext = {},
): Finding[] {
  return [];
}

/**
 * Analyses the flags of `docker run`/`docker create` given as words without the command itself:
 * devcontainer `runArgs`, GitHub Actions `container.options`.
 */
export function analyseContainerFlags(
  _doc: SourceDocument,
  _words: readonly Word[],
  _options: ResolvedOptions,
  _context: ShellContext = {},
): Finding[] {
  return [];
}

/** Analyses `dockerd` arguments (systemd ExecStart, DOCKER_OPTS): plaintext and unverified TLS. */
export function analyseDaemonArgs(
  _doc: SourceDocument,
  _words: readonly Word[],
  _options: ResolvedOptions,
  _context: ShellContext = {},
): Finding[] {
  return [];
}

/** Splits a flag string (a GitHub `options:` value) into words; `base` is its document offset. */
export function splitWords(_text: string, _base: number): Word[] {
  return [];
}
