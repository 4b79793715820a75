import { strict as assert } from 'node:assert';
import { analyse } from '../../shared/analyse';
import { makeFinding } from '../../shared/model/build';
import type { FileKind, Finding, RuleId } from '../../shared/model/finding';
import { applySuppressions, readDirectives } from '../../shared/suppress';
import { LineIndex } from '../../shared/text/lines';

/** A finding covering the whole of one line's content. */
function findingOn(lines: LineIndex, line: number, ruleId: RuleId = 'DSG001'): Finding {
  const span = lines.span(lines.lineStart(line), lines.lineEnd(line));
  return makeFinding(ruleId, span, `finding on line ${line}`, {
    exposure: 'socket-mount',
    owner: { kind: 'service', name: 'app' },
  });
}

function run(text: string, kind: FileKind, targets: Array<[number, RuleId]>) {
  const lines = new LineIndex(text);
  const findings = targets.map(([line, rule]) => findingOn(lines, line, rule));
  const result = applySuppressions(text, lines, kind, findings);
  return {
    kept: result.findings.map((f) => `${f.ruleId}@${f.span.range.start.line}`),
    suppressed: result.suppressed.map((f) => `${f.ruleId}@${f.span.range.start.line}`),
    notices: result.notices.map((n) => ({
      severity: n.severity,
      message: n.message,
      range: n.span.range,
      text: text.slice(n.span.start, n.span.end),
    })),
  };
}

