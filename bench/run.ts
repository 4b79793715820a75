/**
 * `npm run bench`: generates the inputs, then times the language server against its peers, the
 * engine against the bare parsers, the CLI against grep, and memory and package size. Writes
 * bench/results/latest.json and prints Markdown tables. Options: --quick (fewer edits and
 * rounds), --only=editor,engine,scan,memory (the other suites keep their last figures).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { editorSuite, planEdits } from './editor';
import { engineCost, incrementalCost } from './engine';
import { editorInputs, monorepo, RESULTS, SEED, type EditorInput } from './inputs';
import { clientActivation, serverMemory } from './memory';
import { packageSize } from './package-size';
import { editorTable, engineTable, memoryTable, scanTable, type Results } from './report';
import { cliContender, filesWithFindings, grepContender, scanSuite } from './scan';
import { ourServer } from './servers';
import { evaluate, targetsTable } from './targets';

const quick = process.argv.includes('--quick');
const only = /--only=([\w,]+)/.exec(process.argv.join(' '))?.[1]?.split(',');
const runs = (suite: string) => !only || only.includes(suite);
const EDITS = Number(process.env.BENCH_EDITS ?? (quick ? 40 : 200));
const SCAN_ROUNDS = quick ? 2 : 5;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  const results: Results = { ...previous(), environment: environment() };
  const inputs = editorInputs();
  log(`inputs: ${inputs.map((i) => `${i.name} (${i.lines} lines)`).join(', ')}`);

  if (runs('engine')) engine(results, inputs);
  if (runs('editor')) {
    log('editor latency (3 servers, interleaved)...');
    results.editor = await editorSuite(inputs, EDITS);
  }
  if (runs('scan')) await scan(results);
  if (runs('memory')) await memory(results, inputs);

  results.environment.loadAfter = loadavg();
  writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(results, null, 2));
  process.stdout.write(markdown(results));
}

function engine(results: Results, inputs: EditorInput[]): void {
  log('engine cost...');
  results.engine = inputs.map((input) => engineCost(input, quick ? 1000 : 3000));
  results.incremental = inputs.map((input, i) => {
    const parse = results.engine?.find((c) => c.input === input.name)?.parseMs ?? NaN;
    return incrementalCost(input, planEdits(input, EDITS, 7 + i), parse);
  });
}

async function scan(results: Results): Promise<void> {
  const repo = monorepo();
  log(`scan: ${repo.files} files, ${repo.withFinding} with a finding...`);
  // The default, and one thread for reference (a one-processor runner, `--threads 1`).
  const oneThread = cliContender(repo.root, 'docker-socket-guard scan --threads 1', ['-j', '1']);
  const contenders = [cliContender(repo.root), oneThread, grepContender(repo.root)];
  const figures = await scanSuite(repo, contenders, SCAN_ROUNDS);
  results.scan = { ...repo, reportedFiles: await filesWithFindings(repo.root), figures };
}

async function memory(results: Results, inputs: EditorInput[]): Promise<void> {
  log('memory, package, activation...');
  // For reference: the server as other editors start it, with Node's default V8 options.
  const defaults = ourServer();
  defaults.name = 'docker-socket-guard, default V8 options';
  defaults.args = defaults.args.filter((arg) => !arg.startsWith('--') || arg === '--stdio');
  results.memory = [];
  for (const spec of [ourServer(), defaults]) {
    results.memory.push(await serverMemory(spec, inputs));
  }
  results.package = packageSize();
  results.clientActivation = clientActivation();
}

/** With --only, the other suites keep the figures of the last run. */
function previous(): Partial<Results> {
  const path = join(RESULTS, 'latest.json');
  if (!only || !existsSync(path)) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as Partial<Results>;
}

function environment(): Record<string, unknown> {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    loadBefore: loadavg(),
    seed: SEED,
    edits: EDITS,
    scanRounds: SCAN_ROUNDS,
  };
}

function markdown(results: Results): string {
  const parts = [`# Benchmarks (${String(results.environment.date)})`, ''];
  const load = (results.environment.loadBefore as number[]).map((l) => l.toFixed(1)).join(', ');
  parts.push(
    `Node ${String(results.environment.node)}, ${String(results.environment.cpus)} cores, load ${load}.`,
    '',
  );
  if (results.editor) {
    parts.push(
      '## Editor latency (didChange to publishDiagnostics)',
      '',
      editorTable(results.editor),
      '',
    );
    parts.push(
      `yaml-language-server schema active: ${results.editor.yamlSchemaActive}; network requests: ${JSON.stringify(results.editor.networkRequests)}`,
      '',
    );
  }
  if (results.engine)
    parts.push('## Engine cost', '', engineTable(results.engine, results.incremental), '');
  if (results.scan) {
    const { files, withFinding, reportedFiles } = results.scan;
    parts.push(
      '## Scan throughput',
      '',
      `${files} files, ${withFinding} written with a finding, ${reportedFiles} reported.`,
      '',
      scanTable(results.scan),
      '',
    );
  }
  if (results.memory || results.package)
    parts.push('## Memory and size', '', memoryTable(results), '');
  parts.push('## Targets', '', targetsTable(evaluate(results)), '');
  return parts.join('\n');
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
