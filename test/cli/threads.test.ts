import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOnce, cleanup, ROOT, runCli, tempDir, writeTree, type CliResult } from './helpers';
import { SOCKET_COMPOSE } from './scan-fixtures';

/**
 * A scan large enough to start worker threads reports exactly what a scan on one thread does:
 * the same findings, notices, order, counts and exit status, in every format.
 */
describe('cli scan: worker threads (built CLI)', function () {
  this.timeout(120_000);
  let base: string;
  let tree: string;

  before(() => {
    buildOnce();
    base = tempDir('dsg-threads-');
    tree = join(base, 'tree');
    // Every family's fixtures, so that each engine path runs in a worker.
    cpSync(join(ROOT, 'test', 'fixtures'), join(tree, 'fixtures'), { recursive: true });
    writeTree(tree, {
      // Read by content, with variables from the .env beside it.
      'stack/compose.yaml': 'services:\n  a:\n    volumes:\n      - ${SOCK}:/s.sock\n',
      'stack/.env': 'SOCK=/var/run/docker.sock\n',
      // A dev container names a Compose file outside the tree: scanned after the workers.
      '.devcontainer/devcontainer.json': '{ "dockerComposeFile": "../../outside/compose.yaml" }\n',
      'binary/docker-compose.yml': Buffer.alloc(64),
      'broken/compose.yaml': 'services:\n  a: [/var/run/docker.sock\n',
    });
    writeTree(base, { 'outside/compose.yaml': SOCKET_COMPOSE });
    // Enough files that no family reads for the scan to start workers.
    mkdirSync(join(tree, 'notes'));
    for (let i = 0; i < 600; i++) writeFileSync(join(tree, 'notes', `n${i}.txt`), `${i}\n`);
  });

  after(() => cleanup(base));

  function scan(...args: string[]): CliResult {
    return runCli(['scan', 'tree', '--fail-on', 'warning', ...args], { cwd: base });
  }

  it('finds what the comparison needs: findings of every kind, notices, the outside file', () => {
    const report = JSON.parse(scan('--format', 'json', '--threads', '1').stdout) as {
      findings: Array<{ ruleId: string; path: string }>;
      notices: Array<{ path: string }>;
    };
    const rules = new Set(report.findings.map((f) => f.ruleId));
    assert.deepEqual([...rules].sort(), ['DSG001', 'DSG002', 'DSG003', 'DSG004', 'DSG005']);
    const paths = new Set(report.findings.map((f) => f.path));
    assert.ok(paths.has('outside/compose.yaml'));
    assert.ok(paths.has('tree/stack/compose.yaml'));
    const noticed = report.notices.map((n) => n.path);
    assert.ok(noticed.includes('tree/binary/docker-compose.yml'));
    assert.ok(noticed.includes('tree/broken/compose.yaml'));
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`reports the same with 2 and 3 threads as with one (${format})`, () => {
      const one = scan('--format', format, '--threads', '1', '--explain');
      assert.equal(one.status, 1);
      for (const threads of ['2', '3']) {
        const many = scan('--format', format, '--threads', threads, '--explain');
        assert.equal(many.stdout, one.stdout);
        assert.equal(many.stderr, one.stderr);
        assert.equal(many.status, one.status);
      }
    });
  }

  it('rejects a --threads that is not a positive whole number', () => {
    const result = scan('--threads', '0');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--threads takes a positive whole number \(got "0"\)/);
  });
});
