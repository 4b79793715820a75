// The browser end-to-end test: the packaged extension, installed into a fresh code-server
// profile, seen through headless Chromium the way a person sees it.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBrowser } from '../harness/browser.mjs';
import { installExtension, startCodeServer, writeUserSettings } from '../harness/code-server.mjs';
import { DOCS_IMAGES, OUTPUT_DIR } from '../harness/env.mjs';
import { onCleanup, removeTree } from '../harness/processes.mjs';
import { copyWorkspace } from '../harness/workspace.mjs';
import { packageExtension } from '../harness/vsix.mjs';
import { StepSkipped, Steps } from './steps.mjs';
import * as wb from './workbench.mjs';

const OUT = path.join(OUTPUT_DIR, 'e2e');
const MOUNT_LINE = '- /var/run/docker.sock:/var/run/docker.sock';
const MESSAGE = 'Service "agent" mounts the Docker socket /var/run/docker.sock';

/** Screenshots worth showing in the README, by the step that takes them. */
const DOCS_SHOTS = {
  'hover explains the threat': 'editor-squiggle-hover.png',
  'Problems panel lists the finding': 'editor-problems-panel.png',
  'quick-fix menu lists the fixes': 'editor-quick-fix-menu.png',
  'TLS fix rewrites the file': 'editor-tls-fix-applied.png',
};

async function prepareProfile(tmp, log) {
  const logFile = path.join(OUT, 'setup.log');
  const userDataDir = path.join(tmp, 'profile');
  const extensionsDir = path.join(tmp, 'extensions');
  writeUserSettings(userDataDir);
  const vsix = await packageExtension({ logFile });
  log(`[e2e] packaged ${vsix}`);
  await installExtension({ vsix, userDataDir, extensionsDir, logFile });
  log(`[e2e] installed into a fresh profile (${extensionsDir})`);
  return { userDataDir, extensionsDir };
}

/** The steps, in the order a person would take them. */
async function walkThrough(steps, page, server, workspace) {
  await steps.run('workbench opens the fixture workspace', () =>
    wb.openWorkspace(page, server.url, workspace),
  );
  await steps.run('Compose file opens', () => wb.quickOpen(page, 'docker-compose.yml'));
  const squiggle = await steps.run('squiggle on the mounted socket line', () =>
    wb.waitForSquiggle(page, MOUNT_LINE, 'error'),
  );
  await steps.run('Problems panel lists the finding', () =>
    wb.problemsEntry(page, [MESSAGE, 'docker-socket-guard', 'DSG001']),
  );
  await steps.run('hover explains the threat', () =>
    wb.hoverAt(page, squiggle, [MESSAGE, '--privileged', 'DSG001']),
  );
  await steps.run('quick-fix menu lists the fixes', async () => {
    const titles = await wb.quickFixMenu(page, squiggle);
    if (titles.length === 0) {
      throw new StepSkipped('the server offers no code actions yet (the quick-fix task)');
    }
    for (const wanted of [/remove/i, /\bTLS\b/, /suppress|ignore/i]) {
      if (!titles.some((t) => wanted.test(t)))
        throw new Error(`no ${wanted} in: ${titles.join(' | ')}`);
    }
  });
  await steps.run('TLS fix rewrites the file', async () => {
    await wb.chooseFix(page, /\bTLS\b/);
    await wb.waitForEditorText(page, {
      has: [/DOCKER_TLS_VERIFY/, /:2376/, /DOCKER_CERT_PATH/],
      hasNot: [/- \/var\/run\/docker\.sock:\/var\/run\/docker\.sock/],
    });
    await wb.waitForNoSquiggles(page);
  });
}

function copyDocsImages(steps, log) {
  mkdirSync(DOCS_IMAGES, { recursive: true });
  for (const [step, name] of Object.entries(DOCS_SHOTS)) {
    const shot = steps.shotOf(step);
    if (!shot) continue;
    copyFileSync(shot, path.join(DOCS_IMAGES, name));
    log(`[e2e] docs image ${path.join('docs', 'images', name)}`);
  }
}

/** Runs the whole test; resolves with step counts. `updateImages` refreshes docs/images. */
export async function runE2E({ log = console.log, updateImages = false } = {}) {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dsg-e2e-'));
  const removeTmp = () => removeTree(tmp);
  const unregister = onCleanup(removeTmp);
  let server;
  let browser;
  try {
    const profile = await prepareProfile(tmp, log);
    const workspace = copyWorkspace(tmp);
    server = await startCodeServer({ ...profile, logFile: path.join(OUT, 'code-server.log') });
    browser = await openBrowser();
    const steps = new Steps({ page: browser.page, shotsDir: OUT, logTail: () => server.tail(40) });
    await walkThrough(steps, browser.page, server, workspace);
    // Pictures of a stand-in extension must never reach the README.
    if (updateImages && !process.env.DSG_EDITOR_EXTENSION) copyDocsImages(steps, log);
    return { ok: steps.counts().failed === 0, ...steps.counts() };
  } catch (error) {
    log(
      `[e2e] FAILED outside the browser steps: ${error instanceof Error ? error.message : error}`,
    );
    // A failed install step already carries its log tail in the message.
    if (server) log(`[e2e] code-server log tail:\n${server.tail(40)}`);
    return { ok: false, passed: 0, failed: 1, skipped: 0 };
  } finally {
    await browser?.close();
    await server?.stop();
    unregister();
    removeTmp();
  }
}
