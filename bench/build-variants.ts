import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RESULTS } from './inputs';

const ROOT = resolve(__dirname, '..');
export const CACHED_SERVER = join(RESULTS, 'server-incremental.js');
export const PARALLEL_CLI = join(RESULTS, 'cli-parallel.js');
export const MINIFIED_CLIENT = join(RESULTS, 'client.min.js');

const COMMON: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

/** Sends server/analysis.ts's import of the engine to bench/cached-analyse.ts. */
const useCache: Plugin = {
  name: 'use-analysis-cache',
  setup(context) {
    context.onResolve({ filter: /shared\/analyse$/ }, (args) =>
      args.importer.endsWith(join('server', 'analysis.ts'))
        ? { path: join(ROOT, 'bench', 'cached-analyse.ts') }
        : undefined,
    );
  },
};

const SCHEDULE = 'setTimeout(() => void this.validate(uri), this.deps.debounceMs)';

/**
 * The other half of the proposed server patch: with no debounce, validate on the next turn of
 * the event loop (setImmediate) instead of a 0 ms timer, which Node rounds up to 1 ms. The handle
 * is one that clearTimeout() cancels, so the server's own cancelling works unchanged.
 */
const IMMEDIATE = `
function benchSchedule(run: () => void, ms: number): NodeJS.Timeout {
  if (ms > 0) return setTimeout(run, ms);
  const handle = { _onTimeout: run as (() => void) | null };
  setImmediate(() => handle._onTimeout?.());
  return handle as unknown as NodeJS.Timeout;
}
`;

const scheduleImmediately: Plugin = {
  name: 'schedule-immediately',
  setup(context) {
    context.onLoad({ filter: /server[\\/]validation\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      // The patch has landed in server/validation.ts: the variant is then the server as built.
      if (!source.includes(SCHEDULE)) return undefined;
      const patched = source.replace(
        SCHEDULE,
        'benchSchedule(() => void this.validate(uri), this.deps.debounceMs)',
      );
      return { contents: patched + IMMEDIATE, loader: 'ts' };
    });
  },
};

/** The bundled server as scripts/build.mjs makes it, with the proposed patch applied. */
export async function buildCachedServer(): Promise<string> {
  await build({
    ...COMMON,
    entryPoints: [join(ROOT, 'server', 'main.ts')],
    outfile: CACHED_SERVER,
    plugins: [useCache, scheduleImmediately],
  });
  return CACHED_SERVER;
}

/** bench/parallel-cli.ts bundled: the CLI's scan with worker threads, for the proposed patch. */
export async function buildParallelCli(): Promise<string> {
  await build({
    ...COMMON,
    entryPoints: [join(ROOT, 'bench', 'parallel-cli.ts')],
    outfile: PARALLEL_CLI,
  });
  return PARALLEL_CLI;
}

/** The extension client minified (scripts/build.mjs --minify), to time its load against dist/. */
export async function buildMinifiedClient(): Promise<string> {
  await build({
    ...COMMON,
    entryPoints: [join(ROOT, 'client', 'extension.ts')],
    outfile: MINIFIED_CLIENT,
    external: ['vscode'],
    minify: true,
  });
  return MINIFIED_CLIENT;
}
