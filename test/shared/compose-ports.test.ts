import { strict as assert } from 'assert';
import { brief, findingAt, fixture, runCompose } from './compose.helpers';

describe('compose: published plaintext daemon ports', () => {
  const text = fixture('ports.positive.yaml');
  const { findings, notices } = runCompose(text);

  it('reports each entry publishing container port 2375, short entry or long target', () => {
    assert.deepEqual(brief(text, findings), [
      { rule: 'DSG003', at: '5:8-5:19', text: '"2375:2375"' },
      { rule: 'DSG003', at: '6:8-6:21', text: '2375:2375/tcp' },
      { rule: 'DSG003', at: '7:8-7:27', text: '127.0.0.1:2375:2375' },
      { rule: 'DSG003', at: '8:8-8:14', text: '"2375"' },
      { rule: 'DSG003', at: '9:8-9:27', text: '2370-2380:2370-2380' },
      { rule: 'DSG003', at: '10:8-10:26', text: '"[::1]:12375:2375"' },
      { rule: 'DSG003', at: '11:8-11:17', text: '2376:2375' },
      { rule: 'DSG003', at: '15:16-15:20', text: '2375' },
      { rule: 'DSG003', at: '18:16-18:20', text: '2375' },
      { rule: 'DSG003', at: '21:22-21:28', text: '"2375"' },
    ]);
    assert.deepEqual(notices, []);
  });

  it('words the port as written and records where it is published', () => {
    const local = findingAt(text, findings, '127.0.0.1:2375:2375');
    assert.equal(
      local.message,
      'Service "docker" publishes port 127.0.0.1:2375:2375, the Docker API without TLS',
    );
    assert.deepEqual(local.facts, {
      owner: { kind: 'service', name: 'docker' },
      image: 'docker:27-dind',
      exposure: 'plaintext-tcp',
      endpoint: 'tcp://127.0.0.1:2375',
      detail: { service: 'docker', index: 2, syntax: 'short' },
    });

    const long = findings.filter((f) => f.facts.detail?.syntax === 'long');
    assert.deepEqual(
      long.map((f) => [f.message, f.facts.endpoint]),
      [
        [
          'Service "long" publishes port 2375:2375, the Docker API without TLS',
          'tcp://127.0.0.1:2375',
        ],
        ['Service "long" publishes port 2375, the Docker API without TLS', undefined],
        [
          'Service "flow" publishes port 8375:2375, the Docker API without TLS',
          'tcp://0.0.0.0:8375',
        ],
      ],
    );
  });

  it('stays silent on 2376, UDP, other ports, ranges without 2375 and expose', () => {
    assert.deepEqual(runCompose(fixture('ports.negative.yaml')), { findings: [], notices: [] });
  });

  it('resolves variables in the port before reading it', () => {
    const spec =
      'services:\n  d:\n    ports:\n      - "${DIND_PORT:-2375}:2375"\n      - "8080:${INNER}"\n';
    assert.deepEqual(
      brief(spec, runCompose(spec).findings).map((b) => b.at),
      ['3:8-3:33'],
    );
    const given = runCompose(spec, { variables: { INNER: '2375' } }).findings;
    assert.deepEqual(
      brief(spec, given).map((b) => b.at),
      ['3:8-3:33', '4:8-4:23'],
    );
  });
});
