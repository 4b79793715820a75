import { strict as assert } from 'node:assert';
import { fileUri, TestClient } from './client';

const COMPOSE = [
  'services:',
  '  agent:',
  '    image: example/ci-agent:3',
  '    volumes:',
  '      - /var/run/docker.sock:/var/run/docker.sock',
  '  docker:',
  '    image: docker:dind',
  '    privileged: true',
  '',
].join('\n');

const FOLDER = fileUri('/work/settings-project');

function codesAndSeverities(diagnostics: Array<{ code?: unknown; severity?: number }>) {
  return diagnostics.map((d) => [d.code, d.severity]);
}

describe('server: settings through workspace/configuration', function () {
  let client: TestClient;

  before(async () => {
    client = await TestClient.start({
      configuration: true,
      workspaceFolders: [{ uri: FOLDER, name: 'settings-project' }],
      settings: { rules: { DSG005: 'hint' }, exclude: ['legacy/**'] },
    });
  });
  after(() => client.stop());

  it('asks for the section per document and applies its severities', async () => {
    const uri = `${FOLDER}/compose.yaml`;
    const published = await client.open(uri, 'dockercompose', COMPOSE);
    assert.deepEqual(codesAndSeverities(published.diagnostics), [
      ['DSG001', 1],
      ['DSG005', 4],
    ]);
    assert.deepEqual(
      client.configurationItems.filter((item) => item.scopeUri === uri),
      [{ scopeUri: uri, section: 'dockerSocketGuard' }],
    );
  });

  it('gives no diagnostics to an excluded file', async () => {
    const excluded = `${FOLDER}/legacy/old/compose.yaml`;
    const marker = `${FOLDER}/marker/compose.yaml`;
    void client.open(excluded, 'dockercompose', COMPOSE);
    await client.open(marker, 'dockercompose', COMPOSE);
    assert.deepEqual(
      client.published.filter((p) => p.uri === excluded),
      [],
    );
  });

  it('re-reads settings on didChangeConfiguration and re-validates open files', async () => {
    const uri = `${FOLDER}/compose.yaml`;
    const excluded = `${FOLDER}/legacy/old/compose.yaml`;
    const next = client.nextDiagnostics(uri);
    const nowIncluded = client.nextDiagnostics(excluded);
    await client.changeSettings({ rules: { DSG001: 'warning', DSG005: 'off' } });

    assert.deepEqual(codesAndSeverities((await next).diagnostics), [['DSG001', 2]]);
    assert.deepEqual(codesAndSeverities((await nowIncluded).diagnostics), [['DSG001', 2]]);
  });

  it('publishes nothing but clears everything when disabled', async () => {
    const uri = `${FOLDER}/compose.yaml`;
    const next = client.nextDiagnostics(uri);
    await client.changeSettings({ enable: false });
    assert.deepEqual((await next).diagnostics, []);
  });

  it('logs settings it cannot use and keeps their defaults', async () => {
    const uri = `${FOLDER}/compose.yaml`;
    const next = client.nextDiagnostics(uri);
    await client.changeSettings({ rules: { DSG001: 'loud', DSG042: 'error' } });
    assert.deepEqual(codesAndSeverities((await next).diagnostics), [
      ['DSG001', 1],
      ['DSG005', 2],
    ]);
    const warnings = client.logs.filter((log) => log.type === 2).map((log) => log.message);
    assert.ok(
      warnings.includes(
        `Settings (${uri}): dockerSocketGuard.rules.DSG001: severity must be one of ` +
          'error, warning, information, hint, off; using the default',
      ),
      warnings.join('\n'),
    );
    assert.ok(
      warnings.includes(
        `Settings (${uri}): dockerSocketGuard.rules.DSG042: unknown rule DSG042; using the default`,
      ),
    );
  });
});

describe('server: settings without workspace/configuration', function () {
  let client: TestClient;

  before(async () => {
    client = await TestClient.start({
      configuration: false,
      settings: { rules: { DSG001: 'information' } },
    });
  });
  after(() => client.stop());

  it('takes them from initializationOptions, then from didChangeConfiguration', async () => {
    const uri = fileUri('/work/push/compose.yaml');
    const opened = await client.open(uri, 'dockercompose', COMPOSE);
    assert.deepEqual(codesAndSeverities(opened.diagnostics), [
      ['DSG001', 3],
      ['DSG005', 2],
    ]);

    const next = client.nextDiagnostics(uri);
    await client.changeSettings({ rules: { DSG001: 'off', DSG005: 'error' } });
    assert.deepEqual(codesAndSeverities((await next).diagnostics), [['DSG005', 1]]);
    assert.deepEqual(client.configurationItems, []);
  });

  it('reports a consumer listed in trustedImages as information', async () => {
    const uri = fileUri('/work/push/proxy/compose.yaml');
    const proxy = [
      'services:',
      '  proxy:',
      '    image: internal/socket-filter:2',
      '    volumes:',
      '      - /var/run/docker.sock:/var/run/docker.sock:ro',
      '',
    ].join('\n');
    await client.changeSettings({ trustedImages: ['internal/socket-filter'] });
    const opened = await client.open(uri, 'dockercompose', proxy);
    assert.deepEqual(codesAndSeverities(opened.diagnostics), [['DSG001', 3]]);
  });
});
