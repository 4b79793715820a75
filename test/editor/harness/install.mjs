// Installs code-server into .cache/code-server/<version> without its postinstall, which would
// download ripgrep from a host these machines cannot reach, and reuses a finished install.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CACHE_DIR, CODE_SERVER_DIR, CODE_SERVER_VERSION, isInstalled } from './env.mjs';
import { nodeDir } from './prereqs.mjs';
import { runLogged } from './processes.mjs';

/** Native modules of VS Code's server, rebuilt one at a time so a failure names its module. */
const NATIVE_MODULES = [
  '@parcel/watcher',
  '@vscode/spdlog',
  'kerberos',
  'native-watchdog',
  'node-pty',
  '@vscode/deviceid',
];

function installEnv(tmp) {
  return {
    ...process.env,
    // node-gyp builds against the local headers instead of downloading them.
    npm_config_nodedir: nodeDir(),
    // node-pty's install step runs `npx node-gyp`, which must not stop to ask.
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    XDG_CONFIG_HOME: path.join(tmp, 'config'),
    XDG_DATA_HOME: path.join(tmp, 'data'),
    XDG_CACHE_HOME: path.join(tmp, 'cache'),
  };
}

/** Installs code-server into the cache unless a finished install is there already. */
export async function ensureCodeServer({ log = console.log } = {}) {
  if (isInstalled()) return { installed: false };

  mkdirSync(CACHE_DIR, { recursive: true });
  const release = await acquireLock(log);
  try {
    // Another run may have finished the install while this one waited for the lock.
    if (isInstalled()) return { installed: false };
    await install(log);
    return { installed: true };
  } finally {
    release();
  }
}

async function install(log) {
  const started = Date.now();
  const partial = `${CODE_SERVER_DIR}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const logFile = path.join(CACHE_DIR, `install-${CODE_SERVER_VERSION}.log`);
  rmSync(logFile, { force: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dsg-cs-install-'));
  const ctx = { env: installEnv(tmp), logFile, log };

  log(`[install] code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (log: ${logFile})`);
  try {
    await installPackage(partial, ctx);
    await installVsCodeServer(path.join(partial, 'node_modules', 'code-server'), ctx);
    await checkVersion(partial, ctx);
    rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
    renameSync(partial, CODE_SERVER_DIR);
    writeFileSync(path.join(CODE_SERVER_DIR, '.complete'), `${CODE_SERVER_VERSION}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  log(`[install] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const LOCK = path.join(CACHE_DIR, `.install-${CODE_SERVER_VERSION}.lock`);
const LOCK_WAIT_MS = 20 * 60_000;

/**
 * Several people share a checkout: one run installs, the others wait for it. The lock is a
 * folder holding the installer's pid; a lock whose process is gone is taken over.
 */
async function acquireLock(log) {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (!lockHolderAlive()) {
      rmSync(LOCK, { recursive: true, force: true });
      continue;
    }
    if (!told) log('[install] another run is installing code-server; waiting for it');
    told = true;
    if (Date.now() > deadline) throw new Error(`code-server install lock still held: ${LOCK}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function lockHolderAlive() {
  try {
    process.kill(Number(readFileSync(path.join(LOCK, 'pid'), 'utf8')), 0);
    return true;
  } catch {
    // No pid yet means the holder is between creating the folder and writing it.
    return existsSync(LOCK) && !existsSync(path.join(LOCK, 'pid')) && lockAgeMs() < 10_000;
  }
}

function lockAgeMs() {
  try {
    return Date.now() - statSync(LOCK).mtimeMs;
  } catch {
    return Infinity;
  }
}

function npm(args, cwd, ctx, label) {
  ctx.log(`[install] ${label}`);
  return runLogged('npm', args, { cwd, env: ctx.env, logFile: ctx.logFile, label });
}

async function installPackage(prefix, ctx) {
  writeFileSync(
    path.join(prefix, 'package.json'),
    JSON.stringify({ name: 'dsg-code-server-cache', private: true }, null, 2),
  );
  const quiet = ['--no-audit', '--no-fund'];
  await npm(
    ['install', '--ignore-scripts', ...quiet, `code-server@${CODE_SERVER_VERSION}`],
    prefix,
    ctx,
    `npm install --ignore-scripts code-server@${CODE_SERVER_VERSION}`,
  );
  // argon2's prebuilt download fails offline; its fallback compiles it from source.
  await npm(['rebuild', 'argon2'], prefix, ctx, 'npm rebuild argon2');
}

/** What code-server's postinstall does, minus the ripgrep download. */
async function installVsCodeServer(codeServerDir, ctx) {
  const vscodeDir = path.join(codeServerDir, 'lib', 'vscode');
  const quiet = ['--no-audit', '--no-fund'];
  await npm(
    ['install', '--omit=dev', '--ignore-scripts', ...quiet],
    vscodeDir,
    ctx,
    'npm install (lib/vscode)',
  );
  for (const name of NATIVE_MODULES) {
    await npm(['rebuild', name], vscodeDir, ctx, `npm rebuild ${name}`);
  }

  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync(whichRg(), path.join(rgDir, 'rg'));
  link('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));

  await npm(
    ['install', '--omit=dev', ...quiet],
    path.join(vscodeDir, 'extensions'),
    ctx,
    'npm install (built-in extensions)',
  );
}

function whichRg() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'rg');
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error('rg not found: apt-get install -y ripgrep');
}

function link(target, at) {
  rmSync(at, { force: true });
  symlinkSync(target, at);
}

async function checkVersion(prefix, ctx) {
  const bin = path.join(prefix, 'node_modules', '.bin', 'code-server');
  await runLogged(bin, ['--version'], {
    cwd: prefix,
    env: ctx.env,
    logFile: ctx.logFile,
    label: 'code-server --version',
  });
}
