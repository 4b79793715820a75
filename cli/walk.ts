import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { FileKind } from '../shared/model/finding';
import { describeError } from './errors';
import { readRegular, specialKind } from './read';
import type { ReportNotice } from './report';

/** A file to look at: named on the command line, found in a folder, or referenced by one. */
export interface Candidate {
  absPath: string;
  /** relative to the current directory with forward slashes: what reports print */
  displayPath: string;
  /** named on the command line: read whenever its family is recognised */
  explicit: boolean;
  /** a family decided by a reference (a dev container's Compose file), not by the name */
  kind?: FileKind;
  /** not a regular file (a named pipe, a device): never opened, reported when recognised */
  special?: string;
  /** a regular file, not a link, as its folder listed it: opened without a stat first */
  regular?: boolean;
}

/** How an entry was found, for the file set: what the walk already knows of it. */
export interface Found {
  /** the path reports print, when the walk knows it */
  display?: string;
  kind?: FileKind;
  special?: string;
  regular?: boolean;
  /** the real path, when the walk knows it without asking the file system */
  real?: string;
}

/** A path on the command line that does not exist; the CLI exits with 2. */
export class MissingPathError extends Error {}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export function slashed(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The files of one run, each real file once however many paths lead to it. */
export class FileSet {
  readonly files: Candidate[] = [];
  readonly notices: ReportNotice[] = [];
  private readonly realPaths = new Set<string>();

  constructor(readonly cwd: string) {}

  add(absPath: string, explicit: boolean, found: Found = {}): void {
    const real = found.real ?? realOrSelf(absPath);
    if (this.realPaths.has(real)) return;

    this.realPaths.add(real);
    const displayPath = found.display ?? (slashed(relativeTo(this.cwd, absPath)) || '.');
    const { kind, special, regular } = found;
    this.files.push({
      absPath,
      displayPath,
      explicit,
      ...(kind ? { kind } : {}),
      ...(special !== undefined ? { special } : {}),
      ...(regular ? { regular } : {}),
    });
  }
}

export interface WalkOptions {
  cwd: string;
  /** globs matched against the path relative to the scan root */
  exclude: readonly string[];
}

/**
 * Finds the files under the given paths. Folders are walked with `.gitignore` files honoured
 * (those above the folder up to the Git work tree's root too), `node_modules` and `.git`
 * skipped, symbolic links followed only within the folder and each real folder entered once.
 */
export function discover(paths: readonly string[], options: WalkOptions): FileSet {
  const set = new FileSet(options.cwd);
  walkAll(walkSteps(paths, options, set));
  return set;
}

/** Takes the remaining steps of a walk at once. */
export function walkAll(steps: Iterator<void>): void {
  while (!steps.next().done);
}

/**
 * `discover` one folder at a time: each step adds a folder's files to `set`, so that a caller
 * can hand them out while the walk goes on. Throws MissingPathError before the first step when a
 * path does not exist.
 */
export function* walkSteps(
  paths: readonly string[],
  options: WalkOptions,
  set: FileSet,
): Generator<void, void, undefined> {
  // A glob without a slash matches the name at any depth, as in .gitignore.
  const excluded =
    options.exclude.length > 0
      ? picomatch(
          options.exclude.map((glob) => glob.replace(/^\.\//, '')),
          { dot: true, basename: true },
        )
      : undefined;

  const roots = paths.map((path) => {
    const absPath = resolve(options.cwd, path);
    try {
      return { absPath, isDir: statSync(absPath).isDirectory() };
    } catch (error) {
      throw new MissingPathError(`cannot scan ${path}: ${describeError(error)}`);
    }
  });
  for (const { absPath, isDir } of roots) {
    if (isDir) yield* new Walker(absPath, set, excluded).run();
    else set.add(absPath, true);
  }
}

interface IgnoreFile {
  dir: string;
  rules: Ignore;
}

class Walker {
  private readonly rootReal: string;
  private readonly visited = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly set: FileSet,
    /** absent when nothing is excluded, so that no relative path is made for nothing */
    private readonly excluded: ((path: string) => boolean) | undefined,
  ) {
    this.rootReal = realpathSync.native(root);
  }

  *run(): Generator<void, void, undefined> {
    this.visited.add(this.rootReal);
    // Under the current folder's own ancestors, `relative` would shorten `../sub/x` to `x`.
    const cwd = this.set.cwd;
    const display = isUnder(this.root, cwd) ? undefined : slashed(relativeTo(cwd, this.root));
    const prefix = display === undefined || display === '' ? display : `${display}/`;
    yield* this.walk(this.root, this.rootReal, prefix, ancestorIgnores(this.root));
  }

  /**
   * `real` is the folder's real path: an entry that is no link has its own without a syscall;
   * `display` is what reports print before the names of its entries, unless the current folder is
   * inside the walk.
   */
  private *walk(
    dir: string,
    real: string,
    display: string | undefined,
    ignores: IgnoreFile[],
  ): Generator<void, void, undefined> {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const path = slashed(relativeTo(this.set.cwd, dir)) || '.';
      this.set.notices.push({
        severity: 'warning',
        path,
        message: `cannot read folder: ${describeError(error)}`,
      });
      return;
    }

    // Probing every folder for a `.gitignore` would cost a failed open each; the listing says.
    const own = entries.some((e) => e.name === '.gitignore') ? readIgnore(dir) : undefined;
    const chain = own ? [...ignores, own] : ignores;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Plain concatenation: the folder's path is already normal, and is shared by its entries'.
    const prefix = asFolder(dir);
    const realPrefix = real === dir ? prefix : asFolder(real);
    for (const entry of entries) {
      const path = prefix + entry.name;
      const found = {
        real: realPrefix === prefix ? path : realPrefix + entry.name,
        ...(display !== undefined ? { display: display + entry.name } : {}),
      };
      const folder = this.visit(path, found, entry, chain);
      const below = found.display !== undefined ? `${found.display}/` : undefined;
      if (folder !== undefined) yield* this.walk(path, folder, below, chain);
    }
    yield;
  }

  /** Adds a file to the set; returns the real path of a folder to walk into. */
  private visit(
    path: string,
    found: { real: string; display?: string },
    entry: Dirent,
    ignores: IgnoreFile[],
  ): string | undefined {
    const display = found.display !== undefined ? { display: found.display } : {};
    const target = this.resolveEntry(path, found.real, entry);
    if (target === 'skip') return undefined;

    const isDir = target !== 'dangling' && target.isDir;
    if (isDir && SKIPPED_DIRS.has(entry.name)) return undefined;
    if (isIgnored(ignores, path, isDir)) return undefined;
    if (this.excluded !== undefined && this.excluded(slashed(relativeTo(this.root, path)))) {
      return undefined;
    }

    if (target === 'dangling') {
      this.set.add(path, false, display);
    } else if (target.isFile) {
      const regular = !entry.isSymbolicLink();
      this.set.add(path, false, { real: target.real, ...display, regular });
    } else if (target.special !== undefined) {
      this.set.add(path, false, { real: target.real, ...display, special: target.special });
    } else if (isDir && !this.visited.has(target.real)) {
      this.visited.add(target.real);
      return target.real;
    }
    return undefined;
  }

  /**
   * What an entry is. Links to files and folders out of the folder are skipped; special files
   * (pipes, devices, sockets), here or linked from anywhere, are kept for a notice, unopened.
   */
  private resolveEntry(path: string, real: string, entry: Dirent): Target | 'dangling' | 'skip' {
    if (!entry.isSymbolicLink()) {
      if (entry.isDirectory()) return { real, isDir: true, isFile: false };
      if (entry.isFile()) return { real, isDir: false, isFile: true };
      return { real, isDir: false, isFile: false, special: specialOf(path) };
    }

    let linked: string;
    try {
      linked = realpathSync.native(path);
    } catch {
      return 'dangling';
    }
    const stats = statSync(linked, { throwIfNoEntry: false });
    if (!stats) return 'dangling';
    const special = specialKind(stats);
    if (!stats.isDirectory() && special !== undefined) {
      return { real: linked, isDir: false, isFile: false, special };
    }
    if (linked !== this.rootReal && !isUnder(this.rootReal, linked)) return 'skip';
    return { real: linked, isDir: stats.isDirectory(), isFile: stats.isFile() };
  }
}

interface Target {
  real: string;
  isDir: boolean;
  isFile: boolean;
  special?: string;
}

function specialOf(path: string): string {
  try {
    return specialKind(lstatSync(path)) ?? 'a special file';
  } catch {
    return 'a special file';
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    // Left for the reader, which reports why it cannot be read.
    return path;
  }
}

/** A folder's path as the start of its entries' paths: with one separator at its end. */
function asFolder(dir: string): string {
  return dir.endsWith(sep) ? dir : dir + sep;
}

/** `path` is strictly inside the folder `dir` (both absolute and normal). */
function isUnder(dir: string, path: string): boolean {
  return path.startsWith(asFolder(dir));
}

/** `relative()` without its normalisation work for the common case of a path under `base`. */
function relativeTo(base: string, path: string): string {
  return isUnder(base, path) ? path.slice(asFolder(base).length) : relative(base, path);
}

function readIgnore(dir: string): IgnoreFile | undefined {
  const file = join(dir, '.gitignore');
  try {
    // A `.gitignore` that is a pipe or a device is no ignore file: it is never opened.
    const read = readRegular(file);
    if ('special' in read) return undefined;
    return { dir, rules: ignore().add(read.bytes.toString('utf8')) };
  } catch {
    return undefined;
  }
}

/** The `.gitignore` files above a folder, from the work tree's root down, when it is in one. */
function ancestorIgnores(root: string): IgnoreFile[] {
  const above: string[] = [];
  let dir = root;
  for (;;) {
    if (existsSync(join(dir, '.git'))) break;
    const parent = dirname(dir);
    if (parent === dir) return [];
    dir = parent;
    above.unshift(dir);
  }
  return above.map(readIgnore).filter((f): f is IgnoreFile => f !== undefined);
}

/** The deepest `.gitignore` that says something about a path decides, as in Git. */
function isIgnored(ignores: readonly IgnoreFile[], path: string, isDir: boolean): boolean {
  for (let i = ignores.length - 1; i >= 0; i--) {
    const file = ignores[i];
    if (!file) continue;
    const rel = slashed(relativeTo(file.dir, path)) + (isDir ? '/' : '');
    const verdict = file.rules.test(rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
