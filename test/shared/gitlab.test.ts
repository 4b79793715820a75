import { strict as assert } from 'assert';
import { ciHelpers, at, brief, relatedOf } from './ci.helpers';

const { fixture, scan } = ciHelpers('gitlab', '.gitlab-ci.yml');

describe('gitlab: DOCKER_HOST set in one job and used by another', () => {
  const text = fixture('extends.gitlab-ci.yml');
  const result = scan(text);

  it('reports each value once where it is set: top level, template, job', () => {
    assert.equal(result.kind, 'gitlab-ci');
    assert.deepEqual(brief(text, result), [
      'DSG003 error 2:15-2:32 "tcp://docker:2375" File ".gitlab-ci.yml" points DOCKER_HOST at ' +
        'tcp://docker:2375 without TLS',
      'DSG003 error 7:17-7:38 "tcp://build-host:2375" Job ".remote" points DOCKER_HOST at ' +
        'tcp://build-host:2375 without TLS',
      'DSG003 error 13:14-13:34 "tcp://base-host:2375" Job "base" points DOCKER_HOST at ' +
        'tcp://base-host:2375 without TLS',
    ]);
    assert.deepEqual(result.notices, []);
  });

  it('relates the jobs that inherit the value through extends', () => {
    assert.deepEqual(relatedOf(result.findings[1]), [
      '23:0-23:12 Job "remote-build" runs with this DOCKER_HOST',
    ]);
    assert.deepEqual(relatedOf(result.findings[2]), [
      '18:0-18:6 Job "deploy" runs with this DOCKER_HOST',
    ]);
    assert.deepEqual(result.findings[2]?.facts, {
      exposure: 'plaintext-tcp',
      owner: { kind: 'job', name: 'base' },
      endpoint: 'tcp://base-host:2375',
      image: 'docker:27',
      detail: { variable: 'DOCKER_HOST', consumers: 'base, deploy' },
    });
  });

  it('lets a job override the top-level value and honours inherit: variables: false', () => {
    assert.deepEqual(relatedOf(result.findings[0]), [
      '39:0-39:4 Job "lint" runs with this DOCKER_HOST',
    ]);
  });

  it('finds the same spans in a CRLF file with a byte-order mark', () => {
    const windows = '\ufeff' + text.replace(/\n/g, '\r\n');
    const again = scan(windows, 'ci/deploy.gitlab-ci.yml');
    assert.equal(again.kind, 'gitlab-ci');
    assert.deepEqual(again.findings.map(at), ['2:15-2:32', '7:17-7:38', '13:14-13:34']);
    assert.equal(again.findings[0]?.message.startsWith('File "deploy.gitlab-ci.yml"'), true);
  });
});

describe('gitlab: Docker-in-Docker with TLS turned off', () => {
  const text = fixture('dind.gitlab-ci.yml');
  const result = scan(text);

  it('reports an empty DOCKER_TLS_CERTDIR for jobs with a dind service, string or mapping', () => {
    assert.deepEqual(brief(text, result), [
      'DSG003 error 6:22-6:24 "\\"\\"" File ".gitlab-ci.yml" runs Docker-in-Docker with TLS ' +
        'turned off (DOCKER_TLS_CERTDIR is empty)',
      'DSG003 error 31:24-31:26 "\'\'" Job "explicit" runs Docker-in-Docker with TLS turned off ' +
        '(DOCKER_TLS_CERTDIR is empty)',
    ]);
  });

  it('relates the jobs and the dind service; a service-level /certs wins for its job', () => {
    assert.deepEqual(relatedOf(result.findings[0]), [
      '8:0-8:5 Job "build" runs with this DOCKER_TLS_CERTDIR',
      '3:6-3:20 Docker-in-Docker daemon docker:27-dind',
    ]);
    assert.deepEqual(relatedOf(result.findings[1]), [
      '28:12-28:54 Docker-in-Docker daemon registry.example.com/mirror/docker:27-dind',
    ]);
  });

  it('never reports privileged Docker-in-Docker from the CI file alone', () => {
    assert.ok(result.findings.every((f) => f.ruleId !== 'DSG005'));
  });
});

