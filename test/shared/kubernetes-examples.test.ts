import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import type { AnalysisResult } from '../../shared/model/finding';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'kubernetes');

function analyseExample(path: string): { text: string; result: AnalysisResult } {
  const text = readFileSync(join(EXAMPLES, path), 'utf8');
  return { text, result: analyse({ fileName: `examples/kubernetes/${path}`, text }) };
}

/** Rule, 0-based start line and character, and the text the span covers. */
function spans(text: string, result: AnalysisResult): string[] {
  return result.findings.map((f) => {
    const { line, character } = f.span.range.start;
    return `${f.ruleId} ${line}:${character} ${text.slice(f.span.start, f.span.end)}`;
  });
}

describe('kubernetes examples', () => {
  it('shows the socket DaemonSet, the containerd CronJob and the dind Pod', () => {
    const { text, result } = analyseExample('node-agents.yaml');

    assert.equal(result.kind, 'kubernetes');
    assert.deepEqual(spans(text, result), [
      'DSG001 29:18 /var/run/docker.sock',
      'DSG001 60:22 /run/containerd/containerd.sock',
      'DSG005 72:20 true',
      'DSG003 75:17 ""',
      'DSG003 77:25 2375',
      'DSG003 82:17 tcp://localhost:2375',
    ]);
    assert.deepEqual(result.notices, []);
  });

  it('shows the socket of the Helm chart template through its default', () => {
    const { text, result } = analyseExample('chart/templates/daemonset.yaml');

    assert.equal(result.kind, 'helm');
    assert.deepEqual(spans(text, result), ['DSG001 29:50 "/var/run/docker.sock"']);
    assert.equal(
      result.findings[0]?.message,
      'DaemonSet "{{ .Release.Name }}-node-agent" volume "engine-socket" mounts the Docker ' +
        'socket /var/run/docker.sock into container "agent"',
    );
  });

  it('finds nothing in the clean manifest or the chart values', () => {
    for (const path of ['clean.yaml', 'chart/values.yaml', 'chart/Chart.yaml']) {
      assert.deepEqual(analyseExample(path).result.findings, [], path);
    }
  });
});
