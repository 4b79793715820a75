import { strict as assert } from 'assert';
import { brief, findingAt, fixture, relatedOf, runCompose } from './compose.helpers';

describe('compose: privileged Docker-in-Docker', () => {
  const text = fixture('flags.positive.yaml');
  const { findings } = runCompose(text);

  it('reports privileged: true on dind images at the value, Sysbox or not', () => {
    assert.deepEqual(brief(text, findings), [
      { rule: 'DSG005', at: '4:16-4:20', text: 'true' },
      { rule: 'DSG005', at: '7:16-7:20', text: 'true' },
      { rule: 'DSG005', at: '9:16-9:20', text: 'true' },
      { rule: 'DSG005', at: '14:16-14:20', text: 'true' },
      { rule: 'DSG001', at: '19:8-19:49', text: '/var/run/docker.sock:/var/run/docker.sock' },
    ]);
  });

  it('words the image and relates its node', () => {
    const [dind, versioned, rootless] = findings;
    assert.equal(
      dind?.message,
      'Service "dind" runs the Docker-in-Docker image docker:dind privileged',
    );
    assert.equal(dind?.severity, 'warning');
    assert.deepEqual(dind?.facts, {
      owner: { kind: 'service', name: 'dind' },
      image: 'docker:dind',
      exposure: 'privileged-dind',
      detail: { service: 'dind' },
    });
    assert.deepEqual(relatedOf(versioned), ['Image docker:27-dind @ 6:11-6:25']);
    assert.deepEqual(relatedOf(rootless), ['Image docker:dind-rootless @ 10:11-10:31']);
  });

  it('relates privileged: true to a socket mount of the same service', () => {
    const mount = findingAt(text, findings, '/var/run/docker.sock:/var/run/docker.sock');
    assert.deepEqual(relatedOf(mount), ['Service "mounted" also runs privileged @ 17:16-17:20']);
  });

  it('stays silent on unprivileged dind, Sysbox without privileged and privileged non-dind', () => {
    assert.deepEqual(runCompose(fixture('flags.negative.yaml')), { findings: [], notices: [] });
  });

  it('resolves variables in the image name', () => {
    const spec =
      'services:\n  d:\n    image: docker:${DOCKER_VERSION:-27}-dind\n    privileged: true\n';
    const found = runCompose(spec).findings;
    assert.deepEqual(brief(spec, found), [{ rule: 'DSG005', at: '3:16-3:20', text: 'true' }]);
    assert.equal(found[0]?.facts.image, 'docker:27-dind');
  });
});

describe('compose: use_api_socket', () => {
  it('reports use_api_socket: true at the value', () => {
    const text = fixture('api-socket.positive.yaml');
    const { findings } = runCompose(text);
    assert.deepEqual(brief(text, findings), [{ rule: 'DSG001', at: '3:20-3:24', text: 'true' }]);
    assert.equal(
      findings[0]?.message,
      'Service "builder" gets the host\'s Docker socket through use_api_socket',
    );
    assert.deepEqual(findings[0]?.facts, {
      owner: { kind: 'service', name: 'builder' },
      image: 'docker:27-cli',
      exposure: 'api-socket-flag',
      detail: { service: 'builder', flag: 'use_api_socket' },
    });
  });

  it('stays silent on false and on the word elsewhere', () => {
    assert.deepEqual(runCompose(fixture('api-socket.negative.yaml')), {
      findings: [],
      notices: [],
    });
  });
});
