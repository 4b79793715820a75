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

/** `DSG001 16:10-16:30 "/var/run/docker.sock"`: rule, 0-based span and the text it covers. */
function brief(text: string, result: AnalysisResult): string[] {
  return result.findings.map((f) => {
    const { start, end } = f.span.range;
    const covered = JSON.stringify(text.slice(f.span.start, f.span.end));
    return `${f.ruleId} ${start.line}:${start.character}-${end.line}:${end.character} ${covered}`;
  });
}

describe('github: examples', () => {
  it('finds every mistake in build.yml', () => {
    const { text, result } = analyseExample('.github/workflows/build.yml');
    assert.equal(result.kind, 'github-actions');
    assert.deepEqual(brief(text, result), [
      'DSG001 16:10-16:30 "/var/run/docker.sock"',
      'DSG003 21:30-21:32 "\\"\\""',
      'DSG005 24:10-24:22 "--privileged"',
      'DSG003 26:19-26:34 "tcp://dind:2375"',
      'DSG001 34:29-34:34 "$SOCK"',
    ]);
    assert.deepEqual(
      result.findings.map((f) => f.message),
      [
        'Job "image" mounts the Docker socket /var/run/docker.sock read-only ' +
          '(read-only does not limit the API)',
        'Service "dind" runs Docker-in-Docker with TLS turned off (DOCKER_TLS_CERTDIR is empty)',
        'Service "dind" runs the Docker-in-Docker image docker:27-dind privileged',
        'Job "image" points DOCKER_HOST at tcp://dind:2375 without TLS',
        'Job "image" mounts the Docker socket $SOCK (/var/run/docker.sock)',
      ],
    );
    assert.deepEqual(result.notices, []);
  });

  it('finds nothing in clean.yml', () => {
    const { result } = analyseExample('.github/workflows/clean.yml');
    assert.deepEqual(result, { kind: 'github-actions', findings: [], notices: [] });
  });
});
