// Where the editor harness keeps things, and which versions it runs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** code-server 4.100.3 is VS Code 1.100.3, the last release whose engines accept Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';

export const CACHE_DIR = path.join(ROOT, '.cache', 'code-server');
export const CODE_SERVER_DIR = path.join(CACHE_DIR, CODE_SERVER_VERSION);
export const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');

export const OUTPUT_DIR = path.join(ROOT, 'test-output');
export const FIXTURE_WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'editor');
export const LAUNCHER = path.join(ROOT, 'test', 'editor', 'harness', 'launcher.mjs');
export const DOCS_IMAGES = path.join(ROOT, 'docs', 'images');

/**
 * The extension under test: this project, or the folder DSG_EDITOR_EXTENSION names (to try the
 * harness itself against a small stand-in extension).
 */
export function extensionRoot() {
  return process.env.DSG_EDITOR_EXTENSION ? path.resolve(process.env.DSG_EDITOR_EXTENSION) : ROOT;
}

/** Debian's Chromium unless CHROME_PATH names another build. */
export function chromePath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

export function codeServerBin() {
  return process.env.DSG_CODE_SERVER_BIN || CODE_SERVER_BIN;
}

export function isInstalled() {
  return existsSync(path.join(CODE_SERVER_DIR, '.complete')) && existsSync(CODE_SERVER_BIN);
}

/** Settings for a fresh profile: nothing phones home, nothing pops up over the editor. */
export const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'editor.hover.delay': 100,
  'editor.lightbulb.enabled': 'on',
  'files.autoSave': 'off',
};
