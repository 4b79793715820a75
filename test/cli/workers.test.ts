import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { FileScanner, type FileResult, type ScanFileOptions } from '../../cli/scan-file';
import { discover, FileSet, walkSteps } from '../../cli/walk';
import { scanWhileWalking, THREADED_FROM_FILES, type ThreadPlan } from '../../cli/workers';
import { defaultSettings } from '../../shared/settings';
import { buildOnce, cleanup, CLI, tempDir, writeTree } from './helpers';
import { SOCKET_COMPOSE } from './scan-fixtures';

const OPTIONS: ScanFileOptions = { settings: defaultSettings(), explain: false, sarifFixes: false };

/** What the files give on the main thread alone: by index, the results that say something. */
function onOneThread(root: string): { examined: number; results: Map<number, FileResult> } {
  const scanner = new FileScanner(OPTIONS);
  const results = new Map<number, FileResult>();
  let examined = 0;
  discover([root], { cwd: root, exclude: [] }).files.forEach((candidate, i) => {
    const result = scanner.scan(candidate);
    if (result.examined) examined++;
    if (result.findings.length > 0 || result.notices.length > 0) results.set(i, result);
  });
  return { examined, results };
}

async function onThreads(root: string, plan: ThreadPlan) {
  const set = new FileSet(root);
  const walk = walkSteps([root], { cwd: root, exclude: [] }, set);
  return { set, scan: await scanWhileWalking(set, walk, OPTIONS, plan, () => undefined) };
}

/**
 * Worker threads that fail, at start or on their first batch, hand their work back: the scan's
 * outcome is the same as on one thread.
 */
describe('cli scan worker threads', function () {
  this.timeout(60_000);
  let root: string;
  let expected: ReturnType<typeof onOneThread>;

  before(() => {
    buildOnce();
    root = tempDir('dsg-workers-');
    const files: Record<string, string> = {};
    for (let i = 0; i < THREADED_FROM_FILES + 100; i++) {
      files[`d${i % 40}/f${i}.yaml`] = i % 50 === 0 ? SOCKET_COMPOSE : 'replicas: 2\n';
    }
    files['bad/compose.yaml'] = 'services:\n  a: [/var/run/docker.sock\n';
    files['scripts/broken.js'] = 'throw new Error("cannot start");\n';
    files['scripts/exits.js'] =
      'require("node:worker_threads").parentPort.on("message", () => process.exit(3));\n';
    writeTree(root, files);
    expected = onOneThread(root);
  });

  after(() => cleanup(root));

  it('finds something to compare with: findings and a notice', () => {
    const all = [...expected.results.values()];
    assert.equal(expected.examined, 13);
    assert.equal(all.filter((r) => r.findings.length === 1).length, 12);
    assert.equal(all.filter((r) => r.notices.length === 1).length, 1);
  });

  const plans: Array<[string, (root: string) => ThreadPlan]> = [
    ['workers of the built CLI', () => ({ script: CLI, workers: 2 })],
    ['workers whose script throws', (r) => ({ script: join(r, 'scripts/broken.js'), workers: 2 })],
    [
      'workers that exit on their first batch',
      (r) => ({ script: join(r, 'scripts/exits.js'), workers: 2 }),
    ],
    ['a script that does not exist', (r) => ({ script: join(r, 'missing.js'), workers: 1 })],
  ];
  for (const [name, plan] of plans) {
    it(`gives the results of one thread with ${name}`, async () => {
      const { set, scan } = await onThreads(root, plan(root));
      assert.ok(scan, 'the walk found enough files for workers');
      assert.equal(scan.files, set.files.length);
      assert.equal(scan.examined, expected.examined);
      assert.deepEqual(scan.results, expected.results);
    });
  }

  it('leaves a walk of fewer files to the main thread', async () => {
    const small = tempDir('dsg-workers-small-');
    writeTree(small, { 'compose.yaml': SOCKET_COMPOSE });
    const { scan } = await onThreads(small, { script: CLI, workers: 2 });
    cleanup(small);
    assert.equal(scan, undefined);
  });
});
