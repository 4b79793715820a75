import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { COMPOSE } from './expectations';
import { EXTENSION_ID, openFixture, setWaitBudget, waitForDiagnostics } from './helpers';

/** Test files in the order a reader would check the extension: first it works, then details. */
const ORDER = [
  'activation',
  'diagnostics',
  'hover',
  'quick-fix-offers',
  'quick-fix-apply',
  'settings',
  'scan',
];

const FIRST_PUBLISH_MS = 90_000;

/**
 * Runs once before every test: activates the extension and waits for the first diagnostics of
 * the Compose fixture, which also covers the server's start-up.
 */
async function warmUp(): Promise<void> {
  await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  const { document } = await openFixture(COMPOSE);
  try {
    await waitForDiagnostics(
      document.uri,
      (l) => l.length > 0,
      'first diagnostics',
      FIRST_PUBLISH_MS,
    );
  } catch {
    console.log(
      `  The server published nothing for ${COMPOSE} within ${FIRST_PUBLISH_MS / 1000} s; ` +
        'every wait is cut to 5 s so the run fails fast.',
    );
    setWaitBudget(5_000);
  }
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
}

function record(runner: Mocha.Runner): Counts {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  runner.on('pass', () => counts.passed++);
  runner.on('pending', () => counts.skipped++);
  runner.on('fail', (test) => {
    counts.failed++;
    counts.failures.push(test.fullTitle());
  });
  return counts;
}

/** Entry point called by the extension host (`--extensionTestsPath`). */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: 'spec' });
  mocha.rootHooks({ beforeAll: [warmUp] });
  if (process.env.DSG_EDITOR_GREP) mocha.grep(process.env.DSG_EDITOR_GREP);
  for (const name of ORDER) mocha.addFile(path.join(__dirname, `${name}.test.js`));

  const counts = await new Promise<Counts>((resolve) => {
    // The callback runs when the run ends, long after `tally` is set.
    const runner = mocha.run(() => resolve(tally));
    const tally = record(runner);
  });
  const results = process.env.DSG_EDITOR_RESULTS;
  if (results) fs.writeFileSync(results, JSON.stringify(counts, null, 2));
  if (counts.failed > 0) throw new Error(`${counts.failed} editor integration test(s) failed`);
}
