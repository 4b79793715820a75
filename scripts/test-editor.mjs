// `npm run test:editor`: the extension in a real VS Code. Builds, sets up code-server (once, into
// .cache/code-server), then runs the integration suite in the extension host, the browser
// end-to-end test and the Neovim client test, and exits non-zero if any of them fails.
//
//   node scripts/test-editor.mjs [--only integration,e2e,neovim] [--skip-build] [--update-images]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, isInstalled } from '../test/editor/harness/env.mjs';
import { missingPrerequisites, reportMissing } from '../test/editor/harness/prereqs.mjs';
import { runCleanups } from '../test/editor/harness/processes.mjs';

const SUITES = ['integration', 'e2e', 'neovim'];

function parseArgs(argv) {
  const options = { suites: SUITES, build: true, updateImages: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--skip-build') options.build = false;
    else if (arg === '--update-images') options.updateImages = true;
    else if (arg === '--only') options.suites = (argv[++i] ?? '').split(',').filter(Boolean);
    else throw new Error(`unknown argument ${arg}`);
  }
  const unknown = options.suites.filter((s) => !SUITES.includes(s));
  if (unknown.length > 0)
    throw new Error(`unknown suite ${unknown.join(', ')}; use ${SUITES.join(', ')}`);
  return options;
}

function npmRun(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { cwd: ROOT, stdio: 'inherit' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

function hasScript(name) {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return typeof manifest.scripts?.[name] === 'string';
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function timed(results, name, fn) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const result = await fn();
  results.push({ name, time: seconds(started), ...result });
  return result;
}

async function runNeovim() {
  if (!hasScript('test:neovim')) {
    console.log(
      'SKIPPED: package.json has no "test:neovim" script yet (the language-server task adds it)',
    );
    return { ok: true, passed: 0, failed: 0, skipped: 1 };
  }
  const ok = await npmRun('test:neovim');
  return { ok, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
}

async function runSuites(options, results) {
  const wants = (suite) => options.suites.includes(suite);
  if (options.build) {
    const built = await timed(results, 'build', async () => ({ ok: await npmRun('build') }));
    if (!built.ok) return;
  }
  if (wants('integration') || wants('e2e')) {
    const { ensureCodeServer } = await import('../test/editor/harness/install.mjs');
    await timed(results, 'code-server', async () => ({ ok: true, ...(await ensureCodeServer()) }));
  }
  if (wants('integration')) {
    const { runIntegration } = await import('../test/editor/harness/integration.mjs');
    await timed(results, 'integration', () => runIntegration());
  }
  if (wants('e2e')) {
    const { runE2E } = await import('../test/editor/e2e/e2e.mjs');
    await timed(results, 'e2e', () => runE2E({ updateImages: options.updateImages }));
  }
  if (wants('neovim')) await timed(results, 'neovim', runNeovim);
}

function summarise(results, started) {
  console.log('\n=== editor tests ===');
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    const counts =
      r.passed === undefined
        ? ''
        : `  ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`;
    console.log(
      `${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(12)} ${r.time.padStart(8)}${counts}`,
    );
    for (const key of Object.keys(total)) total[key] += r[key] ?? 0;
  }
  console.log(`total time ${seconds(started)}`);
  console.log(`editor: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return results.every((r) => r.ok);
}

async function main() {
  const started = Date.now();
  const options = parseArgs(process.argv.slice(2));
  const browserSuites = options.suites.some((s) => s === 'integration' || s === 'e2e');
  const missing = missingPrerequisites({
    codeServer: browserSuites && !isInstalled(),
    browser: browserSuites,
    neovim: options.suites.includes('neovim') && hasScript('test:neovim'),
  });
  if (missing.length > 0) {
    reportMissing(missing);
    return 2;
  }

  const results = [];
  try {
    await runSuites(options, results);
  } catch (error) {
    console.error(`\n[test-editor] ${error instanceof Error ? error.message : error}`);
    results.push({
      name: 'harness',
      ok: false,
      time: seconds(started),
      passed: 0,
      failed: 1,
      skipped: 0,
    });
  } finally {
    await runCleanups();
  }
  return summarise(results, started) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
