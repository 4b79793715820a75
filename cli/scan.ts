import type { Settings } from '../shared/settings';
import type { FixRun } from './fix';
import type { Progress } from './progress';
import type { Report } from './report';
import { FileScanner, type FileResult, type ScanFileOptions } from './scan-file';
import { FileSet, walkAll, walkSteps } from './walk';
import { scanWhileWalking, type ThreadPlan } from './workers';

export interface ScanRequest {
  paths: readonly string[];
  /** `--exclude` globs and the settings' `exclude` */
  exclude: readonly string[];
  cwd: string;
  settings: Settings;
  explain: boolean;
  progress?: Progress;
  /** `--fix` / `--fix-dry-run`: fix each file with findings, then report what is left */
  fix?: FixRun;
  /** give each finding its preferred fix, for SARIF `fixes` */
  sarifFixes?: boolean;
  /** worker threads; without, or with none, the scan runs on the main thread */
  threads?: ThreadPlan;
}

/**
 * Scans files and folders. Files that cannot be read or parsed become notices; the scan goes on.
 * Throws MissingPathError when a path on the command line does not exist.
 */
export async function runScan(request: ScanRequest): Promise<Report> {
  const set = new FileSet(request.cwd);
  const walk = walkSteps(request.paths, { cwd: request.cwd, exclude: request.exclude }, set);
  const report: Report = { subject: 'files', examined: 0, findings: [], notices: set.notices };
  const options: ScanFileOptions = {
    settings: request.settings,
    explain: request.explain,
    sarifFixes: request.sarifFixes ?? false,
  };

  // Fixes write files and print in scan order: they stay on the main thread.
  const plan = request.threads;
  let from = 0;
  if (plan && plan.workers > 0 && !request.fix) {
    const progress = (done: number, found: number) => request.progress?.update(done, found);
    const threaded = await scanWhileWalking(set, walk, options, plan, progress);
    if (threaded) {
      report.examined += threaded.examined;
      // In the files' order, as a scan on one thread reports them.
      const results = [...threaded.results].sort(([a], [b]) => a - b);
      for (const [, result] of results) take(report, set, result);
      from = threaded.files;
    }
  } else {
    walkAll(walk);
  }

  // Dev containers may add their Compose files to the set while it is being read.
  const scanner = new FileScanner(options, request.fix);
  for (let i = from; i < set.files.length; i++) {
    const candidate = set.files[i];
    if (!candidate) continue;
    request.progress?.update(i, set.files.length);
    const result = scanner.scan(candidate);
    if (result.examined) report.examined++;
    take(report, set, result);
  }
  request.progress?.finish();
  return report;
}

/** Adds a file's findings and notices to the report, and the Compose files a dev container names. */
function take(report: Report, set: FileSet, result: FileResult): void {
  report.notices.push(...result.notices);
  report.findings.push(...result.findings);
  for (const path of result.composeFiles ?? []) set.add(path, false, { kind: 'compose' });
}
