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

/** A `vscode` module that accepts anything: every property is a function returning another. */
const FAKE_VSCODE = `
const Module = require('module');
const fake = () => new Proxy(function () {}, {
  get: (t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : fake()),
  apply: () => fake(),
  construct: () => fake(),
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? fake() : load.call(this, request, ...rest);
};`;

/**
 * The cost of loading dist/client.js in a fresh process with a stand-in `vscode` module: the
 * part of activation this harness can time. `activate()` itself starts the language client,
 * which needs a real VS Code; the editor suite (test/editor) times it there.
 */
export function clientLoadMs(
  client = resolve(__dirname, '..', 'dist', 'client.js'),
  runs = 7,
): number {
  const script = `${FAKE_VSCODE}
const { performance } = require('perf_hooks');
const start = performance.now();
require(${JSON.stringify(client)});
process.stdout.write(String(performance.now() - start));`;
  const times = Array.from({ length: runs }, () => {
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    return Number(result.stdout);
  });
  return median(times.filter((t) => Number.isFinite(t)));
}
