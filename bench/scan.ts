import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { RESULTS, type Monorepo } from './inputs';
import { median } from './stats';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const TIME = '/usr/bin/time';

export interface Run {
  wallMs: number;
  peakBytes: number;
  exitCode: number | null;
}

export interface ScanFigures {
  name: string;
  command: string;
  runs: number;
  wallMs: number;
  filesPerSecond: number;
  peakBytes: number;
}

/** Runs a command under GNU time: wall time measured here, peak RSS from `time -v`. */
export function measure(command: string, args: string[], cwd: string): Promise<Run> {
  const useTime = existsSync(TIME);
  const file = useTime ? TIME : command;
  const argv = useTime ? ['-v', command, ...args] : args;
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(file, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
      const exit = Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? code);
      resolvePromise({ wallMs, peakBytes: kb * 1024, exitCode: exit });
    });
  });
}

export interface Contender {
  name: string;
  command: string;
  args: string[];
}

export function cliContender(
  root: string,
  name = 'docker-socket-guard scan',
  extra: string[] = [],
): Contender {
  const report = ['--format', 'json', '--output', '/dev/null', '--fail-on', 'none'];
  return { name, command: process.execPath, args: [CLI, 'scan', root, ...report, ...extra] };
}

export function grepContender(root: string): Contender {
  return { name: 'grep -rlE (floor)', command: 'grep', args: ['-rlE', 'sock|2375', root] };
}

/**
 * The contenders in turn, `rounds` times (after one warm-up round that fills the page cache),
 * so that both read from memory and share the machine's load alike; medians of the rounds.
 */
export async function scanSuite(
  repo: Monorepo,
  contenders: Contender[],
  rounds: number,
): Promise<ScanFigures[]> {
  const runs = contenders.map(() => [] as Run[]);
  for (let round = -1; round < rounds; round++) {
    for (const [i, contender] of contenders.entries()) {
      const run = await measure(contender.command, contender.args, RESULTS);
      if (round >= 0) runs[i]?.push(run);
    }
  }
  return contenders.map((contender, i) => {
    const mine = runs[i] ?? [];
    const wallMs = median(mine.map((r) => r.wallMs));
    return {
      name: contender.name,
      command: [
        contender.command === process.execPath ? 'node' : contender.command,
        ...contender.args,
      ].join(' '),
      runs: mine.length,
      wallMs,
      filesPerSecond: repo.files / (wallMs / 1000),
      peakBytes: Math.max(...mine.map((r) => r.peakBytes)),
    };
  });
}

/** How many files the CLI reports findings in (one untimed run with a real report). */
export async function filesWithFindings(root: string): Promise<number> {
  const out = join(RESULTS, 'scan-report.json');
  const args = [CLI, 'scan', root, '--format', 'json', '--output', out, '--fail-on', 'none'];
  await measure(process.execPath, args, RESULTS);
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    findings?: Array<{ path?: string }>;
  };
  rmSync(out, { force: true });
  return new Set((report.findings ?? []).map((f) => f.path)).size;
}
