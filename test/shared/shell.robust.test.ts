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
});
