import { strict as assert } from 'assert';
import { brief, findingAt, fixture, relatedOf, runCompose } from './compose.helpers';

describe('compose: DOCKER_HOST and DOCKER_TLS_* in environment', () => {
  const text = fixture('environment.positive.yaml');
  const { findings, notices } = runCompose(text);

  it('points at the value: after `=` inside a list scalar, the whole scalar in a mapping', () => {
    assert.deepEqual(brief(text, findings), [
      { rule: 'DSG003', at: '5:20-5:37', text: 'tcp://docker:2375' },
      { rule: 'DSG003', at: '9:19-9:38', text: '"tcp://docker:2375"' },
      { rule: 'DSG003', at: '13:21-13:38', text: 'tcp://docker:2375' },
      { rule: 'DSG003', at: '18:21-18:45', text: '\\ttcp://d\\u00f6cker:2375' },
      { rule: 'DSG003', at: '21:32-21:52', text: '"\ttcp://docker:2375"' },
      { rule: 'DSG004', at: '25:19-25:36', text: 'tcp://docker:2376' },
      { rule: 'DSG004', at: '31:20-31:37', text: 'tcp://docker:2376' },
      { rule: 'DSG003', at: '35:20-35:32', text: 'tcp://docker' },
      { rule: 'DSG003', at: '39:19-39:64', text: 'tcp://${DIND_HOST:-docker}:${DIND_PORT:-2375}' },
      { rule: 'DSG005', at: '42:16-42:20', text: 'true' },
      { rule: 'DSG003', at: '44:8-44:27', text: 'DOCKER_TLS_CERTDIR=' },
      { rule: 'DSG003', at: '48:6-48:28', text: 'DOCKER_TLS_CERTDIR: ""' },
    ]);
    assert.deepEqual(notices, []);
  });

  it('words a plaintext client and keeps the form and index for fixes', () => {
    const listed = findingAt(text, findings, 'tcp://docker:2375');
    assert.equal(
      listed.message,
      'Service "listed" points DOCKER_HOST at tcp://docker:2375 without TLS',
    );
    assert.deepEqual(listed.facts, {
      owner: { kind: 'service', name: 'listed' },
      image: 'app',
      exposure: 'plaintext-tcp',
      endpoint: 'tcp://docker:2375',
      detail: { service: 'listed', variable: 'DOCKER_HOST', form: 'list', index: 0 },
    });
    const mapped = findingAt(text, findings, '"tcp://docker:2375"');
    assert.deepEqual(mapped.facts.detail, {
      service: 'mapped',
      variable: 'DOCKER_HOST',
      form: 'map',
    });
  });

  it('maps escapes and tabs inside double quotes back to the text', () => {
    const escaped = findingAt(text, findings, '\\ttcp://d\\u00f6cker:2375');
    assert.equal(escaped.facts.endpoint, 'tcp://döcker:2375');
    const tabbed = findingAt(text, findings, '"\ttcp://docker:2375"');
    assert.equal(tabbed.facts.endpoint, 'tcp://docker:2375');
  });

  it('reports TLS without verification on 2376 with the DOCKER_TLS_VERIFY entry as related', () => {
    const unverified = findings.filter((f) => f.ruleId === 'DSG004');
    assert.deepEqual(
      unverified.map((f) => f.message),
      [
        'Service "unverified" uses TLS on tcp://docker:2376 without verification',
        'Service "unverified-list" uses TLS on tcp://docker:2376 without verification',
      ],
    );
    assert.deepEqual(unverified.map(relatedOf), [
      ['DOCKER_TLS_VERIFY is off here @ 26:6-26:28'],
      ['DOCKER_TLS_VERIFY is off here @ 30:8-30:26'],
    ]);
    assert.deepEqual(
      unverified.map((f) => f.severity),
      ['warning', 'warning'],
    );
  });

  it('resolves variables in DOCKER_HOST before judging it', () => {
    const interpolated = findingAt(text, findings, 'tcp://${DIND_HOST');
    assert.equal(interpolated.facts.endpoint, 'tcp://docker:2375');
    const options = { variables: { DIND_PORT: '2376' } };
    const again = runCompose(text, options).findings;
    assert.equal(
      again.some((f) => f.span.start === interpolated.span.start),
      false,
    );
  });

  it('reports a dind image with DOCKER_TLS_CERTDIR empty on the key and value together', () => {
    const listed = findingAt(text, findings, 'DOCKER_TLS_CERTDIR=');
    assert.equal(
      listed.message,
      'Service "docker" runs Docker-in-Docker with TLS turned off (DOCKER_TLS_CERTDIR is empty)',
    );
    assert.deepEqual(relatedOf(listed), ['Image docker:27-dind @ 41:11-41:25']);
    assert.deepEqual(listed.facts.detail, {
      service: 'docker',
      variable: 'DOCKER_TLS_CERTDIR',
      form: 'list',
      index: 0,
    });
    const mapped = findingAt(text, findings, 'DOCKER_TLS_CERTDIR: ""');
    assert.equal(mapped.facts.image, 'docker:dind-rootless');
  });

  it('stays silent on verified TLS, sockets, SSH, inherited values and labels', () => {
    assert.deepEqual(runCompose(fixture('environment.negative.yaml')), {
      findings: [],
      notices: [],
    });
  });
});

describe('compose: a DOCKER_HOST that names a trusted socket proxy', () => {
  const text = fixture('proxy.positive.yaml');
  const { findings } = runCompose(text);

  it('reports the proxy and its clients as information, other daemons as errors', () => {
    assert.deepEqual(brief(text, findings), [
      { rule: 'DSG001', at: '7:8-7:52', text: '/var/run/docker.sock:/var/run/docker.sock:ro' },
      { rule: 'DSG003', at: '11:20-11:43', text: 'tcp://socket-proxy:2375' },
      { rule: 'DSG003', at: '15:19-15:44', text: 'tcp://proxy.internal:2375' },
      { rule: 'DSG003', at: '22:19-22:34', text: 'tcp://dind:2375' },
    ]);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.facts.trusted]),
      [
        ['information', true],
        ['information', true],
        ['information', true],
        ['error', undefined],
      ],
    );
  });

  it('names the proxy service, by service name or by hostname', () => {
    const byName = findingAt(text, findings, 'tcp://socket-proxy:2375');
    assert.equal(
      byName.message,
      'Service "traefik" points DOCKER_HOST at tcp://socket-proxy:2375 without TLS, ' +
        'through the socket proxy "socket-proxy"',
    );
    assert.deepEqual(relatedOf(byName), [
      'Service "socket-proxy" is a trusted socket proxy @ 2:2-2:14',
    ]);
    assert.equal(byName.facts.detail?.proxy, 'socket-proxy');

    const byHostname = findingAt(text, findings, 'tcp://proxy.internal:2375');
    assert.deepEqual(relatedOf(byHostname), [
      'Service "proxy2" is a trusted socket proxy @ 16:2-16:8',
    ]);
  });

  it('follows the trusted-image setting', () => {
    const { findings: strict } = runCompose(text, { trustedImages: [] });
    assert.deepEqual(
      strict.map((f) => f.severity),
      ['error', 'error', 'error', 'error'],
    );
  });
});