describe('inline suppression', () => {
  describe('line directives with # comments', () => {
    const text = [
      'services:',
      '  app:',
      '    volumes:',
      '      # docker-socket-guard-ignore DSG001: the CI agent drives the host daemon on purpose',
      '      - /var/run/docker.sock:/var/run/docker.sock',
      '      - /run/containerd:/run/containerd',
    ].join('\n');

    it('suppresses the named rule on the next line only', () => {
      const result = run(text, 'compose', [
        [4, 'DSG001'],
        [4, 'DSG002'],
        [5, 'DSG001'],
      ]);
      assert.deepEqual(result, {
        kept: ['DSG002@4', 'DSG001@5'],
        suppressed: ['DSG001@4'],
        notices: [],
      });
    });

    it('reads the rules, the reason and the scope', () => {
      const [directive] = readDirectives(text, 'compose');
      assert.deepEqual(
        directive && { scope: directive.scope, rules: directive.rules, reason: directive.reason },
        {
          scope: 'line',
          rules: ['DSG001'],
          reason: 'the CI agent drives the host daemon on purpose',
        },
      );
    });
  });

  it('takes several rules, separated by commas, in any case', () => {
    const text = [
      'docker run \\',
      '  # docker-socket-guard-ignore dsg001 , DSG003: throwaway lab VM',
      '  -v /var/run/docker.sock:/var/run/docker.sock -e DOCKER_HOST=tcp://lab:2375 img',
    ].join('\n');
    const result = run(text, 'shell', [
      [2, 'DSG001'],
      [2, 'DSG003'],
      [2, 'DSG005'],
    ]);
    assert.deepEqual(result.kept, ['DSG005@2']);
    assert.deepEqual(result.suppressed, ['DSG001@2', 'DSG003@2']);
  });

  it('suppresses in the whole file with the -file directive, wherever it stands', () => {
    const text = [
      'FROM docker:27-cli',
      'ENV DOCKER_HOST=tcp://docker:2375',
      'RUN docker run -v /var/run/docker.sock:/var/run/docker.sock img',
      '# docker-socket-guard-ignore-file DSG003: the build network is isolated',
    ].join('\n');
    const result = run(text, 'dockerfile', [
      [1, 'DSG003'],
      [2, 'DSG001'],
    ]);
    assert.deepEqual(result, { kept: ['DSG001@2'], suppressed: ['DSG003@1'], notices: [] });
  });

  it('accepts a directive after code on the same line, for the line below', () => {
    const text = ['build: # docker-socket-guard-ignore DSG005: sysbox node', '  script: x'].join(
      '\n',
    );
    assert.deepEqual(run(text, 'gitlab-ci', [[1, 'DSG005']]).suppressed, ['DSG005@1']);
  });

  it('reports a directive without a reason and suppresses nothing', () => {
    const text = ['  # docker-socket-guard-ignore DSG001', '  - /var/run/docker.sock:/x'].join(
      '\n',
    );
    assert.deepEqual(run(text, 'compose', [[1, 'DSG001']]), {
      kept: ['DSG001@1'],
      suppressed: [],
      notices: [
        {
          severity: 'warning',
          message:
            'Suppression comment gives no reason and suppresses nothing: ' +
            'write "docker-socket-guard-ignore DSG001: <reason>"',
          range: { start: { line: 0, character: 4 }, end: { line: 0, character: 37 } },
          text: 'docker-socket-guard-ignore DSG001',
        },
      ],
    });
  });

  it('treats a colon followed by blanks as no reason', () => {
    const text = '# docker-socket-guard-ignore-file DSG002:   \nx: /run:/run';
    const result = run(text, 'compose', [[1, 'DSG002']]);
    assert.deepEqual(result.kept, ['DSG002@1']);
    assert.deepEqual(
      result.notices.map((n) => [n.message, n.text]),
      [
        [
          'Suppression comment gives no reason and suppresses nothing: ' +
            'write "docker-socket-guard-ignore-file DSG001: <reason>"',
          'docker-socket-guard-ignore-file DSG002:',
        ],
      ],
    );
  });

  it('reports an unknown rule on its span and suppresses nothing, not even the known one', () => {
    const text = ['# docker-socket-guard-ignore DSG001,DSG009: legacy', 'x'].join('\n');
    assert.deepEqual(run(text, 'compose', [[1, 'DSG001']]), {
      kept: ['DSG001@1'],
      suppressed: [],
      notices: [
        {
          severity: 'warning',
          message:
            'Suppression comment names unknown rule "DSG009" and suppresses nothing: ' +
            'the rules are DSG001 to DSG005',
          range: { start: { line: 0, character: 36 }, end: { line: 0, character: 42 } },
          text: 'DSG009',
        },
      ],
    });
  });

  it('reports a directive that names no rule', () => {
    const text = '#docker-socket-guard-ignore: because\nx';
    assert.deepEqual(run(text, 'shell', [[1, 'DSG001']]).notices, [
      {
        severity: 'warning',
        message:
          'Suppression comment names no rule: write "docker-socket-guard-ignore DSG001: <reason>"',
        range: { start: { line: 0, character: 1 }, end: { line: 0, character: 36 } },
        text: 'docker-socket-guard-ignore: because',
      },
    ]);
  });

  it('reports a misspelt directive', () => {
    const text = '# docker-socket-guard-ignore-next-line DSG001: x\ny';
    const result = run(text, 'makefile', [[1, 'DSG001']]);
    assert.deepEqual(result.kept, ['DSG001@1']);
    assert.deepEqual(
      result.notices.map((n) => [n.message, n.text]),
      [
        [
          'Unknown suppression comment "docker-socket-guard-ignore-next-line": ' +
            'use docker-socket-guard-ignore or docker-socket-guard-ignore-file',
          'docker-socket-guard-ignore-next-line',
        ],
      ],
    );
  });

  it('ignores the marker inside quotes or after other comment text', () => {
    const text = [
      'echo "# docker-socket-guard-ignore DSG001: not a comment"',
      'docker run -v /var/run/docker.sock:/s img',
      '# see docker-socket-guard-ignore DSG001: prose',
      'docker run -v /var/run/docker.sock:/s img',
    ].join('\n');
    assert.deepEqual(
      run(text, 'shell', [
        [1, 'DSG001'],
        [3, 'DSG001'],
      ]),
      { kept: ['DSG001@1', 'DSG001@3'], suppressed: [], notices: [] },
    );
  });

  describe('JSONC (devcontainer.json)', () => {
    it('reads // and /* */ comments, not // inside strings', () => {
      const text = [
        '{',
        '  "image": "https://example.test/ // docker-socket-guard-ignore DSG001: no",',
        '  "mounts": [',
        '    // docker-socket-guard-ignore DSG001: the dev container builds images',
        '    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",',
        '    /* docker-socket-guard-ignore DSG002:',
        '       the runtime folder is needed for the agent */',
        '    "source=/run,target=/host-run,type=bind"',
        '  ]',
        '}',
      ].join('\n');
      assert.deepEqual(
        run(text, 'devcontainer', [
          [2, 'DSG001'],
          [4, 'DSG001'],
          [7, 'DSG002'],
        ]),
        { kept: ['DSG001@2'], suppressed: ['DSG001@4', 'DSG002@7'], notices: [] },
      );
      assert.equal(
        readDirectives(text, 'devcontainer')[1]?.reason,
        'the runtime folder is needed for the agent',
      );
    });

    it('spans a notice inside a block comment up to the closing mark', () => {
      const text = '{ /* docker-socket-guard-ignore DSG007: x */ "a": 1 }';
      assert.deepEqual(
        run(text, 'devcontainer', []).notices.map((n) => n.text),
        ['DSG007'],
      );
    });
  });

  it('has no comments, hence no suppression, in daemon.json', () => {
    const text =
      '{\n  "hosts": ["tcp://0.0.0.0:2375"] \n}\n// docker-socket-guard-ignore-file DSG003: x';
    assert.deepEqual(run(text, 'daemon-json', [[1, 'DSG003']]), {
      kept: ['DSG003@1'],
      suppressed: [],
      notices: [],
    });
  });

  describe('through analyse()', () => {
    const mount = '      - /var/run/docker.sock:/var/run/docker.sock\n';
    const head = 'services:\n  agent:\n    image: ci/agent\n    volumes:\n';

    it('drops a suppressed Compose finding', () => {
      const comment =
        '      # docker-socket-guard-ignore DSG001: the agent starts build containers\n';
      const text = `${head}${comment}${mount}`;
      const result = analyse({ fileName: 'compose.yaml', text });
      assert.deepEqual([result.findings.length, result.notices.length], [0, 0]);
    });

    it('keeps the finding and adds a warning when the reason is missing', () => {
      const text = `${head}      # docker-socket-guard-ignore DSG001\n${mount}`;
      const result = analyse({ fileName: 'compose.yaml', text });
      assert.deepEqual(
        result.findings.map((f) => [f.ruleId, f.span.range.start.line]),
        [['DSG001', 5]],
      );
      assert.deepEqual(
        result.notices.map((n) => [n.severity, n.span.range]),
        [['warning', { start: { line: 4, character: 8 }, end: { line: 4, character: 41 } }]],
      );
    });
  });
});
