import { strict as assert } from 'node:assert';
import { ruleDocUrl } from '../../shared/model/rules';
import { fileUri, TestClient } from './client';

const HEAD = 'services:\n  agent:\n    image: example/ci-agent:3\n    volumes:\n';
const MOUNT = '      - /var/run/docker.sock:/var/run/docker.sock\n';

describe('server: inline suppression', function () {
  let client: TestClient;

  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it('drops a finding suppressed with a reason', async () => {
    const uri = fileUri('/work/suppress/compose.yaml');
    const comment = '      # docker-socket-guard-ignore DSG001: the agent launches build jobs\n';
    const text = `${HEAD}${comment}${MOUNT}`;
    const published = await client.open(uri, 'dockercompose', text);
    assert.deepEqual(published.diagnostics, []);
    assert.equal(await client.hover(uri, 5, 10), null);
  });

  it('keeps the finding and warns on the comment when the reason is missing', async () => {
    const uri = fileUri('/work/suppress/no-reason/compose.yaml');
    const text = `${HEAD}      # docker-socket-guard-ignore DSG001\n${MOUNT}`;
    const published = await client.open(uri, 'dockercompose', text);
    assert.deepEqual(published.diagnostics, [
      {
        range: { start: { line: 5, character: 8 }, end: { line: 5, character: 49 } },
        severity: 1,
        code: 'DSG001',
        codeDescription: { href: ruleDocUrl('DSG001') },
        source: 'docker-socket-guard',
        message: 'Service "agent" mounts the Docker socket /var/run/docker.sock',
      },
      {
        range: { start: { line: 4, character: 8 }, end: { line: 4, character: 41 } },
        severity: 2,
        source: 'docker-socket-guard',
        message:
          'Suppression comment gives no reason and suppresses nothing: ' +
          'write "docker-socket-guard-ignore DSG001: <reason>"',
      },
    ]);
  });

  it('suppresses a whole file and warns about an unknown rule', async () => {
    const uri = fileUri('/work/suppress/file/compose.yaml');
    const text =
      '# docker-socket-guard-ignore-file DSG001: lab machine, no other tenants\n' +
      `${HEAD}${MOUNT}` +
      '# docker-socket-guard-ignore-file DSG010: typo\n';
    const published = await client.open(uri, 'dockercompose', text);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity, d.range.start, d.message]),
      [
        [
          undefined,
          2,
          { line: 6, character: 34 },
          'Suppression comment names unknown rule "DSG010" and suppresses nothing: ' +
            'the rules are DSG001 to DSG005',
        ],
      ],
    );
  });
});
