import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');
export const FIXTURES = join(ROOT, 'test/fixtures/cli');
export const INSPECT_FIXTURES = join(ROOT, 'test/fixtures/inspect');

let built = false;

/** Builds dist/ once per test run, so that the tests run the CLI as it ships. */
export function buildOnce(): void {
  if (built) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  built = true;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

export interface RunOptions {
  cwd?: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs the built CLI as a child process, standard input a pipe (empty unless `input`). */
export function runCli(args: readonly string[], options: RunOptions = {}): CliResult {
  const env = { ...process.env, ...options.env };
  delete env.NO_COLOR;
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** A fresh folder under the system temp folder, removed by `cleanup`. */
export function tempDir(prefix = 'dsg-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes files (text or bytes) under `root`, creating folders. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

/** A temp copy of a fixture tree under test/fixtures/cli. */
export function copyFixture(name: string): string {
  const dir = tempDir();
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** Every container of test/fixtures/inspect, in one list. */
export function allInspectFixtures(): unknown[] {
  const names = [
    'socket-mounts',
    'socket-binds',
    'run-dir',
    'dind-privileged',
    'dind-sysbox',
    'docker-host-env',
    'published-2375',
    'clean',
    'windows-binds',
    'socket-proxy',
  ];
  return names.flatMap((n) =>
    JSON.parse(readFileSync(join(INSPECT_FIXTURES, `${n}.json`), 'utf8')),
  );
}
