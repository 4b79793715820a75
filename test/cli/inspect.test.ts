import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InspectError, inspectRunningContainers } from '../../cli/inspect';
import {
  allInspectFixtures,
  buildOnce,
  CLI,
  cleanup,
  INSPECT_FIXTURES,
  lines,
  runCli,
  tempDir,
  writeTree,
} from './helpers';

const fixture = (name: string) => join(INSPECT_FIXTURES, `${name}.json`);
const SUMMARY_ONE = 'in 1 container';

/** What `inspect` prints for each fixture, and its exit status. */
const EXPECTED: Array<[string, string[], number]> = [
  [
    'socket-mounts',
    [
      'container web (3f2a9c1b7d4e) error DSG001 Container "web" mounts the Docker socket ' +
        '/var/run/docker.sock',
    ],
    1,
  ],
  [
    'socket-binds',
    [
      'container ci-agent (8b17e0c44a92) error DSG001 Container "ci-agent" mounts the Docker ' +
        'socket /run/docker.sock read-only (read-only does not limit the API)',
    ],
    1,
  ],
  [
    'run-dir',
    [
      'container node-exporter (c05d7a2e19f3) error DSG002 Container "node-exporter" mounts host ' +
        'directory /var/run, which holds the Docker socket, read-only (read-only does not limit ' +
        'the API)',
    ],
    1,
  ],
  [
    'dind-privileged',
    [
      'container dind (5e8f03b6d2a1) warning DSG005 Container "dind" runs the Docker-in-Docker ' +
        'image docker:27-dind privileged',
    ],
    0,
  ],
  ['dind-sysbox', [], 0],
  [
    'docker-host-env',
    [
      'container deployer (1d6b2f8e4c70) error DSG003 Container "deployer" points DOCKER_HOST at ' +
        'tcp://dind:2375 without TLS',
    ],
    1,
  ],
  [
    'published-2375',
    [
      'container remote-docker (e47a0c93b5d1) error DSG003 Container "remote-docker" publishes ' +
        'port 0.0.0.0:2375->2375/tcp, the Docker API without TLS',
    ],
    1,
  ],
  ['clean', [], 0],
  [
    'socket-proxy',
    [
      'container socket-proxy (62d0f5a8c1e9) information DSG001 Container "socket-proxy" mounts ' +
        'the Docker socket /var/run/docker.sock read-only (read-only does not limit the API)',
    ],
    0,
  ],
];

function summary(findings: string[]): string {
  const count = (word: string) => findings.filter((f) => f.includes(`) ${word} DSG`)).length;
  const [e, w, i] = [count('error'), count('warning'), count('information')];
  const n = findings.length;
  return (
    `${n} finding${n === 1 ? '' : 's'} (${e} error${e === 1 ? '' : 's'}, ` +
    `${w} warning${w === 1 ? '' : 's'}, ${i} information) ${SUMMARY_ONE}`
  );
}

describe('cli inspect (built CLI)', function () {
  this.timeout(120_000);
  before(buildOnce);

  for (const [name, findings, status] of EXPECTED) {
    it(`judges ${name}.json`, () => {
      const result = runCli(['inspect', fixture(name)]);

      assert.deepEqual(lines(result.stdout), [...findings, summary(findings)]);
      assert.equal(result.stderr, '');
      assert.equal(result.status, status);
    });
  }

  it('judges Windows-style binds: the engine pipe and a drive-letter ~/.docker', () => {
    const result = runCli(['inspect', fixture('windows-binds')]);

    assert.deepEqual(lines(result.stdout), [
      'container win-agent (b2e8d04f6a17) error DSG001 Container "win-agent" mounts the Docker ' +
        'engine pipe \\\\.\\pipe\\docker_engine',
      'container desktop-tools (f19c7b3a5e20) error DSG002 Container "desktop-tools" mounts host ' +
        'directory C:\\Users\\dev\\.docker, which holds the Docker socket',
      '2 findings (2 errors, 0 warnings, 0 information) in 2 containers',
    ]);
    assert.equal(result.status, 1);
  });

  it('reads standard input for - and when no file is given', () => {
    const input = readFileSync(fixture('socket-mounts'), 'utf8');
    const expected = runCli(['inspect', fixture('socket-mounts')]).stdout;

    assert.equal(runCli(['inspect', '-'], { input }).stdout, expected);
    assert.equal(runCli(['inspect'], { input }).stdout, expected);
  });

  it('applies --rule and --fail-on', () => {
    const result = runCli(['inspect', fixture('socket-mounts'), '--rule', 'DSG001=warning']);
    assert.match(result.stdout, /^container web \(3f2a9c1b7d4e\) warning DSG001 /);
    assert.equal(result.status, 0);

    const failing = runCli(['inspect', fixture('dind-privileged'), '--fail-on', 'warning']);
    assert.equal(failing.status, 1);
  });

  it('json: containers instead of files and paths', () => {
    const result = runCli(['inspect', fixture('socket-binds'), '--format', 'json']);
    const report = JSON.parse(result.stdout);

    assert.deepEqual(Object.keys(report), [
      'schemaVersion',
      'tool',
      'containers',
      'findings',
      'notices',
    ]);
    assert.equal(report.containers, 1);
    assert.deepEqual(report.findings[0].container, { name: 'ci-agent', id: '8b17e0c44a92' });
    assert.equal(report.findings[0].path, undefined);
    assert.equal(report.findings[0].range, undefined);
    assert.deepEqual(report.findings[0].facts, {
      exposure: 'socket-mount',
      hostPath: '/run/docker.sock',
      normalisedPath: '/run/docker.sock',
      engine: 'docker',
      readOnly: true,
      target: '/var/run/docker.sock',
      owner: { kind: 'container', name: 'ci-agent' },
      image: 'registry.example.com/ci/agent:5.2',
    });
  });

  it('sarif: a logical location for the container', () => {
    const result = runCli(['inspect', fixture('socket-mounts'), '--format', 'sarif']);
    const log = JSON.parse(result.stdout);

    assert.deepEqual(log.runs[0].results[0].locations, [
      {
        logicalLocations: [
          { name: 'web', fullyQualifiedName: 'web (3f2a9c1b7d4e)', kind: 'resource' },
        ],
      },
    ]);
  });

  it('github: the container named in the message', () => {
    const result = runCli(['inspect', fixture('docker-host-env'), '--format', 'github']);

    assert.equal(
      result.stdout,
      '::error title=DSG003 daemon-plaintext-tcp::container deployer (1d6b2f8e4c70): ' +
        'Container "deployer" points DOCKER_HOST at tcp://dind:2375 without TLS\n',
    );
  });

  it('judges every fixture at once', () => {
    const result = runCli(['inspect', '-'], { input: JSON.stringify(allInspectFixtures()) });
    assert.equal(
      lines(result.stdout).pop(),
      '9 findings (7 errors, 1 warning, 1 information) in 11 containers',
    );
  });

  it('rejects input that is not docker inspect JSON, or missing (exit 2)', () => {
    const bad = runCli(['inspect', '-'], { input: 'Error: No such object: web' });
    assert.match(
      bad.stderr,
      /^docker-socket-guard: standard input is not the JSON docker inspect prints: /,
    );
    assert.equal(bad.status, 2);

    const missing = runCli(['inspect', 'no-such.json']);
    assert.equal(missing.stderr, 'docker-socket-guard: cannot read no-such.json: no such file\n');
    assert.equal(missing.status, 2);
  });

  it('reports entries that are not containers', () => {
    const result = runCli(['inspect', '-'], { input: '[{"RepoTags": ["nginx:1"]}, 42]' });
    assert.equal(
      result.stderr,
      'warning entry 1 of the input is not a container\n' +
        'warning entry 2 of the input is not a container\n',
    );
    assert.equal(
      result.stdout,
      '0 findings (0 errors, 0 warnings, 0 information) in 0 containers\n',
    );
  });
});

