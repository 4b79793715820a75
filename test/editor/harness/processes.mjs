// Child processes of the harness: each long-lived one in its own process group, always stopped.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';

/** A port the kernel just handed out on loopback; free unless another process races for it. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const cleanups = new Set();
const groups = new Set();
let handlersInstalled = false;
let stopping = false;

/** Runs `fn` when the harness stops, by success, failure or signal. Returns an unregister. */
export function onCleanup(fn) {
  installHandlers();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

let draining;

/** Runs the registered cleanups once; a second caller waits for the run in progress. */
export function runCleanups() {
  draining ??= drain().finally(() => (draining = undefined));
  return draining;
}

async function drain() {
  while (cleanups.size > 0) {
    const pending = [...cleanups].reverse();
    cleanups.clear();
    for (const fn of pending) {
      try {
        await fn();
      } catch (error) {
        console.error('[harness] cleanup failed:', error);
      }
    }
  }
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    // `on`, not `once`: a second signal (the test runner forwards Ctrl+C) must not cut the
    // cleanup short by falling back to the default action.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`[harness] ${signal}: stopping child processes`);
      void runCleanups().finally(() => process.exit(code));
    });
  }
  // Last resort when the process ends without the async cleanups having run.
  process.on('exit', () => {
    for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
  });
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pgid) {
  return signalGroup(pgid, 0);
}

/**
 * Starts a command as the leader of a new process group (and session), with stdout and stderr
 * appended to `logFile`. The returned handle stops the whole group.
 */
export function startGroup(command, args, { env, cwd, logFile }) {
  installHandlers();
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const pgid = child.pid;
  groups.add(pgid);

  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  const stop = async () => {
    await stopGroup(pgid, exited);
    groups.delete(pgid);
  };
  return { child, pgid, exited, stop };
}

async function stopGroup(pgid, exited) {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  await Promise.race([exited, delay(5000)]);
  const deadline = Date.now() + 5000;
  while (groupAlive(pgid) && Date.now() < deadline) await delay(100);
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The last `lines` lines of a log file, or a note that there is none. */
export function logTail(file, lines = 40) {
  try {
    const text = readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

/**
 * Runs a command to completion with output appended to `logFile`; rejects with the log tail when
 * it fails. Used for the install steps, whose output matters only when they break.
 */
export function runLogged(command, args, { cwd, env, logFile, label }) {
  return new Promise((resolve, reject) => {
    const fd = openSync(logFile, 'a');
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) {
        resolve();
        return;
      }
      const tail = logTail(logFile, 30);
      reject(new Error(`${label} failed (${code ?? signal}); last lines of ${logFile}:\n${tail}`));
    });
  });
}

/**
 * Removes a folder that a process which just stopped may still be writing into. A leftover
 * temporary folder is reported, never a reason to fail the run.
 */
export function removeTree(dir) {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (error) {
    console.error(`[harness] could not remove ${dir}: ${error.message}`);
  }
}
