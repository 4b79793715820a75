import { promises as fs, type Dirent } from 'node:fs';
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
 * Negations in a nested `.gitignore` cannot re-include what an outer one ignores.
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
      } else if (
        entry.isFile() &&
        isCandidateName(child) &&
        !skipped(child, false, scopes, options)
      ) {
        found.push({ fsPath: path.join(root, child), relative: child });
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
    text = await fs.readFile(path.join(directory, '.gitignore'), 'utf8');
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
 * A candidate's text, or undefined (logged) when it is too large, binary or unreadable. The
 * size is checked before reading.
 */
export async function readCandidate(fsPath: string, logger: Logger): Promise<string | undefined> {
  try {
    const stat = await fs.stat(fsPath);
    if (stat.size > MAX_FILE_BYTES) {
      logger.info(`Skipped ${fsPath}: ${stat.size} bytes, over the 2 MB limit`);
      return undefined;
    }

    const bytes = await fs.readFile(fsPath);
    if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
      logger.debug(`Skipped ${fsPath}: binary`);
      return undefined;
    }
    return new TextDecoder('utf-8').decode(bytes);
  } catch (error) {
    logger.warn(`Could not read ${fsPath}: ${describeError(error)}`);
    return undefined;
  }
}
