import { strict as assert } from 'assert';
import { ciHelpers, at, brief, relatedOf } from './ci.helpers';
import { analyse } from '../../shared/analyse';

const { fixture, scan } = ciHelpers('github', '.github/workflows/ci.yml');

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

describe('github: job and service container volumes', () => {
  const text = fixture('containers.yml');
  const result = scan(text);

  it('reports each socket and socket directory on the host path of the volume string', () => {
    assert.equal(result.kind, 'github-actions');
    assert.deepEqual(brief(text, result), [
      'DSG001 error 8:10-8:30 "/var/run/docker.sock" Job "socket" mounts the Docker socket ' +
        '/var/run/docker.sock',
      'DSG001 error 9:11-9:27 "/run/docker.sock" Job "socket" mounts the Docker socket ' +
        '/run/docker.sock read-only (read-only does not limit the API)',
      'DSG001 error 10:11-10:40 "//var/run/../run/docker.sock/" Job "socket" mounts the Docker ' +
        'socket //var/run/../run/docker.sock/',
      'DSG002 error 11:10-11:18 "/var/run" Job "socket" mounts host directory /var/run, which ' +
        'holds the Docker socket',
      'DSG001 error 12:10-12:46 "${DOCKER_SOCK:-/var/run/docker.sock}" Job "socket" mounts the ' +
        'Docker socket ${DOCKER_SOCK:-/var/run/docker.sock}',
      'DSG001 information 19:19-19:39 "/var/run/docker.sock" Service "proxy" mounts the Docker ' +
        'socket /var/run/docker.sock read-only (read-only does not limit the API)',
      'DSG001 error 23:12-23:43 "/run/containerd/containerd.sock" Service "cache" mounts the ' +
        'containerd socket /run/containerd/containerd.sock',
    ]);
    assert.deepEqual(result.notices, []);
  });

  it('fills the facts with the job, the image and the mount', () => {
    assert.deepEqual(result.findings[1]?.facts, {
      exposure: 'socket-mount',
      owner: { kind: 'job', name: 'socket' },
      hostPath: '/run/docker.sock',
      normalisedPath: '/run/docker.sock',
      engine: 'docker',
      readOnly: true,
      target: '/docker.sock',
      image: 'node:22',
      detail: { job: 'socket' },
    });
  });

  it('names the job and service of a service volume and trusts a socket proxy', () => {
    const proxy = result.findings[5];
    assert.equal(proxy?.facts.trusted, true);
    assert.deepEqual(proxy?.facts.detail, { job: 'proxy', service: 'proxy' });
    assert.equal(proxy?.facts.image, 'tecnativa/docker-socket-proxy:0.2');
  });
});

describe('github: DOCKER_HOST and DOCKER_TLS_VERIFY in env scopes', () => {
  const text = fixture('env.yml');
  const result = scan(text);

  it('reports a workflow-level value once, at the value, for the jobs that keep it', () => {
    assert.deepEqual(brief(text, result), [
      'DSG003 error 3:15-3:32 "tcp://docker:2375" File "ci.yml" points DOCKER_HOST at ' +
        'tcp://docker:2375 without TLS',
      'DSG004 warning 12:20-12:39 "tcp://10.1.2.3:2376" Job "second" uses TLS on ' +
        'tcp://10.1.2.3:2376 without verification',
    ]);
    assert.deepEqual(relatedOf(result.findings[0]), [
      '5:2-5:7 Job "first" runs with this DOCKER_HOST',
    ]);
    assert.deepEqual(result.findings[0]?.facts, {
      exposure: 'plaintext-tcp',
      owner: { kind: 'file', name: 'ci.yml' },
      endpoint: 'tcp://docker:2375',
      detail: { variable: 'DOCKER_HOST', consumers: 'first' },
    });
  });

  it('judges a job value with the DOCKER_TLS_VERIFY of the innermost scope (the step)', () => {
    assert.deepEqual(relatedOf(result.findings[1]), [
      '16:30-16:31 DOCKER_TLS_VERIFY "0" turns verification off',
    ]);
  });

  it('keeps quiet for 2376 with verification, ${{ secrets }} and a unix socket', () => {
    const lines = result.findings.map((f) => f.span.range.start.line);
    assert.ok(!lines.includes(21) && !lines.includes(29) && !lines.includes(32));
  });
});

