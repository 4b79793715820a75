import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileUri, TestClient } from './client';

/**
 * The workspace scan on hostile file systems: special files named like Compose files, link
 * loops, files gone by the time they are read, 100,000 files. Every file the scan lists but
 * does not analyse gets a log line with the reason, and the closing log line counts them (the
 * summary answered to the client has files and findings only). A scan that opened a named
 * pipe would never answer: the test times out instead.
 */
const MOUNT = 'services:\n  x:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';

function write(root: string, relative: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), content);
}

function link(target: string, root: string, relative: string): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  symlinkSync(target, path.join(root, relative));
}

function hostileWorkspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dsg-hostile-'));
  write(root, 'app/compose.yaml', MOUNT);
  write(root, 'binary/docker-compose.yml', Buffer.alloc(4096));
  // A file named like no family, binary: not read as anything, so not reported either.
  write(root, 'tools/run', Buffer.alloc(64));
  mkdirSync(path.join(root, 'pipe'));
  execFileSync('mkfifo', [path.join(root, 'pipe', 'compose.yaml')]);
  execFileSync('mkfifo', [path.join(root, 'pipe', 'notes.txt')]);
  execFileSync('mkfifo', [path.join(root, 'app', '.gitignore')]);
  link('/dev/zero', root, 'device/compose.yaml');
  link('/dev/null', root, 'null/docker-compose.yaml');
  link('compose.override.yaml', root, 'loop/compose.yaml');
  link('compose.yaml', root, 'loop/compose.override.yaml');
  link('..', root, 'loop/up');
  link(path.join(root, 'gone', 'deleted.yaml'), root, 'gone/compose.yaml');
  // A link to a regular file is read like the file.
  link('../app/compose.yaml', root, 'linked/compose.yaml');
  return root;
}

/** The first line of each log message (errors carry their stack), skipped-file lines only. */
function skipLines(client: TestClient): string[] {
  return client.logs
    .map((log) => `${log.type} ${log.message.split('\n')[0]}`)
    .filter((line) => / (Skipped|Could not read|Workspace scan)/.test(line));
}

describe('server: workspace scan of a hostile file system', function () {
  let root: string;
  let client: TestClient;

  before(async () => {
    root = hostileWorkspace();
    client = await TestClient.start({ workspaceFolders: [{ uri: fileUri(root), name: 'w' }] });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('analyses what it can, logs every file it skips, and never opens special files', async () => {
    assert.deepEqual(await client.scanWorkspace(), { files: 2, findings: 2 });

    const at = (relative: string) => path.join(root, relative);
    const loopError = 'Error: ELOOP: too many symbolic links encountered, stat';
    assert.deepEqual(skipLines(client), [
      `3 Skipped ${at('binary/docker-compose.yml')}: binary file`,
      `3 Skipped ${at('device/compose.yaml')}: not a regular file (a character device)`,
      `2 Could not read ${at('gone/compose.yaml')}: Error: ENOENT: no such file or directory, ` +
        `stat '${at('gone/compose.yaml')}'`,
      `2 Could not read ${at('loop/compose.override.yaml')}: ${loopError} ` +
        `'${at('loop/compose.override.yaml')}'`,
      `2 Could not read ${at('loop/compose.yaml')}: ${loopError} '${at('loop/compose.yaml')}'`,
      `3 Skipped ${at('null/docker-compose.yaml')}: not a regular file (a character device)`,
      `3 Skipped ${at('pipe/compose.yaml')}: not a regular file (a named pipe)`,
      '3 Workspace scan: 2 findings in 2 files, 7 files skipped',
    ]);
    assert.deepEqual(client.published.map((p) => p.uri.slice(fileUri(root).length + 1)).sort(), [
      'app/compose.yaml',
      'linked/compose.yaml',
    ]);
  });
});

describe('server: workspace scan of 100,000 files', function () {
  this.timeout(60_000);
  const FOLDERS = 100;
  const PER_FOLDER = 1000;
  let root: string;
  let client: TestClient;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dsg-many-'));
    // Hard links, each folder's names to one file of its own (a file takes at most 65,000
    // links): the scan sees 100,000 regular files, but creating as many inodes takes over a
    // minute on this test machine's disk.
    for (let f = 0; f < FOLDERS; f++) {
      // Per folder: one Compose file with a finding, one YAML file read by content, the rest
      // named like nothing any family reads.
      write(root, `d${f}/compose.yaml`, MOUNT);
      write(root, `d${f}/values.yaml`, 'replicas: 2\n');
      write(root, `d${f}/f2.txt`, 'x\n');
      const first = path.join(root, `d${f}`, 'f2.txt');
      for (let i = 3; i < PER_FOLDER; i++) linkSync(first, path.join(root, `d${f}`, `f${i}.txt`));
    }
    client = await TestClient.start({ workspaceFolders: [{ uri: fileUri(root), name: 'w' }] });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists them all and answers the exact counts', async () => {
    assert.deepEqual(await client.scanWorkspace(), { files: FOLDERS, findings: FOLDERS });
    assert.equal(client.published.length, FOLDERS);
    assert.deepEqual(skipLines(client), [
      `3 Workspace scan: ${FOLDERS} findings in ${FOLDERS} files, 0 files skipped`,
    ]);
  });
});
