import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import type { AnalysisResult } from '../../shared/model/finding';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'ci');

function analyseExample(name: string): { text: string; result: AnalysisResult } {
  const text = readFileSync(join(EXAMPLES, name), 'utf8');
  return { text, result: analyse({ fileName: `examples/ci/${name}`, text }) };
}

/** `DSG003 12:17-12:34 "tcp://docker:2375" message`: rule, 0-based span, text and message. */
function brief(text: string, result: AnalysisResult): string[] {
  return result.findings.map((f) => {
    const { start, end } = f.span.range;
    const covered = JSON.stringify(text.slice(f.span.start, f.span.end));
    const where = `${start.line}:${start.character}-${end.line}:${end.character}`;
    return `${f.ruleId} ${where} ${covered} ${f.message}`;
  });
}

describe('gitlab: examples', () => {
  it('finds every mistake in .gitlab-ci.yml', () => {
    const { text, result } = analyseExample('.gitlab-ci.yml');
    assert.equal(result.kind, 'gitlab-ci');
    assert.deepEqual(brief(text, result), [
      'DSG003 12:17-12:34 "tcp://docker:2375" Job ".docker" points DOCKER_HOST at ' +
        'tcp://docker:2375 without TLS',
      'DSG003 13:24-13:26 "\\"\\"" Job ".docker" runs Docker-in-Docker with TLS turned off ' +
        '(DOCKER_TLS_CERTDIR is empty)',
      'DSG001 29:9-29:29 "/var/run/docker.sock" Job "deploy" mounts the Docker socket ' +
        '/var/run/docker.sock',
    ]);
    assert.deepEqual(result.notices, []);
  });

  it('finds nothing in clean/.gitlab-ci.yml', () => {
    const { result } = analyseExample('clean/.gitlab-ci.yml');
    assert.deepEqual(result, { kind: 'gitlab-ci', findings: [], notices: [] });
  });

  it('finds every mistake in gitlab-runner/config.toml', () => {
    const { text, result } = analyseExample('gitlab-runner/config.toml');
    assert.equal(result.kind, 'gitlab-runner');
    assert.deepEqual(brief(text, result), [
      'DSG003 9:43-9:64 "\\"DOCKER_TLS_CERTDIR=\\"" Runner "docker-builds" runs ' +
        'Docker-in-Docker with TLS turned off (DOCKER_TLS_CERTDIR is empty)',
      'DSG005 12:4-12:21 "privileged = true" Runner "docker-builds" runs the Docker-in-Docker ' +
        'image docker:27-dind privileged',
      'DSG001 14:7-14:27 "/var/run/docker.sock" Runner "docker-builds" mounts the Docker ' +
        'socket /var/run/docker.sock',
    ]);
    assert.deepEqual(result.notices, []);
  });
});
