import { dirname, join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { composeFilesOf } from '../shared/families/devcontainer';
import { mayReport } from '../shared/analyse';
import type { FileKind } from '../shared/model/finding';
import type { EngineOptions } from '../shared/model/options';
import { engineOptions, type Settings } from '../shared/settings';
import { analyseFile, type FileJob, type FileOutcome } from './analyse-file';
import { parseDotEnv } from './dotenv';
import { attachPreferredFixes, fixFile, type FixRun } from './fix';
import { readCandidate, readRegular, type ReadOutcome } from './read';
import type { ReportFinding, ReportNotice } from './report';
import type { Candidate } from './walk';

/** How every file of a scan is analysed: plain data, so that a worker thread can take it too. */
export interface ScanFileOptions {
  settings: Settings;
  /** attach the threat-model text to each finding */
  explain: boolean;
  /** give each finding its preferred fix, for SARIF `fixes` */
  sarifFixes: boolean;
}

/** A file's text, read and recognised, waiting for its analysis. */
export interface ReadText {
  text: string;
  kind: FileKind;
}

/** What a read that gave no text says: a notice, or nothing (a file no family reads). */
function settled(read: Exclude<ReadOutcome, { outcome: 'read' }>): FileResult {
  return { examined: false, findings: [], notices: read.outcome === 'notice' ? [read.notice] : [] };
}

/** What one candidate gave: its findings and notices, and whether it was analysed at all. */
export interface FileResult {
  examined: boolean;
  findings: ReportFinding[];
  notices: ReportNotice[];
  /** the Compose files a dev container found by the walk names (absolute): scanned too */
  composeFiles?: string[];
}

/**
 * Reads and analyses candidates one at a time, each folder's `.env` read once. Used by the
 * main thread and by each worker thread alike, so that both report the same.
 */
export class FileScanner {
  private readonly base: EngineOptions;
  private readonly dotEnvs = new Map<string, Record<string, string>>();

  constructor(
    private readonly options: ScanFileOptions,
    private readonly fix?: FixRun,
  ) {
    this.base = engineOptions(options.settings);
  }

  scan(candidate: Candidate): FileResult {
    const read = readCandidate(candidate);
    if (read.outcome !== 'read') return settled(read);
    return this.analyse(candidate, read);
  }

  /**
   * Reads a candidate and settles it when its analysis cannot report anything; otherwise hands
   * back its text for `analyse`. What a worker thread does: the engine's families then run on
   * one thread only, where they are warm.
   */
  prescan(candidate: Candidate): FileResult | ReadText {
    const read = readCandidate(candidate);
    if (read.outcome !== 'read') return settled(read);

    const input = {
      fileName: candidate.absPath,
      ...read,
      options: this.optionsOf(candidate, read),
    };
    if (mayReport(input)) return read;
    return { examined: true, findings: [], notices: [], ...this.composeFiles(candidate, read) };
  }

  /** The analysis (and fixes) of a file's text. */
  analyse(candidate: Candidate, read: ReadText): FileResult {
    const options = this.optionsOf(candidate, read);
    const job = { fileName: candidate.absPath, displayPath: candidate.displayPath, ...read };
    const { outcome, text } = this.analyseAndFix({
      ...job,
      options,
      explain: this.options.explain,
    });
    return {
      examined: true,
      findings: outcome.findings,
      notices: outcome.notices,
      ...this.composeFiles(candidate, { kind: read.kind, text }),
    };
  }

  private optionsOf(candidate: Candidate, read: ReadText): EngineOptions {
    if (read.kind !== 'compose') return this.base;
    return { ...this.base, variables: this.dotEnvOf(candidate) };
  }

  /** The Compose files a dev container found by the walk names, as absolute paths. */
  private composeFiles(candidate: Candidate, read: ReadText): { composeFiles?: string[] } {
    if (read.kind !== 'devcontainer' || candidate.explicit) return {};
    const refs = composeFilesOf(read.text);
    if (refs.length === 0) return {};
    return { composeFiles: refs.map((ref) => resolve(dirname(candidate.absPath), ref)) };
  }

  /** One file's outcome and text; with `--fix`, those after the fixes. */
  private analyseAndFix(job: FileJob): { outcome: FileOutcome; text: string } {
    const { settings, sarifFixes } = this.options;
    let outcome = analyseFile(job, settings);
    let text = job.text;
    if (this.fix && outcome.findings.length > 0) {
      text = fixFile({ ...job, absPath: job.fileName }, this.fix);
      // A dry run changes nothing: its report is that of the files as they are.
      if (this.fix.dryRun) text = job.text;
      else if (text !== job.text) outcome = analyseFile({ ...job, text }, settings);
    }
    if (sarifFixes && outcome.findings.length > 0) {
      attachPreferredFixes({ ...job, text, absPath: job.fileName }, outcome.findings);
    }
    return { outcome, text };
  }

  /** The `.env` beside a Compose file, read once per folder; none when there is none. */
  private dotEnvOf(candidate: Candidate): Record<string, string> {
    const dir = dirname(candidate.absPath);
    let variables = this.dotEnvs.get(dir);
    if (variables === undefined) {
      variables = readDotEnv(join(dir, '.env'));
      this.dotEnvs.set(dir, variables);
    }
    return variables;
  }
}

function readDotEnv(path: string): Record<string, string> {
  try {
    // Most folders have none: asking first spares an exception per folder.
    if (!statSync(path, { throwIfNoEntry: false })) return {};
    // Only a regular `.env` is read: opening a named pipe would wait forever.
    const read = readRegular(path);
    return 'bytes' in read ? parseDotEnv(read.bytes.toString('utf8')) : {};
  } catch {
    return {};
  }
}
