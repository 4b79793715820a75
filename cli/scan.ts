import { dirname, join, resolve } from 'node:path';
import type { EngineOptions } from '../shared/model/options';
import { composeFilesOf } from '../shared/families/devcontainer';
import { engineOptions, type Settings } from '../shared/settings';
import { analyseFile, type FileJob, type FileOutcome } from './analyse-file';
import { parseDotEnv } from './dotenv';
import { attachPreferredFixes, fixFile, type FixRun } from './fix';
import type { Progress } from './progress';
import { readCandidate, readRegular } from './read';
import type { Report } from './report';
import { discover, type Candidate, type FileSet } from './walk';

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
}

/**
 * Scans files and folders. Files that cannot be read or parsed become notices; the scan goes on.
 * Throws MissingPathError when a path on the command line does not exist.
 */
export function runScan(request: ScanRequest): Report {
  const set = discover(request.paths, { cwd: request.cwd, exclude: request.exclude });
  const report: Report = { subject: 'files', examined: 0, findings: [], notices: set.notices };
  const base = engineOptions(request.settings);
  const dotEnvs = new Map<string, Record<string, string>>();

  // Dev containers may add their Compose files to the set while it is being read.
  for (let i = 0; i < set.files.length; i++) {
    const candidate = set.files[i];
    if (!candidate) continue;
    request.progress?.update(i, set.files.length);

    const read = readCandidate(candidate);
    if (read.outcome === 'notice') report.notices.push(read.notice);
    if (read.outcome !== 'read') continue;

    const options: EngineOptions =
      read.kind === 'compose' ? { ...base, variables: dotEnvOf(candidate, dotEnvs) } : base;
    const job = { fileName: candidate.absPath, displayPath: candidate.displayPath, ...read };
    const { outcome, text } = analyseAndFix({ ...job, options, explain: request.explain }, request);
    report.examined++;
    report.findings.push(...outcome.findings);
    report.notices.push(...outcome.notices);
    if (read.kind === 'devcontainer' && !candidate.explicit) addComposeFiles(set, candidate, text);
  }
  request.progress?.finish();
  return report;
}

/** One file's outcome and text; with `--fix`, those after the fixes. */
function analyseAndFix(job: FileJob, request: ScanRequest): { outcome: FileOutcome; text: string } {
  let outcome = analyseFile(job, request.settings);
  let text = job.text;
  if (request.fix && outcome.findings.length > 0) {
    text = fixFile({ ...job, absPath: job.fileName }, request.fix);
    // A dry run changes nothing: its report is that of the files as they are.
    if (request.fix.dryRun) text = job.text;
    else if (text !== job.text) outcome = analyseFile({ ...job, text }, request.settings);
  }
  if (request.sarifFixes && outcome.findings.length > 0) {
    attachPreferredFixes({ ...job, text, absPath: job.fileName }, outcome.findings);
  }
  return { outcome, text };
}

/** The `.env` beside a Compose file, read once per folder; none when there is none. */
function dotEnvOf(candidate: Candidate, cache: Map<string, Record<string, string>>) {
  const dir = dirname(candidate.absPath);
  let variables = cache.get(dir);
  if (variables === undefined) {
    try {
      // Only a regular `.env` is read: opening a named pipe would wait forever.
      const read = readRegular(join(dir, '.env'));
      variables = 'bytes' in read ? parseDotEnv(read.bytes.toString('utf8')) : {};
    } catch {
      variables = {};
    }
    cache.set(dir, variables);
  }
  return variables;
}

function addComposeFiles(set: FileSet, devcontainer: Candidate, text: string): void {
  for (const ref of composeFilesOf(text)) {
    set.add(resolve(dirname(devcontainer.absPath), ref), false, 'compose');
  }
}
