import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { buildOnce, cleanup, runCli, tempDir, writeTree } from './helpers';

describe('cli usage and input errors (exit 2)', function () {
  this.timeout(120_000);
  before(buildOnce);

  const HINT = 'docker-socket-guard: run "docker-socket-guard --help" for usage\n';
  const cases: Array<[string, string[], string]> = [
    ['an unknown option', ['scan', '--frobnicate'], 'unknown option --frobnicate for scan'],
    [
      'an unknown format',
      ['scan', '-f', 'xml'],
      '--format must be one of text, json, sarif, github (got "xml")',
    ],
    ['an unknown rule', ['scan', '--rule', 'DSG999=off'], '--rule: unknown rule DSG999'],
    [
      'a bad severity',
      ['scan', '--rule', 'DSG001=loud'],
      '--rule must be one of off, error, warning, information, hint (got "loud")',
    ],
    [
      'a bad --fail-on',
      ['scan', '--fail-on', 'always'],
      '--fail-on must be one of error, warning, information, hint, none (got "always")',
    ],
    ['an option without its value', ['scan', '--output'], '--output needs a value'],
    [
      'an option of the other command',
      ['inspect', '--exclude', 'x'],
      'unknown option --exclude for inspect',
    ],
    ['no command', [], 'missing command: scan or inspect'],
    ['an unknown command', ['lint'], 'unknown command "lint": expected scan or inspect'],
  ];
  for (const [what, args, message] of cases) {
    it(`rejects ${what}`, () => {
      const result = runCli(args);
      assert.equal(result.stderr, `docker-socket-guard: ${message}\n${HINT}`);
      assert.equal(result.stdout, '');
      assert.equal(result.status, 2);
    });
  }

  it('rejects a path that does not exist', () => {
    const result = runCli(['scan', 'test/fixtures/cli/project', 'no/such/folder']);
    assert.equal(result.stderr, 'docker-socket-guard: cannot scan no/such/folder: no such file\n');
    assert.equal(result.stdout, '');
    assert.equal(result.status, 2);
  });

  it('rejects a --config it cannot read or parse', () => {
    const missing = runCli(['scan', '--config', 'no-such-config.json']);
    assert.equal(
      missing.stderr,
      'docker-socket-guard: cannot read config no-such-config.json: no such file\n',
    );
    assert.equal(missing.status, 2);

    const dir = tempDir();
    try {
      writeTree(dir, { 'bad.json': '{ "rules": ' });
      const broken = runCli(['scan', '--config', 'bad.json', 'x'], { cwd: dir });
      assert.match(broken.stderr, /^docker-socket-guard: config bad\.json is not valid JSON: /);
      assert.equal(broken.status, 2);
    } finally {
      cleanup(dir);
    }
  });

  it('rejects an --output it cannot write', () => {
    const result = runCli([
      'scan',
      'test/fixtures/cli/project/nested',
      '-o',
      'no/such/dir/out.txt',
    ]);
    assert.equal(
      result.stderr,
      'docker-socket-guard: cannot write no/such/dir/out.txt: no such file\n',
    );
    assert.equal(result.status, 2);
  });

  it('prints help and the version with exit 0', () => {
    const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
    assert.deepEqual(runCli(['--version']), { stdout: `${version}\n`, stderr: '', status: 0 });

    const help = runCli(['scan', '--help']);
    assert.match(help.stdout, /^Usage: docker-socket-guard scan \[options\] \[PATH\.\.\.\]\n/);
    assert.equal(help.status, 0);
    assert.match(runCli(['--help']).stdout, /^Usage: docker-socket-guard <command> \[options\]\n/);
    assert.match(runCli(['inspect', '-h']).stdout, /^Usage: docker-socket-guard inspect /);
  });
});
