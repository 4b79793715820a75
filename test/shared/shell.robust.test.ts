import { strict as assert } from 'assert';
import fc from 'fast-check';
import { analyse } from '../../shared/analyse';

const PIECES = [
  'docker',
  'run',
  'podman',
  'dockerd',
  'sh',
  '-c',
  'env',
  'sudo',
  'export',
  ' ',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\\\n',
  '\\\r\n',
  '"',
  "'",
  '$',
  '$(',
  '${',
  '}',
  '(',
  ')',
  '`',
  '\\',
  '#',
  ';',
  '|',
  '&&',
  '<<',
  '<<-',
  'EOF',
  '-v',
  '-itv',
  '--mount',
  'type=bind,src=',
  ',dst=/x',
  ':',
  ':ro',
  '/var/run/docker.sock',
  '/run',
  '$SOCK',
  'SOCK=',
  'DOCKER_HOST=',
  'tcp://x:2375',
  '-H',
  '--tls',
  '-p',
  '2375:2375',
  '--privileged',
  'docker:dind',
  '-e',
  '=',
  '$$',
  '$(SOCK)',
  '\t@',
  'all:',
  'SOCK := ',
  '.ONESHELL:',
  '🐳',
  'é',
];

const scripts = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('shell and Makefile analysis: robustness', () => {
  for (const fileName of ['script.sh', 'Makefile']) {
    it(`never throws on ${fileName} text and keeps every span inside the text`, () => {
      fc.assert(
        fc.property(scripts, (text) => {
          const result = analyse({ fileName, text });
          for (const finding of [
            ...result.findings,
            ...result.findings.flatMap((f) => f.related),
          ]) {
            const { start, end } = finding.span;
            assert.ok(0 <= start && start <= end && end <= text.length, JSON.stringify(text));
          }
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('places the notice of a here-document left open by the last line inside the text', () => {
    const text = 'docker run -v /var/run/docker.sock:/x alpine\ncat <<EOF\n';
    const { notices } = analyse({ fileName: 'script.sh', text });
    assert.deepEqual(
      notices.map((n) => [n.message, n.span.start, n.span.end]),
      [
        [
          'Shell: here-document without its end line "EOF"; the rest of the file was read as part of it',
          text.length,
          text.length,
        ],
      ],
    );
  });

  it('reads commands nested 200 substitutions deep, deeper ones as text with one notice', () => {
    const run = 'docker run -v /var/run/docker.sock:/x alpine';
    const nest = (n: number): string => `echo ${'$('.repeat(n)}${run}${')'.repeat(n)}\n`;
    const within = analyse({ fileName: 'script.sh', text: nest(199) });
    assert.equal(within.findings.length, 1);
    assert.deepEqual(within.notices, []);

    const text = nest(20_000) + `${run}\n`;
    const past = analyse({ fileName: 'script.sh', text });
    assert.deepEqual(
      past.findings.map((f) => f.span.range.start.line),
      [1],
    );
    assert.deepEqual(
      past.notices.map((n) => [n.severity, n.message, n.span.start]),
      [
        [
          'information',
          'Shell: substitutions nest deeper than 200 levels; what is nested deeper was read as ' +
            'text, not as commands',
          5 + 2 * 201,
        ],
      ],
    );
  });
});
