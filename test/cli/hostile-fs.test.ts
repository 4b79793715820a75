import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { buildOnce, CLI, cleanup, tempDir, writeTree, type CliResult } from './helpers';
import { SOCKET_COMPOSE } from './scan-fixtures';

/**
 * Hostile file systems: special files named like Compose files, link loops, files that are
 * gone by the time they are read, and a tree of 100,000 files. Runs are bounded: a scan that
 * opened a named pipe would wait forever, and must fail the test instead.
 */
function scan(args: readonly string[], cwd: string): CliResult {
  const env = { ...process.env };
  delete env.NO_COLOR;
  const result = spawnSync(process.execPath, [CLI, 'scan', ...args], {
    cwd,
    input: '',
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.signal, null, `the scan was killed (${result.signal}): it blocked`);
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

const FINDING =
  'app/compose.yaml:5:9 error DSG001 Service "hidden" mounts the Docker socket /var/run/docker.sock';

/**
 * Every notice of the hostile tree, in walk order, then the dev container's references. The
 * link to the pipe is the pipe itself, already reported: each real file once.
 */
const NOTICES = [
  // Named without extension, so read by content: reported like any file that would be read.
  'app/.env information skipped: not a regular file (a named pipe)',
  'app/.gitignore information skipped: not a regular file (a named pipe)',
  'binary/docker-compose.yml information skipped: binary file',
  'device/compose.yaml information skipped: not a regular file (a character device)',
  'gone/compose.yaml warning cannot read: no such file',
  'loop/compose.override.yaml warning cannot read: too many levels of symbolic links',
  'loop/compose.yaml warning cannot read: too many levels of symbolic links',
  'null/docker-compose.yaml information skipped: not a regular file (a character device)',
  'pipe/compose.yaml information skipped: not a regular file (a named pipe)',
  'stack information skipped: not a regular file (a folder)',
  'vanished.yaml warning cannot read: no such file',
];

describe('cli scan: hostile file systems (built CLI)', function () {
  this.timeout(120_000);
  let root: string;

  before(() => {
    buildOnce();
    root = tempDir('dsg-hostile-');
    writeTree(root, {
      'app/compose.yaml': SOCKET_COMPOSE,
      // NUL bytes throughout, under a Compose name.
      'binary/docker-compose.yml': Buffer.alloc(4096),
      // Listed by the dev container but a folder, and one that does not exist: read errors.
      '.devcontainer/devcontainer.json':
        '{ "dockerComposeFile": ["../stack", "../vanished.yaml"] }\n',
      'stack/README.md': 'not a Compose file\n',
      'pipe/linked/.keep': '',
    });
    // Pipes: opening one for reading waits for a writer, so none may ever be opened.
    mkfifo(join(root, 'pipe', 'compose.yaml'));
    mkfifo(join(root, 'pipe', 'notes.txt'));
    mkfifo(join(root, 'app', '.env'));
    mkfifo(join(root, 'app', '.gitignore'));
    symlinkSync(join(root, 'pipe', 'compose.yaml'), join(root, 'pipe', 'linked', 'compose.yaml'));
    // Devices behind links: /dev/zero never ends, /dev/null is empty; neither is read.
    mkdirSync(join(root, 'device'));
    symlinkSync('/dev/zero', join(root, 'device', 'compose.yaml'));
    mkdirSync(join(root, 'null'));
    symlinkSync('/dev/null', join(root, 'null', 'docker-compose.yaml'));
    // Loops: two file links pointing at each other, and a folder link back up.
    mkdirSync(join(root, 'loop'));
    symlinkSync('compose.override.yaml', join(root, 'loop', 'compose.yaml'));
    symlinkSync('compose.yaml', join(root, 'loop', 'compose.override.yaml'));
    symlinkSync('..', join(root, 'loop', 'up'));
    // Listed, then gone before it is read: a link whose target does not exist.
    mkdirSync(join(root, 'gone'));
    symlinkSync(join(root, 'gone', 'deleted.yaml'), join(root, 'gone', 'compose.yaml'));
  });

  after(() => cleanup(root));

  it('analyses what it can and reports every file it skips, without opening special files', () => {
    const result = scan([], root);

    assert.equal(
      result.stdout,
      `${FINDING}\n1 finding (1 error, 0 warnings, 0 information) in 2 files\n`,
    );
    assert.equal(result.stderr, NOTICES.map((line) => `${line}\n`).join(''));
    assert.equal(result.status, 1);
  });

  it('reports the skipped files as SARIF notifications', () => {
    const out = join(root, 'out.sarif');
    const result = scan(['-f', 'sarif', '-o', out, '--fail-on', 'none'], root);
    assert.equal(result.status, 0);

    const log = JSON.parse(readFileSync(out, 'utf8'));
    const notifications = log.runs[0].invocations[0].toolExecutionNotifications.map(
      (n: { level: string; message: { text: string }; locations: unknown[] }) => [
        n.level,
        n.message.text,
        JSON.stringify(n.locations),
      ],
    );
    assert.deepEqual(
      notifications.map((n: string[]) => `${n[0]} ${n[1]}`),
      NOTICES.map((line) => {
        const [, severity, message] = /^\S+ (\S+) (.*)$/.exec(line) ?? [];
        return `${severity === 'warning' ? 'warning' : 'note'} ${message}`;
      }),
    );
    assert.ok(notifications.every((n: string[]) => n[2]?.includes('"uri"')));
  });

  it('reports a named pipe or a device named on the command line, without opening it', () => {
    const result = scan(['pipe/compose.yaml', 'pipe/notes.txt', 'device/compose.yaml'], root);

    assert.equal(result.stdout, '0 findings (0 errors, 0 warnings, 0 information) in 0 files\n');
    assert.equal(
      result.stderr,
      'pipe/compose.yaml information skipped: not a regular file (a named pipe)\n' +
        'pipe/notes.txt information skipped: not a regular file (a named pipe)\n' +
        'device/compose.yaml information skipped: not a regular file (a character device)\n',
    );
    assert.equal(result.status, 0);
  });

  it('reports nothing for special files whose names no family reads', () => {
    const result = scan(['pipe'], root);

    assert.equal(
      result.stderr,
      'pipe/compose.yaml information skipped: not a regular file (a named pipe)\n',
    );
  });
});

describe('cli scan: 100,000 files (built CLI)', function () {
  this.timeout(120_000);
  const FOLDERS = 100;
  const PER_FOLDER = 1000;
  let root: string;

  before(() => {
    buildOnce();
    root = tempDir('dsg-many-');
    // Hard links, each folder's names to one file of its own (a file takes at most 65,000
    // links): the walk sees 100,000 regular files, but creating as many inodes takes over a
    // minute on this test machine's disk.
    for (let f = 0; f < FOLDERS; f++) {
      const folder = join(root, `d${f}`);
      // Per folder: one Compose file with a finding, one YAML file read by content, the rest
      // named like nothing any family reads.
      writeTree(folder, { 'compose.yaml': SOCKET_COMPOSE, 'values.yaml': 'replicas: 2\n' });
      writeTree(folder, { 'f2.txt': 'x\n' });
      for (let i = 3; i < PER_FOLDER; i++)
        linkSync(join(folder, 'f2.txt'), join(folder, `f${i}.txt`));
    }
  });

  after(() => cleanup(root));

  it('walks them all and reports the exact findings', () => {
    const result = scan([], root);

    const lines = result.stdout.split('\n').filter((line) => line !== '');
    assert.equal(lines.length, FOLDERS + 1);
    assert.equal(
      lines[lines.length - 1],
      `${FOLDERS} findings (${FOLDERS} errors, 0 warnings, 0 information) in ${FOLDERS} files`,
    );
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
  });
});
