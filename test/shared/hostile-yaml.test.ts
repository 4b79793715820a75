import { strict as assert } from 'assert';
import { analyseChecked, found, told } from '../fuzz/check';

/**
 * Hostile and broken YAML through `analyse()`: Compose, Kubernetes and CI files that are broken
 * mid-file, explosive, nested without end, huge or templated. Each ends quickly,
 * throws nothing and says what it could not read.
 */

const SOCK = '/var/run/docker.sock:/var/run/docker.sock';

const NESTING_NOTICE = (line: number): string =>
  `File nests deeper than the 500-level limit (dockerSocketGuard.limits.maxNesting) at line ${line}; it was not analysed.`;

/** Nine levels of nine aliases each: expanded, 9^9 strings. */
function aliasBomb(): string {
  const names = 'abcdefghi';
  let text = 'x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
  for (let i = 1; i < names.length; i++) {
    const previous = `*${names[i - 1]}`;
    text += `x-${names[i]}: &${names[i]} [${Array(9).fill(previous).join(', ')}]\n`;
  }
  return text;
}

describe('hostile input: YAML', () => {
  it('reports the valid Compose documents of a stream broken in the middle, with one notice', () => {
    const text =
      `services:\n  a:\n    image: a\n    volumes: ["${SOCK}"]\n---\n` +
      `services:\n  b: [unclosed\n    image: b\n---\n` +
      `services:\n  c:\n    image: c\n    volumes:\n      - ${SOCK}\n`;
    const result = analyseChecked({ fileName: 'compose.yaml', text });
    assert.deepEqual(found(text, result), [`DSG001 3:14 "\\"${SOCK}\\""`, `DSG001 13:8 "${SOCK}"`]);
    assert.deepEqual(told(result), [
      'information 6:6: YAML error at line 7, column 7: Implicit keys of flow sequence pairs need ' +
        'to be on a single line. Findings cover only the part that could be read.',
    ]);
  });

  it('reports the valid Kubernetes documents of a stream broken in the middle, with one notice', () => {
    const pod = (name: string, path: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  volumes:\n` +
      `    - name: s\n      hostPath:\n        path: ${path}\n`;
    const text =
      `${pod('a', '/var/run/docker.sock')}---\napiVersion: v1\nkind: Pod\nmetadata: {name: b\n` +
      `spec: ]]\n---\n${pod('c', '/run/containerd/containerd.sock')}`;
    const result = analyseChecked({ fileName: 'pods.yaml', text });
    assert.deepEqual(found(text, result), [
      'DSG001 8:14 "/var/run/docker.sock"',
      'DSG001 23:14 "/run/containerd/containerd.sock"',
    ]);
    assert.deepEqual(told(result), [
      'information 13:0: Document 2 (lines 10-14) could not be parsed as YAML (Flow map in block ' +
        'collection must be sufficiently indented and end with a }, line 14); it was scanned ' +
        'line by line instead',
    ]);
  });

  // The parser notices an unclosed flow sequence on the line after it.
  it('keeps what a CI file says before its syntax error, with one notice at the error', () => {
    const workflow =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container:\n      image: node\n' +
      `      volumes:\n        - ${SOCK}\n  b:\n    runs-on: [unclosed\n    steps:\n` +
      '      - run: echo\n';
    const gitlab =
      'build:\n  image: docker\n  variables:\n    DOCKER_HOST: tcp://docker:2375\n' +
      '  script:\n    - docker info\ntest:\n  script: [unclosed\nlint:\n  script: [make lint]\n';

    const github = analyseChecked({ fileName: '.github/workflows/ci.yml', text: workflow });
    assert.deepEqual(found(workflow, github), ['DSG001 7:10 "/var/run/docker.sock"']);
    assert.deepEqual(
      github.notices.map((n) => n.span.range.start.line),
      [10],
    );

    const ci = analyseChecked({ fileName: '.gitlab-ci.yml', text: gitlab });
    assert.deepEqual(found(gitlab, ci), ['DSG003 3:17 "tcp://docker:2375"']);
    assert.deepEqual(
      ci.notices.map((n) => n.span.range.start.line),
      [8],
    );
  });

  // The YAML parser reports an unclosed quote at the end one character past the text.
  it('Compose: a YAML error at the very end of the file gets a notice inside the file', () => {
    for (const end of ['', '\n']) {
      const text = `services:\n  a:\n    volumes: ["${SOCK}"]\n  b:\n    image: "unclosed${end}`;
      const result = analyseChecked({ fileName: 'compose.yaml', text });
      assert.equal(result.findings.length, 1);
      assert.deepEqual(
        result.notices.map((n) => [n.span.start, n.span.end]),
        [[text.length, text.length]],
      );
    }
  });

  it('CI files: a YAML error at the very end of the file gets a notice inside the file', () => {
    const cases: Array<[string, string]> = [
      ['.gitlab-ci.yml', `b:\n  script: [docker run -v ${SOCK} alpine]\nc: "unclosed\n`],
      [
        '.github/workflows/ci.yml',
        `on: push\njobs:\n  b:\n    container: {image: x, volumes: ["${SOCK}"]}\n    x: "unclosed\n`,
      ],
    ];
    for (const [fileName, text] of cases) {
      const result = analyseChecked({ fileName, text });
      assert.equal(result.findings.length, 1, fileName);
      assert.equal(result.notices.length, 1, fileName);
    }
  });

  it('never expands an alias bomb, in any YAML family', () => {
    const cases: Array<[string, string, string[]]> = [
      [
        'compose.yaml',
        `${aliasBomb()}services:\n  a:\n    image: x\n    labels: *i\n  b:\n    volumes: ["${SOCK}"]\n`,
        [`DSG001 14:14 "\\"${SOCK}\\""`],
      ],
      [
        'bomb.yaml',
        `${aliasBomb()}apiVersion: v1\nkind: Pod\nmetadata:\n  labels: *i\nspec:\n` +
          '  volumes: [{name: s, hostPath: {path: /var/run/docker.sock}}]\n',
        ['DSG001 14:39 "/var/run/docker.sock"'],
      ],
      [
        '.github/workflows/bomb.yml',
        `${aliasBomb()}on: push\njobs:\n  a: *i\n  b:\n    runs-on: x\n` +
          `    container: {image: x, volumes: ["${SOCK}"]}\n`,
        ['DSG001 14:37 "/var/run/docker.sock"'],
      ],
      [
        '.gitlab-ci.yml',
        `${aliasBomb()}a: *i\nb:\n  script: [docker run -v ${SOCK} alpine]\n`,
        ['DSG001 11:25 "/var/run/docker.sock"'],
      ],
    ];
    for (const [fileName, text, expected] of cases) {
      assert.deepEqual(found(text, analyseChecked({ fileName, text })), expected, fileName);
    }
  });

  it('stops 10,000 levels of flow and block nesting before the parser, in every YAML family', () => {
    const flow = '['.repeat(10_000) + ']'.repeat(10_000);
    const block = '- '.repeat(10_000) + 'x';
    const cases: Array<[string, string]> = [
      ['compose.yaml', `services:\n  a:\n    volumes: ${flow}\n`],
      ['compose.yaml', `services:\n  a:\n    volumes:\n      ${block}\n`],
      ['deploy.yaml', `apiVersion: v1\nkind: Pod\nspec: ${flow}\n`],
      ['deploy.yaml', `apiVersion: v1\nkind: Pod\nspec:\n  ${block}\n`],
      ['.github/workflows/ci.yml', `on: push\njobs: ${flow}\n`],
      ['.gitlab-ci.yml', `job:\n  script:\n    ${block}\n`],
    ];
    const lines = [3, 4, 3, 4, 2, 3];
    cases.forEach(([fileName, text], i) => {
      const result = analyseChecked({ fileName, text: `# /var/run/docker.sock\n${text}` });
      assert.deepEqual(result.findings, []);
      assert.deepEqual(
        result.notices.map((n) => n.message),
        [NESTING_NOTICE((lines[i] ?? 0) + 1)],
        `${fileName} #${i}`,
      );
    });
  });

  it('stops a block mapping indented 1,000 levels deep', () => {
    const ladder = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    const text = `services:\n  a:\n    volumes: ["${SOCK}"]\n${ladder} x\n`;
    const result = analyseChecked({ fileName: 'compose.yaml', text });
    assert.deepEqual(told(result), [`information 503:500: ${NESTING_NOTICE(504)}`]);
  });

  it('reads duplicate keys as the parsers do: Compose refuses, Kubernetes takes both', () => {
    const compose =
      `services:\n  a:\n    image: x\n    volumes:\n      - ${SOCK}\n    image: y\n` +
      '  a:\n    volumes:\n      - /run/containerd/containerd.sock:/c\n';
    const result = analyseChecked({ fileName: 'compose.yaml', text: compose });
    assert.deepEqual(found(compose, result), [`DSG001 4:8 "${SOCK}"`]);
    assert.deepEqual(told(result), [
      'information 5:4: YAML error at line 6, column 5: Map keys must be unique. Findings cover ' +
        'only the part that could be read.',
    ]);

    const pod =
      'apiVersion: v1\nkind: Pod\nkind: Pod\nspec:\n  volumes:\n    - name: s\n' +
      '      hostPath: {path: /var/run/docker.sock}\n  volumes:\n    - name: t\n' +
      '      hostPath: {path: /run/containerd/containerd.sock}\n';
    assert.deepEqual(found(pod, analyseChecked({ fileName: 'pod.yaml', text: pod })), [
      'DSG001 6:23 "/var/run/docker.sock"',
      'DSG001 9:23 "/run/containerd/containerd.sock"',
    ]);
  });

  // The YAML parser's own check compared every key with every earlier one: quadratic.
  it('reads a Compose mapping of 60,000 keys in linear time, repeated keys still told', () => {
    const variables = Array.from({ length: 60_000 }, (_, i) => `      VAR_${i}: v\n`).join('');
    const text =
      `services:\n  a:\n    volumes: ["${SOCK}"]\n    environment:\n${variables}` +
      '      VAR_7: again\n';
    const result = analyseChecked({ fileName: 'compose.yaml', text });
    assert.deepEqual(found(text, result), [`DSG001 2:14 "\\"${SOCK}\\""`]);
    assert.deepEqual(told(result), [
      'information 60004:6: YAML error at line 60005, column 7: Map keys must be unique. ' +
        'Findings cover only the part that could be read.',
    ]);
  });

  it('says so when tabs indent the YAML, and reads what it can', () => {
    const tabbed = `services:\n\ta:\n\t\timage: x\n\t\tvolumes:\n\t\t\t- ${SOCK}\n`;
    const compose = analyseChecked({ fileName: 'compose.yaml', text: tabbed });
    assert.deepEqual(found(tabbed, compose), []);
    assert.deepEqual(told(compose), [
      'information 1:0: YAML error at line 2, column 1: Tabs are not allowed as indentation. ' +
        'Findings cover only the part that could be read.',
    ]);

    const pod =
      'apiVersion: v1\nkind: Pod\nspec:\n\tvolumes:\n\t\t- name: s\n' +
      '\t\t  hostPath: {path: /var/run/docker.sock}\n';
    const kubernetes = analyseChecked({ fileName: 'pod.yaml', text: pod });
    assert.deepEqual(found(pod, kubernetes), ['DSG001 5:21 "/var/run/docker.sock"']);
    assert.deepEqual(told(kubernetes), [
      'information 3:0: Document 1 (lines 1-6) could not be parsed as YAML (Tabs are not allowed ' +
        'as indentation, line 4); it was scanned line by line instead',
    ]);
  });

  it('reads a YAML file with one 5 MB line', () => {
    const long = 'x'.repeat(5_000_000);
    const cases: Array<[string, string, string[]]> = [
      [
        'compose.yaml',
        `services:\n  a:\n    image: "${long}"\n    volumes: ["${SOCK}"]\n`,
        [`DSG001 3:14 "\\"${SOCK}\\""`],
      ],
      [
        'pod.yaml',
        `apiVersion: v1\nkind: Pod\nmetadata: {name: ${long}}\nspec:\n` +
          '  volumes: [{name: s, hostPath: {path: /var/run/docker.sock}}]\n',
        ['DSG001 4:39 "/var/run/docker.sock"'],
      ],
      [
        '.gitlab-ci.yml',
        `lint:\n  script:\n    - echo ${long}\nbuild:\n  script:\n    - docker run -v ${SOCK} alpine\n`,
        ['DSG001 5:20 "/var/run/docker.sock"'],
      ],
    ];
    for (const [fileName, text, expected] of cases) {
      const result = analyseChecked({ fileName, text });
      assert.deepEqual(found(text, result), expected, fileName);
      assert.deepEqual(result.notices, [], fileName);
    }
  });

  it('reads Helm templates and says what a Jinja-templated Compose file hides', () => {
    const helm =
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ include "x.fullname" . }}\n' +
      'spec:\n  template:\n    spec:\n      {{- if .Values.socket }}\n      volumes:\n' +
      '        - name: sock\n          hostPath:\n' +
      '            path: {{ .Values.socketPath | default "/var/run/docker.sock" }}\n' +
      '      {{- end }}\n      containers:\n        - name: a\n          image: {{ .Values.image }}\n';
    const chart = analyseChecked({ fileName: 'chart/templates/ds.yaml', text: helm });
    assert.deepEqual(found(helm, chart), ['DSG001 11:50 "\\"/var/run/docker.sock\\""']);
    assert.deepEqual(chart.notices, []);

    const jinja =
      `services:\n{% for name in apps %}\n  {{ name }}:\n    volumes:\n      - ${SOCK}\n` +
      '{% endfor %}\n';
    const templated = analyseChecked({ fileName: 'compose.yaml', text: jinja });
    assert.deepEqual(found(jinja, templated), []);
    assert.deepEqual(told(templated), [
      'information 1:1: YAML error at line 2, column 2: Plain value cannot start with directive ' +
        'indicator character %. Findings cover only the part that could be read.',
    ]);
  });
});
