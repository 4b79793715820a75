import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileUri, ROOT, TestClient } from './client';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'server', 'workspace');
const MOUNT = 'services:\n  x:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';

/**
 * The fixture copied to a temporary folder, plus what must not be committed: files that
 * .gitignore (top-level and nested) ignores, node_modules, a file over 2 MB, a binary file.
 */
function makeWorkspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dsg-scan-'));
  cpSync(FIXTURE, root, { recursive: true });
  const write = (relative: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), content);
  };
  write('build/compose.yaml', MOUNT);
  write('compose.local.yaml', MOUNT);
  write('k8s/.gitignore', 'generated.yaml\n');
  write(
    'k8s/generated.yaml',
    'kind: Pod\napiVersion: v1\nspec:\n  volumes:\n    - hostPath:\n        path: /var/run\n',
  );
  write('node_modules/tool/compose.yaml', MOUNT);
  write('big/compose.yaml', MOUNT + `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
  write('binary/compose.yaml', Buffer.concat([Buffer.from(MOUNT), Buffer.from([0, 1, 2, 0])]));
  return root;
}

const WITH_FINDINGS = [
  '.devcontainer/devcontainer.json',
  'compose.yaml',
  'host/daemon.json',
  'k8s/pod.yaml',
  'scripts/deploy.sh',
];

const CANDIDATES = [
  '.devcontainer/devcontainer.json',
  'big/compose.yaml',
  'binary/compose.yaml',
  'clean/compose.yaml',
  'compose.yaml',
  'host/daemon.json',
  'k8s/pod.yaml',
  'notes/plain.yaml',
  'scripts/deploy.sh',
];

describe('server: workspace scan', function () {
  let root: string;
  let folder: string;
  let client: TestClient;

  beforeEach(async () => {
    root = makeWorkspace();
    folder = fileUri(root);
    client = await TestClient.start({
      workspaceFolders: [{ uri: folder, name: 'workspace' }],
      settings: { exclude: ['examples/**'] },
      filesExclude: { '**/legacy': true, '**/.hidden': false },
    });
  });
  afterEach(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes the files with findings and answers a summary', async () => {
    const summary = await client.scanWorkspace();
    assert.deepEqual(summary, { files: 6, findings: 5 });

    const published = client.published.map((p) => [
      p.uri.slice(folder.length + 1),
      p.diagnostics.map((d) => d.code),
    ]);
    assert.deepEqual(
      published.sort(),
      WITH_FINDINGS.map((file) => [file, file === 'host/daemon.json' ? ['DSG003'] : ['DSG001']]),
    );
    assert.ok(client.published.every((p) => p.version === undefined));
    assert.ok(
      client.configurationItems.some(
        (item) => item.section === 'files' && item.scopeUri === folder,
      ),
    );
  });

  it('reports progress through a token it created', async () => {
    await client.scanWorkspace();
    assert.equal(client.progressTokens.length, 1);
    const token = client.progressTokens[0];
    assert.ok(client.progress.every((p) => p.token === token));

    const values = client.progress.map((p) => p.value);
    assert.deepEqual(values[0], {
      kind: 'begin',
      title: 'Docker Socket Guard: scanning the workspace',
      cancellable: true,
      message: 'Listing files',
      percentage: 0,
    });
    const reports = values.filter((v) => v.kind === 'report');
    assert.deepEqual(
      reports.map((v) => v.message),
      CANDIDATES,
    );
    assert.deepEqual(
      reports.map((v) => v.percentage),
      [11, 22, 33, 44, 55, 66, 77, 88, 100],
    );
    assert.deepEqual(values[values.length - 1], { kind: 'end' });
  });

  it('logs the file over 2 MB', async () => {
    await client.scanWorkspace();
    const big = path.join(root, 'big', 'compose.yaml');
    assert.ok(
      client.logs.some(
        (log) =>
          log.type === 3 &&
          log.message.startsWith(`Skipped ${big}: `) &&
          log.message.endsWith(' bytes, over the 2 MB limit'),
      ),
      client.logs.map((log) => log.message).join('\n'),
    );
  });

  it('runs as the workspace/executeCommand command too', async () => {
    assert.deepEqual(await client.executeCommand('dockerSocketGuard.scanWorkspace'), {
      files: 6,
      findings: 5,
    });
  });

  it('takes an open document from the editor, not from disk', async () => {
    const uri = `${folder}/compose.yaml`;
    await client.open(uri, 'dockercompose', 'services:\n  agent:\n    image: example/ci-agent:3\n');
    assert.deepEqual(await client.scanWorkspace(), { files: 6, findings: 4 });
    assert.deepEqual(
      client.published.filter((p) => p.uri === uri).map((p) => [p.version, p.diagnostics]),
      [
        [1, []],
        [1, []],
      ],
    );
  });
});

describe('server: workspace scan without progress support', function () {
  it('scans without creating a progress token', async () => {
    const root = makeWorkspace();
    const client = await TestClient.start({
      workDoneProgress: false,
      workspaceFolders: [{ uri: fileUri(root), name: 'workspace' }],
    });
    try {
      assert.deepEqual(await client.scanWorkspace(), { files: 8, findings: 7 });
      assert.deepEqual([client.progressTokens, client.progress], [[], []]);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
