#!/usr/bin/env node
// Stands in for a VS Code executable in @vscode/test-electron's runTests({ vscodeExecutablePath }):
// takes the command line runTests builds, runs the extension tests in code-server's Node
// extension host through headless Chromium, and exits with their result (0 passed, 1 failed).
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { openBrowser } from './browser.mjs';
import { startCodeServer, writeUserSettings } from './code-server.mjs';
import { OUTPUT_DIR } from './env.mjs';
import { onCleanup, removeTree, runCleanups } from './processes.mjs';

const TIMEOUT_MS = Number(process.env.DSG_EDITOR_TIMEOUT_MS || 600_000);

/** The options runTests passes (`--name=value`), and the folder to open (a bare argument). */
export function parseArgs(argv) {
  const options = { developmentPaths: [], folder: undefined };
  for (const arg of argv) {
    const match = /^--([^=]+)=(.*)$/s.exec(arg);
    if (!match) {
      if (!arg.startsWith('-')) options.folder = path.resolve(arg);
      continue;
    }
    const [, name, value] = match;
    if (name === 'extensionDevelopmentPath') options.developmentPaths.push(path.resolve(value));
    else if (name === 'extensionTestsPath') options.testsPath = path.resolve(value);
    else if (name === 'user-data-dir') options.userDataDir = path.resolve(value);
    else if (name === 'extensions-dir') options.extensionsDir = path.resolve(value);
  }
  if (!options.testsPath) throw new Error('launcher: --extensionTestsPath=<path> is required');
  return options;
}

/** The workbench URL that opens `folder` and starts the extension tests, as a desktop run would. */
export function testUrl(server, options) {
  const remote = (file) => `vscode-remote://${server.hostPort}${file}`;
  const payload = [
    ...options.developmentPaths.map((dir) => ['extensionDevelopmentPath', remote(dir)]),
    ['extensionTestsPath', remote(options.testsPath)],
    ['skipWelcome', 'true'],
  ];
  const folder = options.folder ? `folder=${encodeURIComponent(options.folder)}&` : 'ew=true&';
  return `${server.url}/?${folder}payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function runInBrowser(server, options, outDir) {
  const { page, close } = await openBrowser();
  let finish;
  const exited = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => printHostLog(type, args));
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  page.once('crash', () => finish('browser page crashed'));
  page.once('close', () => finish('browser page closed'));

  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => resolve(`timed out after ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS);
  });
  try {
    await page.goto(testUrl(server, options));
    const code = await Promise.race([exited, deadline]);
    if (code !== 0) await saveScreenshot(page, path.join(outDir, 'failure.png'));
    return code;
  } finally {
    clearTimeout(timer);
    await close();
  }
}

/** Extension-host console output, minus the workbench's connection chatter. */
function printHostLog(type, args) {
  const text = format(...(Array.isArray(args) ? args : [args]));
  if (/connection token|socket (?:open|close)|ExtensionHostConnection/i.test(text)) return;
  if (type === 'error') console.error(text);
  else console.log(text);
}

async function saveScreenshot(page, file) {
  try {
    await page.screenshot({ path: file });
    console.error(`[launcher] screenshot of the workbench: ${file}`);
  } catch (error) {
    console.error(`[launcher] no screenshot: ${error.message}`);
  }
}

/**
 * runTests stops this process with SIGINT, which the cleanup handlers catch; if the runner dies
 * without a word the launcher notices it is orphaned and stops code-server all the same.
 */
function stopWhenOrphaned() {
  // With the runner gone its pipes are closed: writing to them must not end the cleanup early.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    console.error('[launcher] the test runner is gone; stopping');
    void runCleanups().finally(() => process.exit(1));
  }, 1000);
  timer.unref();
}

async function main() {
  stopWhenOrphaned();
  const options = parseArgs(process.argv.slice(2));
  const outDir = process.env.DSG_EDITOR_OUTPUT || path.join(OUTPUT_DIR, 'integration');
  mkdirSync(outDir, { recursive: true });
  let userDataDir = options.userDataDir;
  if (!userDataDir) {
    // Registered before code-server starts, so it runs after code-server has stopped.
    const made = mkdtempSync(path.join(os.tmpdir(), 'dsg-launcher-profile-'));
    onCleanup(() => removeTree(made));
    userDataDir = made;
  }
  writeUserSettings(userDataDir);

  const server = await startCodeServer({
    userDataDir,
    extensionsDir: options.extensionsDir ?? path.join(userDataDir, 'extensions'),
    logFile: path.join(outDir, 'code-server.log'),
  });
  let code = 1;
  try {
    code = await runInBrowser(server, options, outDir);
    console.log(`[launcher] extension tests finished: ${code}`);
    if (code !== 0) {
      console.error(`[launcher] code-server log tail (${server.logFile}):\n${server.tail(40)}`);
    }
  } finally {
    await runCleanups();
  }
  return code === 0 ? 0 : 1;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    async (error) => {
      console.error('[launcher]', error instanceof Error ? error.message : error);
      await runCleanups();
      process.exit(1);
    },
  );
}