/** A stand-in for the Docker CLI that logs its arguments and answers from a script. */
function fakeDocker(dir: string, body: string): string {
  const bin = join(dir, 'bin');
  writeTree(bin, { docker: `#!/bin/sh\necho "$@" >> "${join(dir, 'calls.log')}"\n${body}\n` });
  chmodSync(join(bin, 'docker'), 0o755);
  return bin;
}

const UNREACHABLE =
  'echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. ' +
  'Is the docker daemon running?" >&2\nexit 1';

describe('inspect through the Docker CLI', function () {
  this.timeout(120_000);
  let dir: string;

  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => cleanup(dir));

  it('runs docker ps, then docker inspect of those ids, with fixed arguments', async () => {
    const data = join(dir, 'data.json');
    writeFileSync(data, readFileSync(fixture('socket-mounts')));
    const bin = fakeDocker(
      dir,
      `case "$1" in ps) printf 'aaa111\\nbbb222\\n' ;; inspect) cat "${data}" ;; esac`,
    );

    const text = await inspectRunningContainers({ PATH: `${bin}:/usr/bin:/bin` });

    assert.equal(text, readFileSync(data, 'utf8'));
    assert.equal(
      readFileSync(join(dir, 'calls.log'), 'utf8'),
      'ps --quiet --no-trunc\ninspect --type container -- aaa111 bbb222\n',
    );
  });

  it('gives an empty list without calling inspect when nothing runs', async () => {
    const bin = fakeDocker(dir, 'exit 0');
    assert.equal(await inspectRunningContainers({ PATH: bin }), '[]');
    assert.equal(readFileSync(join(dir, 'calls.log'), 'utf8'), 'ps --quiet --no-trunc\n');
  });

  it('says plainly when it cannot reach an engine, or finds no docker', async () => {
    const bin = fakeDocker(dir, UNREACHABLE);
    await assert.rejects(
      inspectRunningContainers({ PATH: bin }),
      new InspectError(
        'cannot reach a Docker engine: Cannot connect to the Docker daemon at ' +
          'unix:///var/run/docker.sock. Is the docker daemon running?',
      ),
    );
    await assert.rejects(
      inspectRunningContainers({ PATH: join(dir, 'empty') }),
      new InspectError('cannot run docker: no docker command on PATH'),
    );
  });

  it('uses docker when standard input is a terminal (built CLI, exit 2)', function () {
    const script = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).stdout.trim();
    if (script === '') this.skip();
    buildOnce();
    const bin = fakeDocker(dir, UNREACHABLE);

    // `script` gives the CLI a terminal for standard input, as when a person runs it.
    const result = spawnSync(
      script,
      ['-qec', `"${process.execPath}" "${CLI}" inspect`, '/dev/null'],
      {
        encoding: 'utf8',
        env: { PATH: bin, SHELL: '/bin/sh', HOME: dir },
      },
    );

    assert.equal(
      result.stdout.replace(/\r\n/g, '\n'),
      'docker-socket-guard: cannot reach a Docker engine: Cannot connect to the Docker daemon at ' +
        'unix:///var/run/docker.sock. Is the docker daemon running?\n',
    );
    assert.equal(result.status, 2);
  });
});
