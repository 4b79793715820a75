import { strict as assert } from 'assert';
import { analyse } from '../../shared/analyse';
import { rewriteDevcontainerPath } from '../../shared/families/devcontainer/mounts';
import type { Finding } from '../../shared/model/finding';

function run(text: string): Finding[] {
  return analyse({ fileName: 'proj/.devcontainer/devcontainer.json', text }).findings;
}

function spanText(text: string, finding: Finding | undefined): string {
  return text.slice(finding?.span.start, finding?.span.end);
}

describe('devcontainer variables', () => {
  it('rewrites localEnv and env with a fallback, keeping where each character came from', () => {
    const rewritten = rewriteDevcontainerPath('${localEnv:HOME}/x:${env:RUN:/run}');

    assert.equal(rewritten.value, '${HOME}/x:${RUN:-/run}');
    assert.deepEqual(
      rewritten.sources,
      [0, 1, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 25, 26, 27, 28, 28, 29, 30, 31, 32, 33],
    );
  });

  it('reads an unset local variable as empty, keeping HOME and XDG_RUNTIME_DIR', () => {
    const rewritten = rewriteDevcontainerPath('${localEnv:HOME}${localEnv:USERPROFILE}/.docker');

    assert.equal(rewritten.value, '${HOME}${USERPROFILE:-}/.docker');
    assert.deepEqual(
      rewritten.sources.slice(7, 24),
      [16, 17, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 38, 38, 39],
    );
  });

  it('reads the workspace folder as a relative path', () => {
    assert.equal(rewriteDevcontainerPath('${localWorkspaceFolder}/.x').value, './.x');
    assert.equal(
      rewriteDevcontainerPath('/w/${localWorkspaceFolderBasename}').value,
      '/w/workspace',
    );
  });
});

describe('devcontainer runArgs (through the container flag analysis)', () => {
  it('reads the value of -v from the next element, spanning the host path only', () => {
    const text =
      '{"name": "a", "runArgs": ["--init", "-v", "/var/run/docker.sock:/var/run/docker.sock"]}';
    const [finding, ...rest] = run(text);

    assert.deepEqual(rest, []);
    assert.equal(finding?.ruleId, 'DSG001');
    assert.deepEqual(finding?.span.range, {
      start: { line: 0, character: 43 },
      end: { line: 0, character: 63 },
    });
    assert.equal(
      finding?.message,
      'Dev container "a" mounts the Docker socket /var/run/docker.sock',
    );
  });

  it('reads --volume=, --mount and a published 2375', () => {
    const text = [
      '{"runArgs": [',
      '  "--volume=/run:/host-run:ro",',
      '  "--mount", "type=bind,source=/var/run/docker.sock,target=/s",',
      '  "-p", "2375:2375"',
      ']}',
    ].join('\n');
    const findings = run(text);

    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.span.range.start.line, spanText(text, f)]),
      [
        ['DSG002', 1, '/run'],
        ['DSG001', 2, '/var/run/docker.sock'],
        ['DSG003', 3, '2375:2375'],
      ],
    );
    assert.equal(findings[0]?.facts.readOnly, true);
  });

  it('maps localEnv paths and JSON escapes to the exact text of the host path', () => {
    const text =
      '{"runArgs": ["-v", "${localEnv:HOME}/.docker:/root/.docker", ' +
      '"-v", "\\/run\\/docker.sock:\\/s"]}';
    const findings = run(text);

    assert.deepEqual(
      findings.map((f) => [f.ruleId, spanText(text, f), f.facts.normalisedPath]),
      [
        ['DSG002', '${localEnv:HOME}/.docker', '~/.docker'],
        ['DSG001', '\\/run\\/docker.sock', '/run/docker.sock'],
      ],
    );
  });

  it('reports --privileged on a Docker-in-Docker image, naming the image', () => {
    const text = '{"image": "docker:dind", "runArgs": ["--privileged"]}';
    const [finding] = run(text);

    assert.equal(finding?.ruleId, 'DSG005');
    assert.equal(spanText(text, finding), '--privileged');
    assert.deepEqual(
      finding?.related.map((r) => spanText(text, { ...finding, span: r.span })),
      ['docker:dind'],
    );
  });

  it('reports DOCKER_HOST given with -e', () => {
    const text = '{"runArgs": ["-e", "DOCKER_HOST=tcp://x:2375"]}';
    const [finding] = run(text);

    assert.equal(finding?.ruleId, 'DSG003');
    assert.equal(spanText(text, finding), 'tcp://x:2375');
  });

  it('never fires on named volumes, flags taken as values or --privileged elsewhere', () => {
    const text = [
      '{"image": "mcr.microsoft.com/devcontainers/base:ubuntu", "runArgs": [',
      '  "-v", "docker-sock:/var/run/docker.sock", "--name", "-v", "--privileged",',
      '  "--label", "sock=/var/run/docker.sock"',
      ']}',
    ].join('\n');

    assert.deepEqual(run(text), []);
  });
});
