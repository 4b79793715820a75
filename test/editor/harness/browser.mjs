// Headless Chromium (Debian's by default) driven by playwright-core, in a throw-away profile.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromePath } from './env.mjs';
import { onCleanup, removeTree } from './processes.mjs';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--password-store=basic',
];

/** Opens a browser context; `close` also removes its profile and runs on interruption. */
export async function openBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'dsg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath(),
    headless: true,
    viewport,
    args: ARGS,
    // The harness's own signal handlers close the browser; playwright's would exit mid-cleanup.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  // One close, however many callers: the test's own finally and an interruption's cleanup.
  let closing;
  const close = () => {
    closing ??= (async () => {
      unregister();
      await context.close().catch(() => {});
      removeTree(profile);
    })();
    return closing;
  };
  const unregister = onCleanup(close);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close };
}
