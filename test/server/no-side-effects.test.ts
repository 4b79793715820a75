import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyse } from '../../shared/analyse';
import { defaultSettings, engineOptions } from '../../shared/settings';
import { buildOnce, runCli } from '../cli/helpers';
import { ensureBuilt, fileUri, ROOT, TestClient } from './client';

/**
 * The bundled server and the CLI's scan start no process and open no connection: a preload
 * (`node --require`, through NODE_OPTIONS) wraps every such entry point of Node to append a line
 * to a log, and the log must stay empty. The server talks over stdio, which needs none of them.
 */
const PRELOAD = `
const fs = require('fs');
const LOG = process.env.DSG_SIDE_EFFECTS_LOG;
fs.appendFileSync(LOG + '.loaded', process.pid + '\\n');
function wrap(target, label, names) {
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function (...args) {
      fs.appendFileSync(LOG, label + '.' + name + ' ' + String(args[0]) + '\\n');
      return original.apply(this, args);
    };
  }
}
const PROCESSES = ['spawn', 'exec', 'execFile', 'fork', 'execSync', 'spawnSync', 'execFileSync'];
wrap(require('child_process'), 'child_process', PROCESSES);
wrap(require('net'), 'net', ['connect', 'createConnection']);
wrap(require('net').Socket.prototype, 'net.Socket', ['connect']);
wrap(require('http'), 'http', ['request', 'get']);
wrap(require('https'), 'https', ['request', 'get']);
wrap(require('dns'), 'dns', ['lookup', 'resolve', 'resolve4', 'resolve6', 'lookupService']);
wrap(require('dns').promises, 'dns.promises', ['lookup', 'resolve', 'resolve4', 'resolve6']);
wrap(globalThis, 'globalThis', ['fetch']);
`;

interface Watch {
  log: string;
  env: { NODE_OPTIONS: string; DSG_SIDE_EFFECTS_LOG: string };
  /** the lines logged, and the pids of the processes that loaded the preload */
  read(): { calls: string[]; loaded: number };
  remove(): void;
}

function watch(): Watch {
  const dir = mkdtempSync(path.join(tmpdir(), 'dsg-side-effects-'));
  const preload = path.join(dir, 'preload.cjs');
  const log = path.join(dir, 'calls.log');
  writeFileSync(preload, PRELOAD);
  writeFileSync(log, '');
  const options = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(preload)}`];
  const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
  return {
    log,
    env: {
      NODE_OPTIONS: options.filter(Boolean).join(' '),
      DSG_SIDE_EFFECTS_LOG: log,
    },
    read: () => ({ calls: lines(log), loaded: lines(`${log}.loaded`).length }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function languageOf(file: string): string {
  const name = path.basename(file).toLowerCase();
  if (name.includes('dockerfile') || name.includes('containerfile')) return 'dockerfile';
  if (name === 'makefile' || name.endsWith('.mk')) return 'makefile';
  const byExtension: Record<string, string> = {
    '.yaml': 'yaml',
    '.yml': 'yaml',
    '.json': 'json',
    '.toml': 'toml',
    '.sh': 'shellscript',
  };
  return byExtension[path.extname(name)] ?? 'plaintext';
}

/** Whether the server publishes for an opened file: only when the engine recognises it. */
function publishes(fileName: string, text: string, languageId: string): boolean {
  const options = engineOptions(defaultSettings());
  try {
    return analyse({ fileName, text, languageId, options }).kind !== undefined;
  } catch {
    return false;
  }
}

describe('no side effects: the preload that watches for them', function () {
  it('logs a process started and a name looked up', () => {
    const watched = watch();
    try {
      const code =
        "require('child_process').execFileSync('true');" +
        "require('dns').lookup('localhost', () => {});";
      const result = spawnSync(process.execPath, ['-e', code], {
        env: { ...process.env, ...watched.env },
      });
      assert.equal(result.status, 0);
      assert.deepEqual(watched.read(), {
        calls: ['child_process.execFileSync true', 'dns.lookup localhost'],
        loaded: 1,
      });
    } finally {
      watched.remove();
    }
  });
});

describe('no side effects: the bundled server', function () {
  this.timeout(120_000);
  let watched: Watch;
  let client: TestClient;
  const examples = path.join(ROOT, 'examples');

  before(async () => {
    // Built before the watch starts: the build spawns esbuild.
    ensureBuilt();
    watched = watch();
    const saved = { ...process.env };
    // The server inherits the environment when it is spawned; the test process keeps its own.
    Object.assign(process.env, watched.env);
    try {
      client = await TestClient.start({
        workspaceFolders: [{ uri: fileUri(examples), name: 'examples' }],
      });
    } finally {
      for (const key of Object.keys(watched.env)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
  after(async () => {
    await client.stop();
    watched.remove();
  });

  it('opens every fixture and example and scans examples/ without a process or connection', async () => {
    const files = [...filesUnder(path.join(ROOT, 'test', 'fixtures')), ...filesUnder(examples)];
    let published = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const languageId = languageOf(file);
      const diagnostics = client.open(fileUri(file), languageId, text);
      if (publishes(file, text, languageId)) {
        await diagnostics;
        published++;
      } else {
        diagnostics.catch(() => undefined);
      }
    }
    const summary = await client.scanWorkspace();

    assert.ok(published > 100, `only ${published} files published diagnostics`);
    assert.ok(summary.files > 0 && summary.findings > 0, JSON.stringify(summary));
    assert.deepEqual(watched.read(), { calls: [], loaded: 1 });
  });
});

describe('no side effects: the CLI scan', function () {
  this.timeout(120_000);

  it('scans examples/ without a process or connection', () => {
    buildOnce();
    const watched = watch();
    try {
      const result = runCli(['scan', 'examples', '--fail-on', 'none'], { env: watched.env });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^\d+ findings \(/m);
      assert.deepEqual(watched.read(), { calls: [], loaded: 1 });
    } finally {
      watched.remove();
    }
  });
});
