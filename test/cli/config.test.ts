import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOnce, cleanup, copyFixture, lines, runCli, tempDir, writeTree } from './helpers';
import { FINDINGS, SOCKET_COMPOSE } from './scan-fixtures';

describe('cli scan: severities, --fail-on, --rule and --config', function () {
  this.timeout(120_000);
  let root: string;

  before(() => {
    buildOnce();
    root = copyFixture('project');
  });
  after(() => cleanup(root));

  const run = (...args: string[]) => runCli(['scan', 'compose.yaml', ...args], { cwd: root });

  it('fails on errors by default and on nothing with --fail-on none', () => {
    assert.equal(run().status, 1);
    assert.equal(run('--fail-on', 'none').status, 0);
  });

  it('fails at the threshold given', () => {
    const warningsOnly = ['--rule', 'DSG001=off'];
    assert.equal(run(...warningsOnly).status, 0);
    assert.equal(run(...warningsOnly, '--fail-on', 'warning').status, 1);
    assert.equal(run(...warningsOnly, '--fail-on', 'error').status, 0);
  });

  it('sets severities with --rule, hints counted in the summary', () => {
    const result = run('--rule', 'DSG001=off', '--rule=DSG005=hint', '--fail-on', 'information');

    assert.equal(
      result.stdout,
      (FINDINGS[1] ?? '').replace('warning', 'hint') +
        '\n1 finding (0 errors, 0 warnings, 0 information, 1 hint) in 1 file\n',
    );
    assert.equal(result.status, 0);
    assert.equal(run('--rule', 'DSG001=off', '--rule=DSG005=hint', '--fail-on', 'hint').status, 1);
  });

  it('reads --config: rules, exclude, extra sockets and trusted images', () => {
    const dir = tempDir();
    try {
      writeTree(dir, {
        'compose.yaml':
          'services:\n  agent:\n    image: registry.example.com/ops/agent:1\n    volumes:\n' +
          '      - /srv/agent/api.sock:/api.sock\n  proxy:\n    image: example/api-proxy:2\n' +
          '    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
        'skipped/compose.yaml': SOCKET_COMPOSE,
        'settings/dsg.json': JSON.stringify({
          rules: { DSG005: 'off' },
          extraSocketPaths: ['/srv/agent/api.sock'],
          trustedImages: ['example/api-proxy'],
          exclude: ['skipped/**'],
        }),
      });
      const result = runCli(['scan', '--config', 'settings/dsg.json'], { cwd: dir });

      assert.equal(
        result.stdout,
        'compose.yaml:5:9 error DSG001 Service "agent" mounts the container engine socket ' +
          '/srv/agent/api.sock\n' +
          'compose.yaml:9:9 information DSG001 Service "proxy" mounts the Docker socket ' +
          '/var/run/docker.sock\n' +
          '2 findings (1 error, 0 warnings, 1 information) in 1 file\n',
      );
    } finally {
      cleanup(dir);
    }
  });

  it('finds .docker-socket-guard.json, else package.json "dockerSocketGuard"', () => {
    const dir = tempDir();
    try {
      writeTree(dir, {
        'compose.yaml': readFileSync(join(root, 'compose.yaml'), 'utf8'),
        'package.json': JSON.stringify({
          name: 'x',
          dockerSocketGuard: { rules: { DSG001: 'off' } },
        }),
      });
      const fromPackage = runCli(['scan'], { cwd: dir });
      assert.deepEqual(lines(fromPackage.stdout), [
        FINDINGS[1],
        '1 finding (0 errors, 1 warning, 0 information) in 1 file',
      ]);

      writeFileSync(join(dir, '.docker-socket-guard.json'), '{ "rules": { "DSG005": "off" } }');
      const fromOwnFile = runCli(['scan'], { cwd: dir });
      assert.deepEqual(lines(fromOwnFile.stdout), [
        FINDINGS[0],
        '1 finding (1 error, 0 warnings, 0 information) in 1 file',
      ]);
    } finally {
      cleanup(dir);
    }
  });

  it('warns about settings it ignores and goes on', () => {
    const dir = tempDir();
    try {
      writeTree(dir, {
        'c.json': '{ "rules": { "DSG009": "off", "DSG001": "loud" }, "exclude": "x" }',
      });
      const result = runCli(['scan', join(root, 'nested'), '--config', 'c.json'], { cwd: dir });

      assert.equal(
        result.stderr,
        'docker-socket-guard: ignored setting: c.json: rules.DSG009: unknown rule DSG009\n' +
          'docker-socket-guard: ignored setting: c.json: rules.DSG001: severity must be one of ' +
          'error, warning, information, hint, off\n' +
          'docker-socket-guard: ignored setting: c.json: exclude: exclude must be a list of ' +
          'strings\n',
      );
      assert.equal(result.status, 1);
    } finally {
      cleanup(dir);
    }
  });
});
