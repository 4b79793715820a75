import { strict as assert } from 'assert';
import { ciHelpers, at, brief, relatedOf } from './ci.helpers';
import { analyse } from '../../shared/analyse';

const CONFIG = '/etc/gitlab-runner/config.toml';

const { fixture, scan } = ciHelpers('gitlab/gitlab-runner', CONFIG);

describe('gitlab runner: config.toml', () => {
  const text = fixture('config.toml');
  const result = scan(text);

  it('reports volumes, privileged dind, host and environment of each runner', () => {
    assert.equal(result.kind, 'gitlab-runner');
    assert.deepEqual(brief(text, result), [
      'DSG003 error 8:43-8:64 "\\"DOCKER_TLS_CERTDIR=\\"" Runner "dind" runs Docker-in-Docker ' +
        'with TLS turned off (DOCKER_TLS_CERTDIR is empty)',
      'DSG005 warning 11:4-11:21 "privileged = true" Runner "dind" runs the Docker-in-Docker ' +
        'image docker:27-dind privileged',
      'DSG004 warning 13:12-13:31 "tcp://10.0.0.5:2376" Runner "dind" uses TLS on ' +
        'tcp://10.0.0.5:2376 without verification',
      'DSG001 error 15:7-15:27 "/var/run/docker.sock" Runner "dind" mounts the Docker socket ' +
        '/var/run/docker.sock read-only (read-only does not limit the API)',
      'DSG002 error 16:7-16:22 "/run/containerd" Runner "dind" mounts host directory ' +
        '/run/containerd, which holds the containerd socket',
      'DSG005 warning 27:4-27:21 "privileged = true" Runner "services-only" runs the ' +
        'Docker-in-Docker image docker:27-dind privileged',
      'DSG003 error 28:12-28:34 "tcp://docker-host:2375" Runner "services-only" points host at ' +
        'tcp://docker-host:2375 without TLS',
      'DSG005 warning 56:4-56:21 "privileged = true" Runner "k8s" runs the Docker-in-Docker ' +
        'image docker:dind privileged',
      'DSG001 error 62:19-62:39 "/var/run/docker.sock" Runner "k8s" mounts the Docker socket ' +
        '/var/run/docker.sock read-only (read-only does not limit the API)',
    ]);
    assert.deepEqual(result.notices, []);
  });

  it('relates the dind image or service and tls_verify = false', () => {
    assert.deepEqual(relatedOf(result.findings[1]), [
      '10:13-10:27 Docker-in-Docker image docker:27-dind',
    ]);
    assert.deepEqual(relatedOf(result.findings[2]), [
      '12:4-12:22 tls_verify = false turns verification off',
    ]);
    assert.deepEqual(relatedOf(result.findings[5]), [
      '30:12-30:26 Docker-in-Docker image docker:27-dind',
    ]);
  });

  it('fills the facts of a volume with the runner, its image and the executor', () => {
    assert.deepEqual(result.findings[3]?.facts, {
      exposure: 'socket-mount',
      owner: { kind: 'runner', name: 'dind' },
      hostPath: '/var/run/docker.sock',
      normalisedPath: '/run/docker.sock',
      engine: 'docker',
      readOnly: true,
      target: '/var/run/docker.sock',
      image: 'docker:27-dind',
      detail: { runner: 'dind', executor: 'docker' },
    });
  });

  it('keeps quiet for privileged without dind and services_privileged = false', () => {
    const owners = new Set(result.findings.map((f) => f.facts.owner.name));
    assert.ok(!owners.has('privileged-no-dind') && !owners.has('services-unprivileged'));
  });

  it('reports nothing for a clean runner: TLS verified, no socket, no privileges', () => {
    assert.deepEqual(scan(fixture('clean.toml')), {
      kind: 'gitlab-runner',
      findings: [],
      notices: [],
    });
  });

  it('finds the same spans with CRLF line ends and a byte-order mark', () => {
    const again = scan('\ufeff' + text.replace(/\n/g, '\r\n'));
    assert.deepEqual(again.findings.map(at), result.findings.map(at));
  });
});

describe('gitlab runner: spellings and odd input', () => {
  it('maps an escape in a basic string to its backslash and counts tabs as one column', () => {
    const text =
      '[[runners]]\n\tname = "é-runner"\n\t[runners.docker]\n' +
      '\t\tvolumes = ["\\u002Fvar/run/docker.sock:/s", \'/run/user/1000/docker.sock:/u\']\n';
    const result = scan(text);
    assert.deepEqual(brief(text, result), [
      'DSG001 error 3:14-3:39 "\\\\u002Fvar/run/docker.sock" Runner "é-runner" mounts the ' +
        'Docker socket /var/run/docker.sock',
      'DSG001 error 3:46-3:72 "/run/user/1000/docker.sock" Runner "é-runner" mounts the ' +
        'Docker socket /run/user/1000/docker.sock',
    ]);
  });

  it('names an unnamed runner "runner" and reads dotted keys', () => {
    const text = '[[runners]]\n  docker.volumes = ["/var/run:/run-host"]\n';
    assert.deepEqual(brief(text, scan(text)), [
      'DSG002 error 1:21-1:29 "/var/run" Runner "runner" mounts host directory /var/run, which ' +
        'holds the Docker socket',
    ]);
  });

  it('gives a notice for a line it cannot read and goes on with the next', () => {
    const text =
      '[[runners]]\n  name = "a\n  [runners.docker]\n    volumes = ["/var/run/docker.sock:/x"]\n';
    const result = scan(text);
    assert.deepEqual(result.findings.map(at), ['3:16-3:36']);
    assert.deepEqual(
      result.notices.map((n) => `${at(n)} ${n.severity} ${n.message}`),
      [
        '1:9-1:10 warning The TOML could not be read completely (Unclosed string); findings may ' +
          'be missing',
      ],
    );
  });

  it('is recognised as a runner config by the toml language id with [[runners]]', () => {
    const text = '[[runners]]\n  [runners.docker]\n    host = "tcp://docker:2375"\n';
    const result = analyse({ fileName: 'runner.toml', languageId: 'toml', text });
    assert.equal(result.kind, 'gitlab-runner');
    assert.deepEqual(result.findings.map(at), ['2:12-2:29']);
    assert.equal(
      analyse({ fileName: 'Cargo.toml', languageId: 'toml', text: '[package]\n' }).kind,
      undefined,
    );
  });
});
