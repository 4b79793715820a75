import { writeFileSync } from 'node:fs';
import { analyse } from '../shared/analyse';
import { fixAll, fixesFor, type FixKind } from '../shared/fix';
import type { FileKind } from '../shared/model/finding';
import type { EngineOptions } from '../shared/model/options';
import { LineIndex, stripBom } from '../shared/text/lines';
import { errorText } from './errors';
import { toRange, type Range, type ReportFinding } from './report';

/** The fix kinds `--fix` takes; the first is the default. */
export const FIX_KINDS: readonly FixKind[] = ['remove', 'tls', 'sysbox', 'proxy'];

/** What `--fix` / `--fix-dry-run` asked for, and what they did, file by file. */
export interface FixRun {
  kind: FixKind;
  /** print a unified diff instead of writing the files */
  dryRun: boolean;
  /** filled in by the scan: one entry per file a fix applied to, in scan order */
  files: FixedFile[];
}

export interface FixedFile {
  displayPath: string;
  applied: number;
  /** findings left that offer a fix of the kind but did not take it */
  skipped: number;
  /** `--fix-dry-run`: the unified diff of the change */
  diff?: string;
}

/** The run `--fix` and `--fix-dry-run` ask for; none without either. */
export function fixRunOf(options: { fix?: FixKind; fixDryRun?: boolean }) {
  const dryRun = options.fixDryRun === true;
  if (options.fix === undefined && !dryRun) return undefined;
  const run: FixRun = { kind: options.fix ?? 'remove', dryRun, files: [] };
  return run;
}

/**
 * Where the outcome goes: with `--fix-dry-run` the diffs on standard output, the summary on
 * standard error; with `--fix`, the summary before a text report on standard output, else on
 * standard error so that JSON and SARIF stay whole.
 */
export function printFixes(
  run: FixRun,
  textOnStdout: boolean,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): void {
  const summary = fixSummary(run);
  if (run.dryRun) {
    out.write(run.files.map((file) => file.diff ?? '').join(''));
    err.write(summary);
    return;
  }
  (textOnStdout ? out : err).write(summary);
}

export interface FixJob {
  absPath: string;
  displayPath: string;
  text: string;
  kind: FileKind;
  options: EngineOptions;
}

/** `--fix` could not write a fixed file back; the CLI exits with 2. */
export class FixWriteError extends Error {}

/**
 * Applies every fix of the run's kind to one file and returns the text to report on: the fixed
 * text, written back in place (a byte-order mark and the line ends it had are kept by the
 * engine), or with `dryRun` only diffed. A file no fix applies to is returned as it was.
 */
export function fixFile(job: FixJob, run: FixRun): string {
  const result = fixAll(
    { fileName: job.absPath, text: job.text, kind: job.kind, options: job.options },
    run.kind,
  );
  if (result.applied === 0) return job.text;

  const fixed: FixedFile = {
    displayPath: job.displayPath,
    applied: result.applied,
    skipped: result.skipped,
  };
  if (run.dryRun) fixed.diff = unifiedDiff(job.displayPath, job.text, result.text);
  else write(job.absPath, result.text);
  run.files.push(fixed);
  return result.text;
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new FixWriteError(`cannot write the fixed ${path}: ${errorText(error)}`);
  }
}

/** `compose.yaml: 2 fixes applied (remove), 1 not applied`: one line per fixed file. */
export function fixSummary(run: FixRun): string {
  const verb = run.dryRun ? 'would apply' : 'applied';
  return run.files
    .map((file) => {
      const fixes = file.applied === 1 ? '1 fix' : `${file.applied} fixes`;
      const left = file.skipped > 0 ? `, ${file.skipped} could not be applied` : '';
      return `${file.displayPath}: ${fixes} ${verb} (${run.kind})${left}\n`;
    })
    .join('');
}

/** The preferred fix of a finding, in the report's 1-based positions (SARIF `fixes`). */
export interface ReportFix {
  title: string;
  /** non-overlapping, in document order; an insertion has an empty range */
  replacements: Array<{ range: Range; text: string }>;
}

/** A report finding that may carry its preferred fix (only when SARIF asks for them). */
export type FixableFinding = ReportFinding & { fix?: ReportFix };

/**
 * Gives each finding of one file its preferred fix, matched to the engine's finding by rule,
 * message and range; a finding without a preferred fix gets none. Placeholders are plain.
 */