describe('github: service options and Docker-in-Docker', () => {
  const text = fixture('services.yml');

  it('reports --privileged on the second line of a folded >- options value (dind)', () => {
    assert.deepEqual(brief(text, scan(text)), [
      'DSG005 warning 10:10-10:22 "--privileged" Service "docker" runs the Docker-in-Docker ' +
        'image docker:27-dind privileged',
      'DSG003 error 12:30-12:32 "\\"\\"" Service "docker" runs Docker-in-Docker with TLS turned ' +
        'off (DOCKER_TLS_CERTDIR is empty)',
      'DSG001 error 23:19-23:39 "/var/run/docker.sock" Service "literal" mounts the Docker ' +
        'socket /var/run/docker.sock read-only (read-only does not limit the API)',
    ]);
  });

  it('finds the same spans with CRLF line ends', () => {
    const windows = crlf(text);
    const result = scan(windows);
    assert.deepEqual(result.findings.map(at), ['10:10-10:22', '12:30-12:32', '23:19-23:39']);
    assert.equal(
      windows.slice(result.findings[0]?.span.start, result.findings[0]?.span.end),
      '--privileged',
    );
  });

  it('relates the dind image and names job and service in the facts', () => {
    const [privileged, tlsOff] = scan(text).findings;
    assert.deepEqual(relatedOf(privileged), [
      '7:15-7:29 the Docker-in-Docker image docker:27-dind',
    ]);
    assert.equal(privileged?.facts.detail?.job, 'build');
    assert.equal(privileged?.facts.detail?.service, 'docker');
    assert.deepEqual(relatedOf(tlsOff), ['7:15-7:29 Docker-in-Docker daemon docker:27-dind']);
  });
});

describe('github: DOCKER_TLS_CERTDIR outside the dind service', () => {
  it('does not report a job-level value: GitHub gives job env to steps, not to services', () => {
    const text = [
      'jobs:',
      '  build:',
      '    env:',
      '      DOCKER_TLS_CERTDIR: ""',
      '    services:',
      '      docker:',
      '        image: docker:27-dind',
      '        options: --runtime=sysbox-runc',
      '    steps:',
      '      - run: docker info',
      '',
    ].join('\n');
    assert.deepEqual(scan(text).findings, []);
  });
});

describe('github: service ports', () => {
  it('reports a published 2375 and leaves other ports alone', () => {
    const text = [
      'jobs:',
      '  build:',
      '    services:',
      '      docker:',
      '        image: docker:27-dind',
      '        ports:',
      '          - 2375:2375',
      '          - "8080:80"',
      '          - 2376',
      '',
    ].join('\n');
    assert.deepEqual(brief(text, scan(text)), [
      'DSG003 error 6:12-6:21 "2375:2375" Service "docker" publishes port 2375:2375, the ' +
        'Docker API without TLS',
    ]);
  });
});

describe('github: run steps as shell', () => {
  const text = fixture('steps.yml');
  const result = scan(text);

  it('reports a mount on the third line of a run: | block, and in folded and quoted runs', () => {
    assert.deepEqual(brief(text, result), [
      'DSG001 error 12:29-12:49 "/var/run/docker.sock" Job "build" mounts the Docker socket ' +
        '/var/run/docker.sock',
      'DSG001 error 16:13-16:18 "$SOCK" Job "build" mounts the Docker socket $SOCK ' +
        '(/var/run/docker.sock)',
      'DSG001 error 17:28-17:44 "/run/docker.sock" Job "build" mounts the Docker socket ' +
        '/run/docker.sock',
      'DSG001 error 39:27-39:47 "/var/run/docker.sock" Job "windows-bash" mounts the Docker ' +
        'socket /var/run/docker.sock',
    ]);
  });

  it('names the step in the facts', () => {
    assert.deepEqual(
      result.findings.map((f) => [
        f.facts.detail?.job,
        f.facts.detail?.step,
        f.facts.detail?.stepIndex,
      ]),
      [
        ['build', 'Build', 0],
        ['build', 'Folded', 1],
        ['build', '#3', 2],
        ['windows-bash', '#1', 0],
      ],
    );
  });

  it('maps the run block exactly with CRLF line ends', () => {
    const windows = crlf(text);
    assert.deepEqual(scan(windows).findings.map(at), [
      '12:29-12:49',
      '16:13-16:18',
      '17:28-17:44',
      '39:27-39:47',
    ]);
  });

  it('skips pwsh and python steps, echo and printf strings, comments and Windows runners', () => {
    const lines = result.findings.map((f) => f.span.range.start.line);
    for (const quiet of [20, 23, 26, 27, 28, 32])
      assert.ok(!lines.includes(quiet), `line ${quiet}`);
  });
});

