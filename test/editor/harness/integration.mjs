// The integration suite: compiles test/editor/vscode with esbuild, copies the fixture workspace
// and runs the suite inside VS Code's extension host through @vscode/test-electron.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { LAUNCHER, OUTPUT_DIR, ROOT, extensionRoot } from './env.mjs';
import { onCleanup, removeTree } from './processes.mjs';
import { copyWorkspace } from './workspace.mjs';

const SUITE_SRC = path.join(ROOT, 'test', 'editor', 'vscode');
const SUITE_OUT = path.join(ROOT, '.cache', 'editor-tests', 'vscode');

/** Bundles index.ts and each *.test.ts to CommonJS; `vscode` comes from the extension host. */
export async function buildSuite() {
  rmSync(SUITE_OUT, { recursive: true, force: true });
  const entryPoints = readdirSync(SUITE_SRC)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => path.join(SUITE_SRC, name));
  await build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    // jsonc-parser's default entry is a UMD build whose inner requires esbuild cannot follow.
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    // mocha's parallel mode resolves worker files at run time; the suite runs serially.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return path.join(SUITE_OUT, 'index.js');
}

/**
 * Where the tests run: a desktop VS Code named by DSG_VSCODE_EXECUTABLE, one downloaded by
 * test-electron when DSG_VSCODE_DOWNLOAD is set (a machine that can reach the download), and
 * otherwise the launcher that runs code-server in headless Chromium.
 */
function executable(tmp) {
  const profile = [
    `--user-data-dir=${path.join(tmp, 'profile')}`,
    `--extensions-dir=${path.join(tmp, 'extensions')}`,
  ];
  if (process.env.DSG_VSCODE_EXECUTABLE) {
    return { vscodeExecutablePath: process.env.DSG_VSCODE_EXECUTABLE, profile };
  }
  if (process.env.DSG_VSCODE_DOWNLOAD) return { version: process.env.DSG_VSCODE_DOWNLOAD, profile };
  chmodSync(LAUNCHER, 0o755);
  // The launcher keeps its own throw-away profile, removed only after code-server has stopped.
  return { vscodeExecutablePath: LAUNCHER, reuseMachineInstall: true, profile: [] };
}

/** Runs the suite; resolves with the counts the suite wrote, whatever the outcome. */
export async function runIntegration({ log = console.log } = {}) {
  const outDir = path.join(OUTPUT_DIR, 'integration');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dsg-integration-'));
  const removeTmp = () => removeTree(tmp);
  const unregister = onCleanup(removeTmp);
  const resultsFile = path.join(outDir, 'results.json');

  try {
    const testsPath = await buildSuite();
    const workspace = copyWorkspace(tmp);
    log(`[integration] suite ${testsPath}, workspace ${workspace}`);
    let ok = true;
    try {
      const { profile, ...where } = executable(tmp);
      await runTests({
        ...where,
        extensionDevelopmentPath: extensionRoot(),
        extensionTestsPath: testsPath,
        launchArgs: [workspace, ...profile, '--disable-extensions'],
        extensionTestsEnv: { DSG_EDITOR_RESULTS: resultsFile, DSG_EDITOR_OUTPUT: outDir },
      });
    } catch (error) {
      ok = false;
      log(`[integration] failed: ${error instanceof Error ? error.message : error}`);
    }
    return { ok, ...readCounts(resultsFile, ok) };
  } finally {
    unregister();
    removeTmp();
  }
}

function readCounts(file, ok) {
  try {
    const counts = JSON.parse(readFileSync(file, 'utf8'));
    return { passed: counts.passed, failed: counts.failed, skipped: counts.skipped };
  } catch {
    // The suite never reported: count the run itself as one failure.
    return { passed: 0, failed: ok ? 0 : 1, skipped: 0 };
  }
}
