import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import { brief } from './compose.helpers';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'compose');

function analyseExample(name: string) {
  const text = readFileSync(join(EXAMPLES, name), 'utf8');
  return { text, result: analyse({ fileName: `examples/compose/${name}`, text }) };
}

describe('compose: examples', () => {
  it('finds every mistake in docker-compose.yml', () => {
    const { text, result } = analyseExample('docker-compose.yml');
    assert.equal(result.kind, 'compose');
    assert.deepEqual(brief(text, result.findings), [
      { rule: 'DSG003', at: '4:15-4:32', text: 'tcp://docker:2375' },
      { rule: 'DSG005', at: '10:16-10:20', text: 'true' },
      { rule: 'DSG003', at: '12:6-12:28', text: 'DOCKER_TLS_CERTDIR: ""' },
      { rule: 'DSG003', at: '14:8-14:19', text: '"2375:2375"' },
      { rule: 'DSG001', at: '33:8-33:52', text: '/var/run/docker.sock:/var/run/docker.sock:ro' },
      { rule: 'DSG002', at: '41:16-41:24', text: '/var/run' },
    ]);
    assert.deepEqual(
      result.findings.map((f) => f.message),
      [
        'Service "runner" points DOCKER_HOST at tcp://docker:2375 without TLS',
        'Service "docker" runs the Docker-in-Docker image docker:27-dind privileged',
        'Service "docker" runs Docker-in-Docker with TLS turned off (DOCKER_TLS_CERTDIR is empty)',
        'Service "docker" publishes port 2375:2375, the Docker API without TLS',
        'Service "dashboard" mounts the Docker socket /var/run/docker.sock read-only ' +
          '(read-only does not limit the API)',
        'Service "logs" mounts host directory /var/run, which holds the Docker socket, ' +
          'read-only (read-only does not limit the API)',
      ],
    );
    assert.deepEqual(result.notices, []);
  });

  it('finds nothing in compose.clean.yaml', () => {
    const { result } = analyseExample('compose.clean.yaml');
    assert.equal(result.kind, 'compose');
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.notices, []);
  });
});
