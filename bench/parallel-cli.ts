/**
 * A bench-only prototype of the proposed CLI change: `scan` with the files read and analysed by
 * worker threads. It reuses the CLI's own walk, reader, per-file analysis and JSON format, so the
 * difference it measures is the threads and the native realpath alone. Not a product: no .env, no dev container Compose
 * references, no progress; `node cli-parallel.js <tree> <report>`.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { analyseFile, type FileOutcome } from '../cli/analyse-file';
import { render } from '../cli/formats';
import { readCandidate } from '../cli/read';
import type { Report, ReportNotice } from '../cli/report';
import { discover, type Candidate } from '../cli/walk';
import { defaultSettings, engineOptions } from '../shared/settings';

type Result = { index: number; outcome?: FileOutcome; notice?: ReportNotice };

function work(files: Array<{ index: number; candidate: Candidate }>): Result[] {
  const settings = defaultSettings();
  const options = engineOptions(settings);
  return files.map(({ index, candidate }): Result => {
    const read = readCandidate(candidate);
    if (read.outcome === 'notice') return { index, notice: read.notice };
    if (read.outcome !== 'read') return { index };
    const job = { fileName: candidate.absPath, displayPath: candidate.displayPath, ...read };
    return { index, outcome: analyseFile({ ...job, options, explain: false }, settings) };
  });
}

function runWorker(files: Array<{ index: number; candidate: Candidate }>): Promise<Result[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: files });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function main(root: string, output: string): Promise<void> {
  // The other proposed walk change: one realpath(3) call per path instead of an lstat per
  // component (the walk resolves every file and folder it meets).
  const fs = process.getBuiltinModule('node:fs');
  Object.assign(fs, { realpathSync: fs.realpathSync.native });
  const set = discover([root], { cwd: process.cwd(), exclude: [] });
  const threads = Math.max(1, Math.min(availableParallelism(), 8));
  const indexed = set.files.map((candidate, index) => ({ index, candidate }));
  const chunks = Array.from({ length: threads }, (_, t) =>
    indexed.filter((_, i) => i % threads === t),
  );
  // The main thread takes a share too: one worker fewer, one engine fewer in memory.
  const [own = [], ...others] = chunks;
  const pending = others.map(runWorker);
  const mine = work(own);
  const results = [mine, ...(await Promise.all(pending))].flat().sort((a, b) => a.index - b.index);
  const report: Report = { subject: 'files', examined: 0, findings: [], notices: set.notices };
  for (const result of results) {
    if (result.notice) report.notices.push(result.notice);
    if (!result.outcome) continue;
    report.examined++;
    report.findings.push(...result.outcome.findings);
    report.notices.push(...result.outcome.notices);
  }
  writeFileSync(
    output,
    render('json', report, { color: false, explain: false, cwd: process.cwd() }),
  );
}

if (isMainThread) {
  void main(process.argv[2] ?? '.', process.argv[3] ?? '/dev/null');
} else {
  parentPort?.postMessage(work(workerData as Array<{ index: number; candidate: Candidate }>));
}
