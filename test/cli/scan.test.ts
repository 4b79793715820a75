import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { buildOnce, CLI, cleanup, copyFixture, lines, runCli, tempDir, writeTree } from './helpers';
import { FINDINGS, SOCKET_COMPOSE } from './scan-fixtures';

describe('cli scan (built CLI)', function () {
  this.timeout(120_000);
  let root: string;
  let outside: string;

  before(() => {
    buildOnce();
    root = copyFixture('project');
    outside = tempDir('dsg-outside-');
    writeTree(outside, { 'compose.yaml': SOCKET_COMPOSE });
    writeTree(root, {
      '.gitignore': 'build-output/\n',
      'build-output/compose.yaml': SOCKET_COMPOSE,
      'nested/.gitignore': 'compose.local.yaml\n',
      'nested/compose.local.yaml': SOCKET_COMPOSE,
      'node_modules/some-package/compose.yaml': SOCKET_COMPOSE,
      // A binary file with a Compose name: a NUL byte early on.
      'docker-compose.yml': Buffer.from([0x73, 0x65, 0x72, 0x00, 0x01, 0x02, 0x0a]),
    });
    // The symbolic links: a loop back to the root, one to its own folder, two out of the tree,
    // and a dangling one named like a Compose file (the unreadable file: tests run as root here,
    // where chmod 000 does not stop reading).
    symlinkSync('..', join(root, 'k8s', 'up'));
    symlinkSync('.', join(root, 'nested', 'self'));
    symlinkSync(outside, join(root, 'outside'));
    symlinkSync(join(outside, 'compose.yaml'), join(root, 'outside-compose.yaml'));
    symlinkSync(join(root, 'missing-target.yaml'), join(root, 'broken-compose.yaml'));
  });

  after(() => {
    cleanup(root);
    cleanup(outside);
  });

  it('prints one line per finding and a summary, notices on stderr, exit 1', () => {
    const result = runCli(['scan'], { cwd: root });

    assert.equal(
      result.stdout,
      [...FINDINGS, '6 findings (5 errors, 1 warning, 0 information) in 5 files', ''].join('\n'),
    );
    assert.equal(
      result.stderr,
      'broken-compose.yaml warning cannot read: no such file\n' +
        'docker-compose.yml information skipped: binary file\n',
    );
    assert.equal(result.status, 1);
  });

  it('scans the paths given, relative to the current folder, with forward slashes', () => {
    const result = runCli(['scan', 'nested', 'k8s/agent.yaml'], { cwd: root });

    assert.deepEqual(lines(result.stdout), [
      FINDINGS[4],
      FINDINGS[3],
      '2 findings (2 errors, 0 warnings, 0 information) in 2 files',
    ]);
    assert.equal(result.stderr, '');
  });

  it('prints paths relative to the current folder when it is not the scanned one', () => {
    const result = runCli(['scan', join(root, 'nested')], { cwd: join(root, 'k8s') });

    assert.equal(lines(result.stdout)[0], `../${FINDINGS[4]}`);
  });

  it('prints paths relative to the current folder when it is inside the scanned one', () => {
    const result = runCli(['scan', '..'], { cwd: join(root, 'nested') });

    const paths = lines(result.stdout).map((line) => line.split(':')[0]);
    assert.deepEqual(paths.slice(0, -1), [
      '../compose.yaml',
      '../compose.yaml',
      '../env/compose.yaml',
      '../k8s/agent.yaml',
      'compose.yaml',
      '../vendor/compose.yaml',
    ]);
  });

  it('reads a file named on the command line even when ignored or excluded', () => {
    const result = runCli(
      ['scan', 'build-output/compose.yaml', 'vendor/compose.yaml', '-x', 'vendor/**'],
      {
        cwd: root,
      },
    );

    assert.deepEqual(lines(result.stdout), [
      'build-output/compose.yaml:5:9 error DSG001 Service "hidden" mounts the Docker socket ' +
        '/var/run/docker.sock',
      FINDINGS[5],
      '2 findings (2 errors, 0 warnings, 0 information) in 2 files',
    ]);
  });

  it('skips a file named on the command line that no family reads', () => {
    const result = runCli(['scan', 'notes.yaml', 'README.md'], { cwd: root });

    assert.equal(result.stdout, '0 findings (0 errors, 0 warnings, 0 information) in 0 files\n');
    assert.equal(result.status, 0);
  });

  it('reports a binary file named on the command line', () => {
    const result = runCli(['scan', 'docker-compose.yml'], { cwd: root });

    assert.equal(result.stderr, 'docker-compose.yml information skipped: binary file\n');
    assert.equal(result.status, 0);
  });

  it('excludes globs relative to the scanned folder, folders and names alike', () => {
    const byPath = runCli(['scan', '--exclude', './vendor/**', '--exclude=k8s'], { cwd: root });
    assert.deepEqual(lines(byPath.stdout), [
      FINDINGS[0],
      FINDINGS[1],
      FINDINGS[2],
      FINDINGS[4],
      '4 findings (3 errors, 1 warning, 0 information) in 3 files',
    ]);

    const byName = runCli(['scan', '-x', '*.yaml'], { cwd: root });
    assert.equal(byName.stdout, '0 findings (0 errors, 0 warnings, 0 information) in 0 files\n');

    const relativeToRoot = runCli(['scan', 'nested', '-x', 'compose.yaml'], { cwd: root });
    assert.equal(
      relativeToRoot.stdout,
      '0 findings (0 errors, 0 warnings, 0 information) in 0 files\n',
    );
  });

  it('takes variables from the .env beside a Compose file', () => {
    const dir = copyFixture('project');
    try {
      rmSync(join(dir, 'env', '.env'));
      const result = runCli(['scan', 'env'], { cwd: dir });
      assert.equal(result.stdout, '0 findings (0 errors, 0 warnings, 0 information) in 1 file\n');
    } finally {
      cleanup(dir);
    }
  });

  it('writes the report to --output and nothing to stdout', () => {
    const out = join(root, 'report.txt');
    const result = runCli(['scan', 'nested', '--output', out], { cwd: root });

    assert.equal(result.stdout, '');
    assert.equal(
      readFileSync(out, 'utf8'),
      `${FINDINGS[4]}\n1 finding (1 error, 0 warnings, 0 information) in 1 file\n`,
    );
    assert.equal(result.status, 1);
    rmSync(out);
  });

  it('adds the threat model under each finding with --explain', () => {
    const result = runCli(['scan', 'nested', '--explain'], { cwd: root });
    const out = result.stdout.split('\n');

    assert.equal(out[0], FINDINGS[4]);
    assert.equal(out[1], '    DSG003 · Docker daemon API over TCP without TLS');
    assert.ok(out.slice(1).every((line) => line.length <= 100));
    const reference = out.indexOf('    DSG003 rule reference:');
    assert.equal(
      out[reference + 1],
      '    https://github.com/docker-socket-guard/docker-socket-guard/blob/main/docs/rules/' +
        'DSG003.md',
    );
    assert.equal(out[out.length - 2], '1 finding (1 error, 0 warnings, 0 information) in 1 file');
  });

  it('reports a file the engine cannot parse on stderr and goes on', () => {
    const dir = tempDir();
    try {
      writeTree(dir, {
        'compose.yaml': 'services:\n  a:\n    volumes: [\n      - /var/run/docker.sock:/x\n',
      });
      const result = runCli(['scan'], { cwd: dir });

      assert.match(result.stderr, /^compose\.yaml:4:7 (information|warning) \S.*\n$/);
      assert.equal(result.stdout, '0 findings (0 errors, 0 warnings, 0 information) in 1 file\n');
      assert.equal(result.status, 0);
    } finally {
      cleanup(dir);
    }
  });

  it('colours a terminal unless NO_COLOR is set, and nothing else', function () {
    assert.ok(!runCli(['scan', 'nested'], { cwd: root }).stdout.includes('\x1b['));

    const script = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).stdout.trim();
    if (script === '') this.skip();
    // `script` runs the CLI on a terminal.
    const onTerminal = (env: NodeJS.ProcessEnv) =>
      spawnSync(script, ['-qec', `"${process.execPath}" "${CLI}" scan nested`, '/dev/null'], {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, SHELL: '/bin/sh', ...env },
      }).stdout;
    assert.ok(onTerminal({}).startsWith('nested/compose.yaml:5:20 \x1b[31merror\x1b[0m '));
    assert.ok(onTerminal({ NO_COLOR: '1' }).startsWith(`${FINDINGS[4]}\r\n`));
  });

  it('reports a file it cannot read by permissions and goes on (skipped as root)', function () {
    if (process.getuid?.() === 0) this.skip();
    const dir = tempDir();
    try {
      writeTree(dir, { 'compose.yaml': SOCKET_COMPOSE, 'b/compose.yaml': SOCKET_COMPOSE });
      chmodSync(join(dir, 'compose.yaml'), 0o000);
      const result = runCli(['scan'], { cwd: dir });
      assert.equal(result.stderr, 'compose.yaml warning cannot read: permission denied\n');
      assert.equal(lines(result.stdout).length, 2);
    } finally {
      cleanup(dir);
    }
  });
});

describe('cli scan: dev containers', function () {
  this.timeout(120_000);
  let root: string;

  before(() => {
    buildOnce();
    root = copyFixture('devcontainer');
  });
  after(() => cleanup(root));

  const DEV =
    'stacks/dev.yml:6:9 error DSG001 Service "workspace" mounts the Docker socket ' +
    '/var/run/docker.sock';

  it('analyses the Compose file a devcontainer.json names, even outside the folder', () => {
    const result = runCli(['scan', 'app'], { cwd: root });

    assert.equal(
      result.stdout,
      `${DEV}\n1 finding (1 error, 0 warnings, 0 information) in 2 files\n`,
    );
  });

  it('analyses it once when the walk finds it too', () => {
    const result = runCli(['scan'], { cwd: root });

    assert.equal(
      result.stdout,
      `${DEV}\n1 finding (1 error, 0 warnings, 0 information) in 2 files\n`,
    );
  });

  it('does not follow the reference from a devcontainer.json named on the command line', () => {
    const result = runCli(['scan', 'app/.devcontainer/devcontainer.json'], { cwd: root });

    assert.equal(result.stdout, '0 findings (0 errors, 0 warnings, 0 information) in 1 file\n');
  });
});
