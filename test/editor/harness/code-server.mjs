// Starts and stops code-server for one test run: loopback only, no auth, nothing phoning home,
// its XDG folders and profile in throw-away places.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { USER_SETTINGS, codeServerBin } from './env.mjs';
import { freePort, logTail, onCleanup, removeTree, runLogged, startGroup } from './processes.mjs';

const READY_TIMEOUT_MS = 90_000;

/** The environment code-server runs in: XDG_* in `xdgRoot`, and nothing that redirects it. */
export function serverEnv(xdgRoot, extra = {}) {
  const env = { ...process.env, ...extra };
  // PORT overrides --bind-addr's port; the others would tie it to an outer editor.
  for (const name of ['PORT', 'VSCODE_IPC_HOOK_CLI', 'ELECTRON_RUN_AS_NODE', 'VSCODE_PROXY_URI']) {
    delete env[name];
  }
  for (const name of ['CONFIG', 'DATA', 'CACHE', 'STATE', 'RUNTIME']) {
    const dir = path.join(xdgRoot, name.toLowerCase());
    mkdirSync(dir, { recursive: true });
    env[`XDG_${name}_${name === 'RUNTIME' ? 'DIR' : 'HOME'}`] = dir;
  }
  chmodSync(path.join(xdgRoot, 'runtime'), 0o700);
  // No extension gallery: the workbench would otherwise query it on every start.
  env.EXTENSIONS_GALLERY = '{}';
  return env;
}

export function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const settings = { ...USER_SETTINGS, ...extra };
  writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

function serverArgs(hostPort, userDataDir, extensionsDir) {
  return [
    '--bind-addr',
    hostPort,
    '--auth',
    'none',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
}

/**
 * Starts code-server in its own process group on a free loopback port and waits until it
 * answers. The handle's `stop` ends the whole group; it also runs if the harness is interrupted.
 */
export async function startCodeServer({ userDataDir, extensionsDir, logFile, env = {} }) {
  const xdgRoot = mkdtempSync(path.join(os.tmpdir(), 'dsg-cs-xdg-'));
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(path.dirname(logFile), { recursive: true });

  for (let attempt = 1; ; attempt++) {
    const hostPort = `127.0.0.1:${await freePort()}`;
    const group = startGroup(codeServerBin(), serverArgs(hostPort, userDataDir, extensionsDir), {
      env: serverEnv(xdgRoot, env),
      logFile,
    });
    let stopping;
    const stop = () => {
      stopping ??= (async () => {
        unregister();
        await group.stop();
        removeTree(xdgRoot);
      })();
      return stopping;
    };
    const unregister = onCleanup(stop);

    const outcome = await waitUntilReady(hostPort, group.exited);
    if (outcome === 'ready') {
      return {
        url: `http://${hostPort}`,
        hostPort,
        logFile,
        stop,
        tail: (n) => logTail(logFile, n),
      };
    }
    await stop();
    // Another process may have taken the port between picking and binding it.
    if (outcome === 'exited' && attempt < 3 && /EADDRINUSE/.test(logTail(logFile, 20))) continue;
    throw new Error(`code-server did not start (${outcome}); log tail:\n${logTail(logFile)}`);
  }
}

/** Polls /healthz until it answers, the server exits, or the deadline passes. */
async function waitUntilReady(hostPort, exited) {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone) return 'exited';
    try {
      const response = await fetch(`http://${hostPort}/healthz`);
      if (response.ok) return 'ready';
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 'timed out';
}

/** Installs a .vsix into a profile with code-server's own CLI. */
export async function installExtension({ vsix, userDataDir, extensionsDir, logFile }) {
  const xdgRoot = mkdtempSync(path.join(os.tmpdir(), 'dsg-cs-xdg-'));
  try {
    const args = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
    await runLogged(codeServerBin(), [...args, '--install-extension', vsix], {
      env: serverEnv(xdgRoot),
      logFile,
      label: `code-server --install-extension ${path.basename(vsix)}`,
    });
  } finally {
    removeTree(xdgRoot);
  }
}
