import { strict as assert } from 'node:assert';
import { fileUri, TestClient } from './client';

const COMPOSE =
  'services:\n  a:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';

/** Pseudo-random bytes of every value, read as Latin-1: control characters, NULs and all. */
function binaryJunk(length: number): string {
  const bytes = Buffer.alloc(length);
  let state = 7;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    bytes[i] = state % 256;
  }
  return bytes.toString('latin1');
}

/** A large Compose-looking file broken everywhere: open flows, bad indentation, tabs, anchors. */
function hugeBrokenYaml(): string {
  const block = [
    'services:',
    '  svc-{n}: [',
    '\t  volumes: {{',
    '      - /var/run/docker.sock:/var/run/docker.sock: *missing',
    '    ports: - - 2375',
    '  "unterminated: &a',
  ].join('\n');
  const parts: string[] = [];
  for (let n = 0; n < 2000; n++) parts.push(block.replace('{n}', String(n)));
  return parts.join('\n');
}

describe('server: files the engine cannot make sense of', function () {
  let client: TestClient;

  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('answers binary junk named like a Compose file, then serves the next file', async () => {
    const junk = fileUri('/work/robust/compose.yaml');
    const published = await client.open(junk, 'dockercompose', binaryJunk(64 * 1024));
    assert.equal(published.version, 1);
    assert.equal(await client.hover(junk, 0, 0), null);

    const next = fileUri('/work/robust/next/compose.yaml');
    const ok = await client.open(next, 'dockercompose', COMPOSE);
    assert.deepEqual(
      ok.diagnostics.map((d) => d.code),
      ['DSG001'],
    );
  });

  it('answers a huge broken YAML file, then the next request', async () => {
    const huge = fileUri('/work/robust/huge/compose.yaml');
    const text = hugeBrokenYaml();
    assert.ok(text.length > 250_000);
    const published = await client.open(huge, 'dockercompose', text);
    assert.equal(published.version, 1);
    assert.ok(published.diagnostics.every((d) => d.source === 'docker-socket-guard'));

    assert.equal(await client.hover(huge, 0, 0), null);
    assert.equal(client.process.exitCode, null);
  });

  it('answers a Dockerfile, a script and a manifest made of junk', async () => {
    const cases: Array<[string, string]> = [
      ['/work/robust/Dockerfile', 'dockerfile'],
      ['/work/robust/run.sh', 'shellscript'],
      ['/work/robust/k8s/deploy.yaml', 'yaml'],
      ['/work/robust/.devcontainer/devcontainer.json', 'jsonc'],
      ['/work/robust/daemon.json', 'json'],
    ];
    for (const [path, languageId] of cases) {
      const uri = fileUri(path);
      const text = `kind: Deployment\napiVersion: v1\n${binaryJunk(4096)}\n`;
      void client.open(uri, languageId, text);
      assert.equal(await client.hover(uri, 0, 0), null, path);
    }
    assert.equal(client.process.exitCode, null);
  });
});
