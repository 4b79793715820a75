import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Settings } from '../shared/settings';
import { parseArgs, UsageError, type Command, type CommonOptions } from './args';
import { ConfigError, loadSettings } from './config';
import { errorText } from './errors';
import { FixWriteError, fixRunOf, printFixes, type FixRun } from './fix';
import { render } from './formats';
import { formatNotice } from './formats/text';
import { helpText } from './help';
import { InspectError, inspectReport, readInspectInput } from './inspect';
import { Progress } from './progress';
import { failsAt, type Report } from './report';
import { runScan } from './scan';
import { TOOL } from './tool';
import { MissingPathError } from './walk';
import { isScanWorker, serveScanWorker } from './workers';

/** Exit status: no finding at or above --fail-on, findings, usage or input error. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

async function run(argv: readonly string[]): Promise<number> {
  const command = parseArgs(argv);
  if (command.command === 'version') {
    process.stdout.write(`${TOOL.version}\n`);
    return EXIT.clean;
  }
  if (command.command === 'help') {
    process.stdout.write(helpText(command.topic));
    return EXIT.clean;
  }

  const cwd = process.cwd();
  const loaded = loadSettings(command.config, cwd, command.rules, command.limits);
  for (const problem of loaded.problems) warn(`ignored setting: ${problem}`);

  const fix = command.command === 'scan' ? fixRunOf(command) : undefined;
  const report = await produce(command, cwd, loaded.settings, fix);
  for (const notice of report.notices) process.stderr.write(`${formatNotice(notice)}\n`);
  if (fix) {
    const textOnStdout = command.format === 'text' && command.output === undefined;
    printFixes(fix, textOnStdout, process.stdout, process.stderr);
  }
  // A dry run's standard output is the diff; its report is written only to --output.
  if (!fix?.dryRun || command.output !== undefined) emit(command, report, cwd);
  return failsAt(report.findings, command.failOn) ? EXIT.findings : EXIT.clean;
}

async function produce(
  command: Exclude<Command, { command: 'help' | 'version' }>,
  cwd: string,
  settings: Settings,
  fix: FixRun | undefined,
): Promise<Report> {
  if (command.command === 'scan') {
    const exclude = [...settings.exclude, ...command.exclude];
    const progress = new Progress(process.stderr);
    const explain = command.explain;
    const sarifFixes = command.format === 'sarif';
    const count = command.threads ?? defaultThreads();
    // One thread is the main thread alone; more are workers, the main thread walking for them.
    const threads = { script: __filename, workers: count > 1 ? count : 0 };
    const request = {
      ...{ paths: command.paths, exclude, cwd, settings, explain, progress, sarifFixes, threads },
      ...(fix ? { fix } : {}),
    };
    return runScan(request);
  }

  const input = await readInspectInput({
    input: command.input,
    stdin: process.stdin,
    env: process.env,
  });
  return inspectReport(input.text, input.name, settings, command.explain);
}

/** One thread per processor the process may use; past four, the walk alone sets the pace. */
function defaultThreads(): number {
  return Math.min(availableParallelism(), 4);
}

function emit(options: CommonOptions, report: Report, cwd: string): void {
  const toTerminal = options.output === undefined && process.stdout.isTTY === true;
  const color = toTerminal && (process.env.NO_COLOR ?? '') === '';
  const text = render(options.format, report, { color, explain: options.explain, cwd });

  if (options.output === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(options.output, text);
  } catch (error) {
    throw new OutputError(`cannot write ${options.output}: ${errorText(error)}`);
  }
}

class OutputError extends Error {}

function warn(message: string): void {
  process.stderr.write(`${TOOL.name}: ${message}\n`);
}

const KNOWN_ERRORS = [
  UsageError,
  ConfigError,
  MissingPathError,
  InspectError,
  OutputError,
  FixWriteError,
];

function main(): void {
  // A reader that stops early (`| head`) is no error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });

  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const known = KNOWN_ERRORS.some((kind) => error instanceof kind);
      warn(known ? (error as Error).message : `internal error: ${errorText(error, true)}`);
      if (error instanceof UsageError) warn(`run "${TOOL.name} --help" for usage`);
      process.exitCode = EXIT.error;
    },
  );
}

// The bundle is also the scan's worker script: a large scan starts it again as a worker thread.
if (isScanWorker()) serveScanWorker();
else main();