describe('github: files without findings and odd input', () => {
  it('reports nothing for a workflow with no docker at all', () => {
    const result = scan(fixture('no-docker.yml'));
    assert.deepEqual(result, { kind: 'github-actions', findings: [], notices: [] });
  });

  it('drops a byte-order mark and counts columns after non-ASCII job names', () => {
    const text =
      '\ufeffjobs:\n  bâtir-🐳:\n    runs-on: ubuntu-latest\n    container:\n' +
      '      image: node:22\n      volumes: ["/var/run/docker.sock:/var/run/docker.sock"]\n';
    const result = scan(text);
    assert.deepEqual(result.findings.map(at), ['5:17-5:37']);
    assert.equal(
      result.findings[0]?.message,
      'Job "bâtir-🐳" mounts the Docker socket /var/run/docker.sock',
    );
  });

  it('keeps tabs inside a run block and reports after them', () => {
    const text =
      'jobs:\n  b:\n    steps:\n      - run: |\n' +
      '          echo\tok\n          docker run\t-v /run/docker.sock:/s x\n';
    assert.deepEqual(scan(text).findings.map(at), ['5:24-5:40']);
  });

  it('reports an anchored env value once, at its definition, for every job using it', () => {
    const text = [
      'jobs:',
      '  a:',
      '    env: &docker',
      '      DOCKER_HOST: tcp://docker:2375',
      '    steps: [{run: docker ps}]',
      '  b:',
      '    env: *docker',
      '    steps: [{run: docker ps}]',
      '',
    ].join('\n');
    const findings = scan(text).findings;
    assert.deepEqual(findings.map(at), ['3:19-3:36']);
    const [finding] = findings;
    assert.equal(finding?.message, 'Job "a" points DOCKER_HOST at tcp://docker:2375 without TLS');
    assert.deepEqual(relatedOf(finding), ['5:2-5:3 Job "b" runs with this DOCKER_HOST']);
  });

  it('gives a notice, not an exception, for broken YAML and still reads what it can', () => {
    const text =
      'jobs:\n  a:\n    container:\n      volumes: ["/var/run/docker.sock:/x"]\n  b: [unclosed\n';
    const result = scan(text);
    assert.deepEqual(result.findings.map(at), ['3:17-3:37']);
    assert.equal(result.notices.length, 1);
    assert.equal(result.notices[0]?.severity, 'information');
    assert.equal(
      result.notices[0]?.message,
      'YAML error at line 6, column 1: Flow sequence in block collection must be sufficiently ' +
        'indented and end with a ]. Findings cover only the part that could be read.',
    );
  });

  it('places a YAML error at the very end of a CI file inside the text, naming its line', () => {
    const head = 'jobs:\n  a:\n    container: {image: x, volumes: ["/var/run/docker.sock:/x"]}\n';
    const cases: Array<[string, string, string]> = [
      [
        '.github/workflows/ci.yml',
        `${head}    x: "unclosed\n`,
        'line 5, column 1: Missing closing "quote',
      ],
      [
        '.github/workflows/ci.yml',
        `${head}%YAML 1.2\n`,
        'line 4, column 1: Plain value cannot start with directive indicator character %',
      ],
      [
        '.gitlab-ci.yml',
        'b:\n  script: [docker run -v /var/run/docker.sock:/x alpine]\nc: "unclosed\n',
        'line 4, column 1: Missing closing "quote',
      ],
    ];
    for (const [fileName, text, error] of cases) {
      const result = scan(text, fileName);
      assert.equal(result.findings.length, 1, text);
      assert.deepEqual(
        result.notices.map((n) => [n.severity, n.message]),
        [
          [
            'information',
            `YAML error at ${error}. Findings cover only the part that could be read.`,
          ],
        ],
      );
      for (const { span } of result.notices) assert.ok(span.end <= text.length, text);
    }
  });

  it('is recognised by path and by the github-actions-workflow language id', () => {
    const text = 'jobs:\n  a:\n    container:\n      volumes: [/var/run:/r]\n';
    assert.equal(scan(text, '/repo/.github/workflows/release.yaml').findings[0]?.ruleId, 'DSG002');
    const byLanguage = analyse({
      fileName: 'untitled-1',
      languageId: 'github-actions-workflow',
      text,
    });
    assert.equal(byLanguage.kind, 'github-actions');
    assert.equal(byLanguage.findings.length, 1);
  });
});
