import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EditorInput } from './inputs';
import { INPUTS } from './inputs';
import { LspDriver, sleep, type ServerSpec } from './lsp';
import { median } from './stats';

export interface ServerMemory {
  server: string;
  documents: number;
  rssBytes: number;
  peakBytes: number;
  readyMs: number;
}

/** The server's memory once `count` documents are open and analysed (the inputs in turn). */
export async function serverMemory(
  spec: ServerSpec,
  inputs: EditorInput[],
  count = 200,
): Promise<ServerMemory> {
  const driver = await LspDriver.start(spec, pathToFileURL(INPUTS).href);
  const usual = inputs.filter((i) => i.lines <= 2000);
  for (let i = 0; i < count; i++) {
    const input = usual[i % usual.length];
    if (!input) break;
    const uri = pathToFileURL(join(INPUTS, 'open', String(i), basename(input.path))).href;
    await driver.open(uri, input.languageId, input.text, 0);
  }
  await sleep(1000);
  const status = readFileSync(`/proc/${driver.child.pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) * 1024;
  const figures = {
    server: spec.name,
    documents: count,
    rssBytes: kb('VmRSS'),
    peakBytes: kb('VmHWM'),
    readyMs: driver.readyMs,
  };
  await driver.stop();
  return figures;
}

const VSCODE_TYPES = resolve(__dirname, '..', 'node_modules', '@types', 'vscode', 'index.d.ts');

/**
 * A `vscode` module that accepts anything: every name the API declares is a function returning
 * another whatever is asked of it or set on it, but `version`, which the language client
 * checks. The names are own properties: the bundle's ES module interop copies only those.
 */
const FAKE_VSCODE = `
const Module = require('module');
const fake = () => new Proxy(function () {}, {
  get: (t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : fake()),
  set: () => true,
  apply: () => fake(),
  construct: () => fake(),
});
const types = require('fs').readFileSync(${JSON.stringify(VSCODE_TYPES)}, 'utf8');
const declared = /^\\texport (?:namespace|class|enum|const|function|let) (\\w+)/gm;
const names = [...types.matchAll(declared)];
const vscode = Object.fromEntries(names.map(([, name]) => [name, fake()]));
vscode.version = '1.100.0';
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};`;

const CLIENT = resolve(__dirname, '..', 'dist', 'client.js');

/** Medians of `runs` fresh processes, each printing a JSON object of timings. */
function medians(script: string, runs: number): Record<string, number> {
  const samples = Array.from({ length: runs }, () => {
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    try {
      return JSON.parse(result.stdout) as Record<string, number>;
    } catch {
      return {};
    }
  });
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s)))];
  return Object.fromEntries(
    keys.map((k) => [k, median(samples.map((s) => s[k] ?? NaN).filter(Number.isFinite))]),
  );
}

export interface ClientActivation {
  /** reading, compiling and evaluating dist/client.js (VS Code's "code loading") */
  loadMs: number;
  /** the call of activate() until it returns; the language client is loaded and started after */
  callMs: number;
}

/**
 * What VS Code reports as an extension's activation time (code loading plus the activate()
 * call; the wait for the language server after it returns is not part of it), in a fresh Node
 * with the stand-in `vscode`. A cold process also loads the Node modules the client needs (net,
 * child_process, crypto; about 7 ms of the load here), which an extension host may have loaded
 * already. The editor suite (test/editor/vscode/activation.test.ts) times the same steps
 * inside VS Code, without the compilation of the bundle, which happens before its first line.
 */
export function clientActivation(client = CLIENT, runs = 7): ClientActivation {
  const extensionRoot = resolve(__dirname, 'results', 'no-extension');
  const script = `${FAKE_VSCODE}
const { performance } = require('perf_hooks');
const root = ${JSON.stringify(extensionRoot)};
const own = { subscriptions: [], asAbsolutePath: (p) => require('path').join(root, p) };
const context = new Proxy(own, { get: (t, p) => (p in t ? t[p] : fake()) });
const start = performance.now();
const extension = require(${JSON.stringify(client)});
const loaded = performance.now();
let failed = false;
extension.activate(context).catch((error) => {
  failed = true;
  process.stderr.write(String(error && error.stack));
});
const called = performance.now();
// A failure before activate() returned has rejected by now; the wait for the server has not.
setImmediate(() => {
  const call = failed ? NaN : called - loaded;
  process.stdout.write(JSON.stringify({ load: loaded - start, call }));
  process.exit(0);
});`;
  const { load, call } = medians(script, runs);
  return { loadMs: load ?? NaN, callMs: call ?? NaN };
}
