import { strict as assert } from 'assert';
import { judgeClientEndpoint, parseEndpoint } from '../../shared/detect/endpoint';

describe('daemon endpoints', () => {
  it('parses scheme, host and port', () => {
    assert.deepEqual(parseEndpoint('tcp://docker:2375'), {
      scheme: 'tcp',
      host: 'docker',
      port: 2375,
    });
    assert.deepEqual(parseEndpoint('tcp://[::1]:2376'), {
      scheme: 'tcp',
      host: '[::1]',
      port: 2376,
    });
    assert.deepEqual(parseEndpoint('TCP://0.0.0.0'), {
      scheme: 'tcp',
      host: '0.0.0.0',
      port: undefined,
    });
    assert.equal(parseEndpoint('/var/run/docker.sock'), undefined);
  });

  const verdicts: Array<[string, string | undefined, boolean, string | undefined]> = [
    ['tcp://docker:2375', undefined, false, 'plaintext'],
    ['tcp://docker:2375', '1', false, 'plaintext'],
    ['tcp://docker', undefined, false, 'plaintext'],
    ['tcp://docker', '1', false, undefined],
    ['http://docker:2376', '1', false, 'plaintext'],
    ['tcp://docker:2376', '1', false, undefined],
    ['tcp://docker:2376', undefined, false, undefined],
    ['tcp://docker:2376', '', false, 'tls-unverified'],
    ['tcp://docker:2376', '0', false, 'tls-unverified'],
    ['tcp://docker:2376', '0', true, undefined],
    ['unix:///var/run/docker.sock', undefined, false, undefined],
    ['ssh://deploy@build-host', undefined, false, undefined],
    ['npipe:////./pipe/docker_engine', undefined, false, undefined],
    ['tcp://proxy:12375', undefined, false, undefined],
  ];
  for (const [value, verify, flag, expected] of verdicts) {
    it(`judges ${value} with DOCKER_TLS_VERIFY=${String(verify)}${flag ? ' and --tlsverify' : ''}`, () => {
      assert.equal(judgeClientEndpoint(value, verify, flag), expected);
    });
  }
});