export function attachPreferredFixes(job: Omit<FixJob, 'displayPath'>, findings: FixableFinding[]) {
  const input = { fileName: job.absPath, text: job.text, kind: job.kind, options: job.options };
  const engine = analyse(input).findings;
  const index = new LineIndex(stripBom(job.text));
  const at = (offset: number) => {
    const { line, character } = index.positionAt(offset);
    return { line: line + 1, column: character + 1 };
  };

  for (const finding of findings) {
    if (finding.location.kind !== 'file') continue;
    const range = JSON.stringify(finding.location.range);
    const match = engine.find(
      (f) =>
        f.ruleId === finding.ruleId &&
        f.message === finding.message &&
        JSON.stringify(toRange(f.span)) === range,
    );
    const fix = match && fixesFor(input, match).find((candidate) => candidate.preferred === true);
    if (!fix) continue;
    finding.fix = {
      title: fix.title,
      replacements: fix.edits.map((e) => ({
        range: { start: at(e.start), end: at(e.end) },
        text: e.newText,
      })),
    };
  }
}

const CONTEXT = 3;
/** Above this many cells the changed middle is shown as removed then added, unaligned. */
const MAX_CELLS = 4_000_000;
const NO_EOL = '\\ No newline at end of file';

type Op = { sign: ' ' | '-' | '+'; line: string; eol: boolean; a: number; b: number };

/**
 * A unified diff of two texts, as `diff -u` prints it: `--- a/PATH`, `+++ b/PATH`, hunks with
 * three lines of context, `\ No newline at end of file` where a last line has no line end.
 * Carriage returns stay part of their line. Empty when the texts are equal.
 */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const hunks = hunksOf(ops).map(formatHunk);
  return `--- a/${path}\n+++ b/${path}\n${hunks.join('')}`;
}

interface Line {
  text: string;
  /** false only for a last line without a line end */
  eol: boolean;
}

function splitLines(text: string): Line[] {
  const parts = text.split('\n');
  const last = parts.pop() ?? '';
  const lines = parts.map((part) => ({ text: part, eol: true }));
  if (last !== '') lines.push({ text: last, eol: false });
  return lines;
}

const same = (x: Line | undefined, y: Line | undefined) =>
  x !== undefined && y !== undefined && x.text === y.text && x.eol === y.eol;

/** The edit script: the common prefix and suffix, and between them a longest common subsequence. */
function diffLines(a: Line[], b: Line[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && same(a[head], b[head])) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    same(a[a.length - 1 - tail], b[b.length - 1 - tail])
  )
    tail++;

  const ops: Op[] = [];
  const push = (sign: Op['sign'], line: Line, i: number, j: number) =>
    ops.push({ sign, line: line.text, eol: line.eol, a: i, b: j });
  for (let k = 0; k < head; k++) push(' ', a[k]!, k, k);
  ops.push(...middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head));
  for (let k = tail; k > 0; k--) {
    push(' ', a[a.length - k]!, a.length - k, b.length - k);
  }
  return ops;
}

function middle(a: Line[], b: Line[], offset: number): Op[] {
  const op = (sign: Op['sign'], line: Line, i: number, j: number): Op => ({
    sign,
    line: line.text,
    eol: line.eol,
    a: offset + i,
    b: offset + j,
  });
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    return [...a.map((l, i) => op('-', l, i, 0)), ...b.map((l, j) => op('+', l, a.length, j))];
  }

  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = same(a[i], b[j])
        ? lcs[i + 1]![j + 1]! + 1
        : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }

  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(a[i], b[j])) ops.push(op(' ', a[i]!, i++, j++));
    else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push(op('-', a[i]!, i++, j));
    } else ops.push(op('+', b[j]!, i, j++));
  }
  return ops;
}

/** Runs of changes with their context, runs closer than twice the context merged. */
function hunksOf(ops: Op[]): Op[][] {
  const hunks: Op[][] = [];
  let start = -1;
  let end = -1;
  ops.forEach((op, index) => {
    if (op.sign === ' ') return;
    const from = Math.max(0, index - CONTEXT);
    if (start !== -1 && from > end) {
      hunks.push(ops.slice(start, end));
      start = -1;
    }
    if (start === -1) start = from;
    end = Math.min(ops.length, index + 1 + CONTEXT);
  });
  if (start !== -1) hunks.push(ops.slice(start, end));
  return hunks;
}

function formatHunk(ops: Op[]): string {
  const olds = ops.filter((op) => op.sign !== '+');
  const news = ops.filter((op) => op.sign !== '-');
  const first = ops[0]!;
  const range = (start: number, count: number) =>
    count === 1 ? `${start + 1}` : `${count === 0 ? start : start + 1},${count}`;

  const header = `@@ -${range(first.a, olds.length)} +${range(first.b, news.length)} @@\n`;
  const body = ops.map((op) => `${op.sign}${op.line}\n${op.eol ? '' : `${NO_EOL}\n`}`);
  return header + body.join('');
}