describe('gitlab: scripts as shell', () => {
  const text = fixture('scripts.gitlab-ci.yml');
  const result = scan(text);

  it('reads each script line, nested lists and string scripts, with the job variables', () => {
    assert.deepEqual(brief(text, result), [
      'DSG001 error 11:21-11:31 "$HOST_SOCK" Job "job-a" mounts the Docker socket $HOST_SOCK ' +
        '(/var/run/docker.sock)',
      'DSG001 error 12:22-12:53 "/run/containerd/containerd.sock" Job "job-a" mounts the ' +
        'containerd socket /run/containerd/containerd.sock',
      'DSG002 error 14:35-14:43 "/var/run" Job "job-a" mounts host directory /var/run, which ' +
        'holds the Docker socket',
      'DSG001 error 19:20-19:40 "/var/run/docker.sock" File ".gitlab-ci.yml" mounts the Docker ' +
        'socket /var/run/docker.sock read-only (read-only does not limit the API)',
    ]);
    assert.deepEqual(result.notices, []);
  });

  it('names the job, section and line in the facts', () => {
    assert.deepEqual(
      result.findings.map((f) => [
        f.facts.detail?.job,
        f.facts.detail?.section,
        f.facts.detail?.item,
      ]),
      [
        ['job-a', 'script', 1],
        ['job-a', 'script', 2],
        ['job-a', 'after_script', 0],
        ['default', 'before_script', 0],
      ],
    );
  });

  it('skips echo, comments and !reference entries', () => {
    const lines = result.findings.map((f) => f.span.range.start.line);
    for (const quiet of [2, 8, 10, 16]) assert.ok(!lines.includes(quiet), `line ${quiet}`);
  });
});

describe('gitlab: anchors and merge keys', () => {
  const text = fixture('anchors.gitlab-ci.yml');
  const result = scan(text);

  it('reports a merged variable and an aliased script once, at the definition', () => {
    assert.deepEqual(brief(text, result), [
      'DSG003 error 3:17-3:34 "tcp://docker:2375" Job ".defaults" points DOCKER_HOST at ' +
        'tcp://docker:2375 without TLS',
      'DSG001 error 5:20-5:40 "/var/run/docker.sock" Job ".defaults" mounts the Docker socket ' +
        '/var/run/docker.sock',
    ]);
    assert.deepEqual(relatedOf(result.findings[0]), [
      '7:0-7:3 Job "one" runs with this DOCKER_HOST',
      '10:0-10:3 Job "two" runs with this DOCKER_HOST',
    ]);
  });
});

describe('gitlab: files without findings', () => {
  it('accepts 2376 with DOCKER_TLS_VERIFY and certificates next to a dind service', () => {
    const text = [
      'variables:',
      '  DOCKER_HOST: tcp://docker:2376',
      '  DOCKER_TLS_CERTDIR: "/certs"',
      '  DOCKER_TLS_VERIFY: "1"',
      '  DOCKER_CERT_PATH: "$DOCKER_TLS_CERTDIR/client"',
      'build:',
      '  services: [docker:27-dind]',
      '  script:',
      '    # - docker run -v /var/run/docker.sock:/var/run/docker.sock alpine',
      '    - echo "docker run -v /var/run/docker.sock:/var/run/docker.sock"',
      '',
    ].join('\n');
    assert.deepEqual(scan(text), { kind: 'gitlab-ci', findings: [], notices: [] });
  });

  it('expands variables in DOCKER_HOST the way GitLab does', () => {
    const text =
      'variables:\n  DIND: docker\n' +
      'b:\n  variables:\n    DOCKER_HOST: tcp://$DIND:2375\n  script: x\n';
    assert.deepEqual(scan(text).findings.map(at), ['4:17-4:33']);
    assert.equal(scan(text).findings[0]?.facts.endpoint, 'tcp://$DIND:2375');
  });
});
