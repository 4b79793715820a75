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

  add(absPath: string, explicit: boolean, kind?: FileKind, special?: string): void {
    let real: string;
    try {
      real = realpathSync(absPath);
    } catch {
      // Left for the reader, which reports why it cannot be read.
      real = absPath;
    }
    if (this.realPaths.has(real)) return;

    this.realPaths.add(real);
    const displayPath = slashed(relative(this.cwd, absPath)) || '.';
    this.files.push({
      absPath,
      displayPath,
      explicit,
      ...(kind ? { kind } : {}),
      ...(special !== undefined ? { special } : {}),
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
  // A glob without a slash matches the name at any depth, as in .gitignore.
  const excluded =
    options.exclude.length > 0
      ? picomatch(
          options.exclude.map((glob) => glob.replace(/^\.\//, '')),
          { dot: true, basename: true },
        )
      : () => false;

  for (const path of paths) {
    const absPath = resolve(options.cwd, path);
    let isDir: boolean;
    try {
      isDir = statSync(absPath).isDirectory();
    } catch (error) {
      throw new MissingPathError(`cannot scan ${path}: ${describeError(error)}`);
    }
    if (isDir) new Walker(absPath, set, excluded).run();
    else set.add(absPath, true);
  }
  return set;
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
    private readonly excluded: (path: string) => boolean,
  ) {
    this.rootReal = realpathSync(root);
  }

  run(): void {
    this.visited.add(this.rootReal);
    this.walk(this.root, ancestorIgnores(this.root));
  }

  private walk(dir: string, ignores: IgnoreFile[]): void {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const path = slashed(relative(this.set.cwd, dir)) || '.';
      this.set.notices.push({
        severity: 'warning',
        path,
        message: `cannot read folder: ${describeError(error)}`,
      });
      return;
    }

    const own = readIgnore(dir);
    const chain = own ? [...ignores, own] : ignores;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) this.visit(join(dir, entry.name), entry, chain);
  }

  private visit(path: string, entry: Dirent, ignores: IgnoreFile[]): void {
    const target = this.resolveEntry(path, entry);
    if (target === 'skip') return;

    const isDir = target !== 'dangling' && target.isDir;
    if (isDir && SKIPPED_DIRS.has(entry.name)) return;
    const rel = slashed(relative(this.root, path));
    if (isIgnored(ignores, path, isDir) || this.excluded(rel)) return;

    if (target === 'dangling' || target.isFile) {
      this.set.add(path, false);
    } else if (target.special !== undefined) {
      this.set.add(path, false, undefined, target.special);
    } else if (isDir && !this.visited.has(target.real)) {
      this.visited.add(target.real);
      this.walk(path, ignores);
    }
  }

  /**
   * What an entry is. Links to files and folders out of the folder are skipped; special files
   * (pipes, devices, sockets), here or linked from anywhere, are kept for a notice, unopened.
   */
  private resolveEntry(path: string, entry: Dirent): Target | 'dangling' | 'skip' {
    if (!entry.isSymbolicLink()) {
      if (entry.isDirectory()) return { real: realOrSelf(path), isDir: true, isFile: false };
      if (entry.isFile()) return { real: path, isDir: false, isFile: true };
      return { real: path, isDir: false, isFile: false, special: specialOf(path) };
    }

    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return 'dangling';
    }
    const stats = statSync(real, { throwIfNoEntry: false });
    if (!stats) return 'dangling';
    const special = specialKind(stats);
    if (!stats.isDirectory() && special !== undefined) {
      return { real, isDir: false, isFile: false, special };
    }
    if (real !== this.rootReal && !real.startsWith(this.rootReal + sep)) return 'skip';
    return { real, isDir: stats.isDirectory(), isFile: stats.isFile() };
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
    return realpathSync(path);
  } catch {
    return path;
  }
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
    const rel = slashed(relative(file.dir, path)) + (isDir ? '/' : '');
    const verdict = file.rules.test(rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
