import { strict as assert } from 'assert';
import fc from 'fast-check';
import { analyse } from '../../shared/analyse';
import { scanToml, type TomlValue } from '../../shared/families/gitlab/toml';

/** A value as plain data: strings with the document text under each mapped character. */
function plain(text: string, value: TomlValue | undefined): unknown {
  if (!value) return undefined;
  switch (value.kind) {
    case 'string': {
      const mapped = value.text;
      const where =
        mapped.text.length === 0
          ? ''
          : `@${mapped.toDocument(0)}-${mapped.toDocumentEnd(mapped.text.length)}`;
      return `${mapped.text}${where}`;
    }
    case 'bool':
      return value.value;
    case 'raw':
      return `raw:${value.raw}`;
    case 'array':
      return value.items.map((item) => plain(text, item));
    case 'table':
      return Object.fromEntries(value.entries.map((e) => [e.key.join('.'), plain(text, e.value)]));
  }
}

describe('gitlab runner: the TOML subset scanner', () => {
  it('reads tables, array tables, dotted and quoted keys in order', () => {
    const text = [
      'top = 1',
      '[[runners]]',
      '  name = "a"',
      '  [ runners . docker ]',
      '    "quoted key" = true',
      "    'literal key'.sub = false",
      '[[runners]]',
      '',
    ].join('\n');
    const { tables, problems } = scanToml(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      tables.map((t) => [t.path.join('.'), t.array, t.entries.map((e) => e.key.join('.'))]),
      [
        ['', false, ['top']],
        ['runners', true, ['name']],
        ['runners.docker', false, ['quoted key', 'literal key.sub']],
        ['runners', true, []],
      ],
    );
  });

  it('reads arrays over several lines with comments, trailing commas and nesting', () => {
    const text =
      'v = [\n  "a", # one\n  # "commented",\n  [\'b\', 2],\n  { x = "c", y = [] },\n]\n';
    const { tables, problems } = scanToml(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(plain(text, tables[0]?.entries[0]?.value), [
      'a@9-10',
      ['b@40-41', 'raw:2'],
      { x: 'c@57-58', y: [] },
    ]);
  });

  it('maps escapes of basic strings and keeps # inside strings', () => {
    const text = 'a = "x\\ty\\"#z" # c\nb = \'C:\\path#1\'\n';
    const { tables } = scanToml(text);
    const [a, b] = tables[0]?.entries ?? [];
    assert.equal(plain(text, a?.value), 'x\ty"#z@5-13');
    assert.equal(a?.value.kind === 'string' && a.value.text.toDocument(1), 6);
    assert.equal(a?.value.kind === 'string' && a.value.text.toDocumentEnd(2), 8);
    assert.equal(plain(text, b?.value), 'C:\\path#1@24-33');
  });

  it('reads multi-line strings, trimming the first break and line-ending backslashes', () => {
    const text = 'a = """\nfirst \\\n    second"""\nb = \'\'\'\r\nraw \\n\'\'\'\n';
    const { tables, problems } = scanToml(text);
    assert.deepEqual(problems, []);
    const [a, b] = tables[0]?.entries ?? [];
    assert.equal(plain(text, a?.value), 'first second@8-26');
    assert.equal(plain(text, b?.value), 'raw \\n@39-45');
  });

  it('reports an unreadable line as a problem and reads on', () => {
    const text = 'a = [1,\nb = 2\n= 3\nc = "ok"\n';
    const { tables, problems } = scanToml(text);
    assert.deepEqual(
      problems.map((p) => [p.start, p.message]),
      [
        [10, 'Expected , or ]'],
        [14, 'Expected a key'],
      ],
    );
    assert.deepEqual(
      tables[0]?.entries.map((e) => e.key.join('.')),
      ['c'],
    );
  });

  it('never throws, whatever the text', () => {
    const alphabet = fc.constantFrom(
      '[',
      ']',
      '"',
      "'",
      '=',
      '#',
      '\n',
      '\r',
      ' ',
      'a',
      '\\',
      ',',
      '{',
      '}',
      '.',
      'u',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')),
        (text) => {
          const { problems } = scanToml(text);
          for (const p of problems) assert.ok(p.start >= 0 && p.end <= text.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('ci families: never throw on arbitrary text', () => {
  const yamlPieces = fc.constantFrom(
    'jobs:',
    'variables:',
    'services:',
    'steps:',
    'script:',
    'env:',
    'extends: [a, .b]',
    '.b:',
    'a:',
    '\n',
    '\r\n',
    '  ',
    '\t',
    '- ',
    'run: ',
    '|',
    '>-',
    '|2+',
    '"',
    "'",
    '\\',
    '&x ',
    '*x',
    '<<: ',
    '!reference ',
    '#',
    '{',
    '}',
    '[',
    ']',
    ',',
    'docker run -v /var/run/docker.sock:/x',
    'image: docker:dind',
    'options: --privileged',
    'volumes: [/run:/r]',
    'DOCKER_HOST: tcp://x:2375',
    'DOCKER_TLS_CERTDIR: ""',
    'é🐳',
  );
  const tomlPieces = fc.constantFrom(
    '[[runners]]',
    '[runners.docker]',
    '[[runners.docker.services]]',
    '[[runners.kubernetes.volumes.host_path]]',
    '\n',
    '\r\n',
    ' ',
    'name = "docker:dind"',
    'privileged = true',
    'image = "docker:dind"',
    'host_path = "/var/run/docker.sock"',
    'volumes = ["/var/run/docker.sock:/x", ',
    'environment = ["DOCKER_TLS_CERTDIR="]',
    'host = "tcp://h:2375"',
    '"""',
    "'''",
    '\\',
    '#',
    '=',
    ']',
    '{',
  );

  for (const kind of ['github-actions', 'gitlab-ci'] as const) {
    it(`analyses any ${kind} text without an exception`, () => {
      fc.assert(
        fc.property(fc.array(yamlPieces, { maxLength: 40 }), (pieces) => {
          const result = analyse({
            fileName: 'x.yml',
            kind,
            text: pieces.join(''),
            skipPrefilter: true,
          });
          assert.equal(result.kind, kind);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('analyses any runner config text without an exception', () => {
    fc.assert(
      fc.property(fc.array(tomlPieces, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const result = analyse({
          fileName: 'config.toml',
          kind: 'gitlab-runner',
          text,
          skipPrefilter: true,
        });
        assert.equal(result.kind, 'gitlab-runner');
      }),
      { numRuns: 300 },
    );
  });

  it('walks aliases of aliases once instead of expanding them', () => {
    const levels = ['a: &a [docker run -v /var/run/docker.sock:/x, "y"]'];
    for (let i = 1; i < 9; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const text = `${levels.map((l) => `.${l}`).join('\n')}\njob:\n  script: *i\n`;
    const result = analyse({ fileName: '.gitlab-ci.yml', text });
    assert.deepEqual(
      result.findings.map((f) => f.span.range.start),
      [{ line: 0, character: 22 }],
    );
  });
});
