import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import { analyseDevcontainer, composeFilesOf } from '../../shared/families/devcontainer';
import { sourceDocument } from '../../shared/model/document';
import type { AnalysisResult, Finding } from '../../shared/model/finding';
import { resolveOptions } from '../../shared/model/options';

const FIXTURES = join(__dirname, '..', 'fixtures', 'devcontainer');
const FILE = 'proj/.devcontainer/devcontainer.json';

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function run(text: string, fileName = FILE): AnalysisResult {
  return analyse({ fileName, text });
}

/** Rule, start line and character, end line and character. */
function where(finding: Finding): [string, number, number, number, number] {
  const { start, end } = finding.span.range;
  return [finding.ruleId, start.line, start.character, end.line, end.character];
}

function spanText(text: string, finding: Finding | undefined): string {
  return text.slice(finding?.span.start, finding?.span.end);
}

/** A one-line configuration with the given mounts. */
function withMounts(...mounts: string[]): string {
  return `{"name": "m", "mounts": [${mounts.join(', ')}]}`;
}

describe('devcontainer.json: mounts, features and the Docker client', () => {
  const text = fixture('findings/.devcontainer/devcontainer.json');

  it('reports every finding of the fixture at its exact place with its message', () => {
    const result = run(text);

    assert.deepEqual(result.notices, []);
    assert.deepEqual(result.findings.map(where), [
      ['DSG001', 6, 12, 6, 32],
      ['DSG002', 7, 50, 7, 77],
      ['DSG002', 8, 17, 8, 41],
      ['DSG001', 12, 31, 12, 62],
      ['DSG001', 14, 5, 14, 62],
      ['DSG005', 15, 5, 15, 54],
      ['DSG003', 17, 36, 17, 67],
      ['DSG004', 18, 33, 18, 48],
    ]);
    assert.deepEqual(
      result.findings.map((f) => f.message),
      [
        'Dev container "api" mounts the Docker socket /var/run/docker.sock',
        'Dev container "api" mounts host directory ${localEnv:XDG_RUNTIME_DIR}, which holds the ' +
          'Docker socket, read-only (read-only does not limit the API)',
        'Dev container "api" mounts host directory ${localEnv:HOME}/.docker, which holds the ' +
          'Docker socket',
        'Dev container "api" mounts the containerd socket /run/containerd/containerd.sock',
        'Dev container "api" gets the host\'s Docker socket through the feature ' +
          'ghcr.io/devcontainers/features/docker-outside-of-docker:1',
        'Dev container "api" runs the Docker-in-Docker image ' +
          'ghcr.io/devcontainers/features/docker-in-docker:2 privileged',
        'Dev container "api" points DOCKER_HOST at tcp://host.docker.internal:2375 without TLS',
        'Dev container "api" uses TLS on tcp://dind:2376 without verification',
      ],
    );
    assert.deepEqual(
      result.findings.map((f) => f.severity),
      ['error', 'error', 'error', 'error', 'error', 'warning', 'error', 'warning'],
    );
  });

  it('fills the mount facts: host path as written, normalised path, engine, target', () => {
    const [socket, runtimeDir] = run(text).findings;

    assert.deepEqual(socket?.facts, {
      exposure: 'socket-mount',
      owner: { kind: 'devcontainer', name: 'api' },
      hostPath: '/var/run/docker.sock',
      normalisedPath: '/run/docker.sock',
      engine: 'docker',
      readOnly: false,
      target: '/var/run/docker-host.sock',
      image: 'mcr.microsoft.com/devcontainers/base:ubuntu-24.04',
      trusted: undefined,
      detail: { setting: 'mounts' },
    });
    assert.equal(runtimeDir?.facts.normalisedPath, '/run/user/<uid>');
    assert.equal(runtimeDir?.facts.readOnly, true);
    assert.equal(runtimeDir?.facts.target, '/run/user-sockets');
  });

  it('names --privileged as a related place of docker-in-docker', () => {
    const dind = run(text).findings.find((f) => f.ruleId === 'DSG005');

    assert.equal(dind?.facts.exposure, 'privileged-dind');
    assert.deepEqual(
      dind?.related.map((r) => [r.message, r.span.range.start, r.span.range.end]),
      [['--privileged in runArgs', { line: 12, character: 98 }, { line: 12, character: 110 }]],
    );
  });

  it('points DSG004 at DOCKER_TLS_VERIFY turning verification off', () => {
    const unverified = run(text).findings.find((f) => f.ruleId === 'DSG004');

    assert.deepEqual(
      unverified?.related.map((r) => [r.message, r.span.range.start, r.span.range.end]),
      [
        [
          'DOCKER_TLS_VERIFY turns verification off',
          { line: 18, character: 73 },
          { line: 18, character: 74 },
        ],
      ],
    );
  });

  it('finds nothing in the clean fixture (Sysbox, volumes, lookalikes, verified TLS)', () => {
    assert.deepEqual(run(fixture('clean.devcontainer.json'), 'proj/.devcontainer.json'), {
      kind: 'devcontainer',
      findings: [],
      notices: [],
    });
  });

  it('reads mount fields in any order, src/dst, readonly=false and quoted fields', () => {
    const mounts = withMounts(
      '"target=/d,src=/run/podman/podman.sock,type=bind,readonly=false"',
      '"\\"source=/var/run/docker.sock\\",type=bind"',
    );
    const findings = run(mounts).findings;

    assert.deepEqual(findings.map(where), [
      ['DSG001', 0, 40, 0, 63],
      ['DSG001', 0, 101, 0, 121],
    ]);
    assert.equal(findings[0]?.facts.readOnly, false);
    assert.equal(findings[0]?.facts.engine, 'podman');
    assert.equal(spanText(mounts, findings[1]), '/var/run/docker.sock');
  });

  it('maps JSON escapes in a mount string to the exact source text', () => {
    const mounts = withMounts('"type=bind,source=\\/var\\/run\\/docker.sock,target=\\/s"');
    const [finding] = run(mounts).findings;

    assert.equal(spanText(mounts, finding), '\\/var\\/run\\/docker.sock');
    assert.equal(finding?.facts.hostPath, '/var/run/docker.sock');
  });

  it('never fires on volume mounts, a missing type with a name, or the workspace folder', () => {
    const mounts = withMounts(
      '"source=/var/run/docker.sock,target=/x,type=volume"',
      '"source=docker.sock,target=/x"',
      '{"source": "/var/run/docker.sock", "target": "/x", "type": "volume"}',
      '"source=${localWorkspaceFolder},target=/w,type=bind"',
      '"source=${localWorkspaceFolder}/..,target=/w,type=bind"',
    );

    assert.deepEqual(run(mounts).findings, []);
  });

  it('reads the home folder spelled for every system (HOME, then USERPROFILE)', () => {
    const mounts = withMounts(
      '"source=${localEnv:HOME}${localEnv:USERPROFILE}/.docker,target=/d,type=bind"',
    );
    const [finding] = run(mounts).findings;

    assert.equal(finding?.ruleId, 'DSG002');
    assert.equal(spanText(mounts, finding), '${localEnv:HOME}${localEnv:USERPROFILE}/.docker');
    assert.equal(finding?.facts.normalisedPath, '~/.docker');
  });

  it('treats a mount without a type but with a path as a bind mount', () => {
    assert.deepEqual(run(withMounts('"source=/run,target=/host-run"')).findings.map(where), [
      ['DSG002', 0, 33, 0, 37],
    ]);
  });

  it('reads workspaceMount as a mount', () => {
    const text = '{"workspaceMount": "source=/,target=/workspace,type=bind"}';
    const [finding] = run(text).findings;

    assert.deepEqual(finding && where(finding), ['DSG002', 0, 27, 0, 28]);
    assert.equal(finding?.facts.detail?.setting, 'workspaceMount');
  });

  it('uses the file name as the owner when the configuration has no name', () => {
    const [finding] = run('{"mounts": ["source=/run/docker.sock,target=/d,type=bind"]}').findings;

    assert.deepEqual(finding?.facts.owner, { kind: 'devcontainer', name: 'devcontainer.json' });
  });

  it('knows the old docker-from-docker feature and skips docker-in-docker under Sysbox', () => {
    const text = [
      '{"features": {"docker-from-docker": "latest",',
      ' "ghcr.io/devcontainers/features/docker-in-docker:2": {}},',
      ' "runArgs": ["--runtime", "sysbox-runc"]}',
    ].join('\n');

    assert.deepEqual(run(text).findings.map(where), [['DSG001', 0, 15, 0, 33]]);
  });

  it('reports "privileged": true on a Docker-in-Docker image', () => {
    const text = '{"image": "docker:27-dind", "privileged": true}';
    const [finding] = run(text).findings;

    assert.deepEqual(finding && where(finding), ['DSG005', 0, 42, 0, 46]);
    assert.equal(
      finding?.message,
      'Dev container "devcontainer.json" runs the Docker-in-Docker image docker:27-dind privileged',
    );
    assert.deepEqual(
      finding?.related.map((r) => [r.message, r.span.start, r.span.end]),
      [['the Docker-in-Docker image docker:27-dind', 11, 25]],
    );
  });

  it('takes DOCKER_TLS_VERIFY for remoteEnv from containerEnv', () => {
    const text =
      '{"containerEnv": {"DOCKER_TLS_VERIFY": "1"}, "remoteEnv": {"DOCKER_HOST": "tcp://d"}}';

    assert.deepEqual(run(text).findings, []);
    assert.deepEqual(run('{"remoteEnv": {"DOCKER_HOST": "tcp://d"}}').findings.map(where), [
      ['DSG003', 0, 31, 0, 38],
    ]);
  });

  it('keeps positions exact after a byte-order mark, with CRLF, tabs and non-ASCII text', () => {
    const text =
      '\ufeff{\r\n\t"name": "Größe 😀",\r\n' +
      '\t"mounts": ["source=/var/run/docker.sock,target=/s"]\r\n}';
    const [finding] = run(text).findings;

    assert.deepEqual(finding && where(finding), ['DSG001', 2, 20, 2, 40]);
    assert.equal(
      finding?.message,
      'Dev container "Größe 😀" mounts the Docker socket /var/run/docker.sock',
    );
  });

  it('turns a syntax error into a notice without throwing', () => {
    const doc = sourceDocument(FILE, '{"mounts": ["source=/run/docker.sock,type=bind" "x"');
    const result = analyseDevcontainer(doc, resolveOptions());

    assert.deepEqual(
      result.notices.map((n) => [n.severity, n.message, n.span.start, n.span.end]),
      [
        [
          'warning',
          'This dev container configuration is not valid JSON here (comma expected); the ' +
            'analysis may be incomplete',
          48,
          51,
        ],
      ],
    );
    assert.deepEqual(result.findings.map(where), [['DSG001', 0, 20, 0, 36]]);
  });

  for (const name of [
    '.devcontainer.json',
    'a/.devcontainer/devcontainer.json',
    'a/.devcontainer/py/devcontainer.json',
  ]) {
    it(`recognises ${name}`, () => {
      const result = run('{"mounts": ["source=/run,target=/r,type=bind"]}', name);

      assert.equal(result.kind, 'devcontainer');
      assert.equal(result.findings.length, 1);
    });
  }
});

describe('composeFilesOf', () => {
  it('returns the Compose files a configuration names, as written', () => {
    assert.deepEqual(composeFilesOf(fixture('compose.devcontainer.json')), [
      '../docker-compose.yml',
      'docker-compose.extend.yml',
    ]);
  });

  it('accepts one string, a byte-order mark, and gives nothing for other text', () => {
    assert.deepEqual(composeFilesOf('\ufeff{"dockerComposeFile": "compose.yaml"}'), [
      'compose.yaml',
    ]);
    assert.deepEqual(composeFilesOf('{"image": "x"}'), []);
    assert.deepEqual(composeFilesOf('not json ['), []);
  });
});
