import { constants, promises as fs, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { CancellationToken } from 'vscode-languageserver';
import { detectKind } from '../shared/detect/kind';
import { isExcluded } from './exclude';
import { describeError, type Logger } from './logger';

/** Folders never walked: dependencies and version control data. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** Files above this size are skipped (and logged): no configuration file is that large. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Bytes looked at to tell a binary file (one with a NUL byte) from text. */
const SNIFF_BYTES = 8000;

export interface DiscoveryOptions {
  /** the client's `files.exclude` patterns, relative to the folder */
  filesExclude: readonly string[];
  /** the `dockerSocketGuard.exclude` patterns, relative to the folder */
  exclude: readonly string[];
  logger: Logger;
  token?: CancellationToken;
}

/** A file that may belong to a family, by its name; its content decides later. */
export interface Candidate {
  fsPath: string;
  /** folder-relative, forward slashes */
  relative: string;
}

interface IgnoreScope {
  /** the folder-relative directory holding the `.gitignore`, '' for the root */
  base: string;
  rules: Ignore;
}

/**
 * Lists the files under a folder that may belong to a family: recognised by name, YAML or TOML
 * (decided by content), or without extension (a script with a shebang). Honours `.gitignore`
 * files at every level, `files.exclude` and the exclude setting; skips node_modules and .git.
 * Negations in a nested `.gitignore` cannot re-include what an outer one ignores. Symbolic
 * links to folders are not followed (so link loops end nothing); links to anything else, named
 * pipes and devices are listed, for `readCandidate` to read or report without opening them.
 */
export async function discoverFiles(root: string, options: DiscoveryOptions): Promise<Candidate[]> {
  const found: Candidate[] = [];
  const pending: Array<{ relative: string; scopes: IgnoreScope[] }> = [
    { relative: '', scopes: [] },
  ];

  while (pending.length > 0 && !options.token?.isCancellationRequested) {
    const { relative, scopes: outer } = pending.pop()!;
    const directory = path.join(root, relative);
    const entries = await readDirectory(directory, options.logger);
    const scopes = await withGitignore(directory, relative, outer, options.logger);

    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name) || skipped(child, true, scopes, options)) continue;
        pending.push({ relative: child, scopes });
      } else if (isCandidateName(child) && !skipped(child, false, scopes, options)) {
        const fsPath = path.join(root, child);
        if (entry.isFile() || !(await isLinkedFolder(entry, fsPath))) {
          found.push({ fsPath, relative: child });
        }
      }
    }
  }
  return found.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}

/** Recognised by name, or a kind of file whose content decides. */
export function isCandidateName(relative: string): boolean {
  if (detectKind(relative, '') !== undefined) return true;

  const base = relative.slice(relative.lastIndexOf('/') + 1);
  return /\.(?:ya?ml|tpl|toml)$/i.test(base) || !base.includes('.');
}

async function isLinkedFolder(entry: Dirent, fsPath: string): Promise<boolean> {
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await fs.stat(fsPath)).isDirectory();
  } catch {
    return false;
  }
}

function skipped(child: string, folder: boolean, scopes: IgnoreScope[], options: DiscoveryOptions) {
  if (isExcluded(child, options.filesExclude) || isExcluded(child, options.exclude)) return true;

  return scopes.some((scope) => {
    const inScope = scope.base === '' ? child : child.slice(scope.base.length + 1);
    return scope.rules.ignores(folder ? `${inScope}/` : inScope);
  });
}

async function readDirectory(directory: string, logger: Logger): Promise<Dirent[]> {
  try {
    return await fs.readdir(directory, { withFileTypes: true });
  } catch (error) {
    logger.warn(`Could not list ${directory}: ${describeError(error)}`);
    return [];
  }
}

async function withGitignore(
  directory: string,
  relative: string,
  outer: IgnoreScope[],
  logger: Logger,
): Promise<IgnoreScope[]> {
  let text: string;
  try {
    // A `.gitignore` that is a pipe or a device is no ignore file: it is never opened.
    const read = await readRegular(path.join(directory, '.gitignore'));
    if (!('bytes' in read)) return outer;
    text = new TextDecoder('utf-8').decode(read.bytes);
  } catch {
    return outer;
  }

  try {
    return [...outer, { base: relative, rules: ignore().add(text) }];
  } catch (error) {
    logger.warn(`Could not read ${path.join(directory, '.gitignore')}: ${describeError(error)}`);
    return outer;
  }
}

/**
 * A candidate's text, or why not: `reported` when it was skipped with a log line (too large,
 * not a regular file, unreadable, or binary while named like a family's file), `quiet` when its
 * content shows it belongs to no family (binary, without a family's name). The size and the
 * file type are checked before the file is opened.
 */
export async function readCandidate(fsPath: string, logger: Logger): Promise<CandidateRead> {
  let read: RegularRead;
  try {
    read = await readRegular(fsPath, MAX_FILE_BYTES);
  } catch (error) {
    logger.warn(`Could not read ${fsPath}: ${describeError(error)}`);
    return { skipped: 'reported' };
  }

  if ('special' in read) {
    logger.info(`Skipped ${fsPath}: not a regular file (${read.special})`);
    return { skipped: 'reported' };
  }
  if ('size' in read) {
    logger.info(`Skipped ${fsPath}: ${read.size} bytes, over the 2 MB limit`);
    return { skipped: 'reported' };
  }
  if (read.bytes.subarray(0, SNIFF_BYTES).includes(0)) {
    if (detectKind(fsPath, '') === undefined) return { skipped: 'quiet' };
    logger.info(`Skipped ${fsPath}: binary file`);
    return { skipped: 'reported' };
  }
  return { text: new TextDecoder('utf-8').decode(read.bytes) };
}

export type CandidateRead = { text: string } | { skipped: 'reported' | 'quiet' };

/** A regular file's bytes; what the path is instead; or its size when over `limit`. */
type RegularRead = { bytes: Buffer } | { special: string } | { size: number };

// Opening a named pipe without O_NONBLOCK waits for a writer, forever; Windows has no such flag.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file and nothing else: stat'ed before it is opened (opening a pipe blocks,
 * opening a device may act), and the open file checked again in case the path was replaced.
 */
async function readRegular(fsPath: string, limit = Infinity): Promise<RegularRead> {
  const before = await fs.stat(fsPath);
  if (!before.isFile()) return { special: specialKind(before) };
  if (before.size > limit) return { size: before.size };

  const handle = await fs.open(fsPath, OPEN_FLAGS);
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return { special: specialKind(opened) };
    if (opened.size > limit) return { size: opened.size };
    return { bytes: await handle.readFile() };
  } finally {
    await handle.close();
  }
}

function specialKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}
