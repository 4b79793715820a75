import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import { analyseDockerfile } from '../../shared/families/dockerfile';
import { sourceDocument } from '../../shared/model/document';
import type { Finding } from '../../shared/model/finding';
import { resolveOptions, type EngineOptions } from '../../shared/model/options';

const FIXTURES = join(__dirname, '..', 'fixtures', 'dockerfile');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function run(text: string, fileName = 'Dockerfile', options?: EngineOptions): Finding[] {
  return analyse({ fileName, text, options }).findings;
}

/** Rule, start line and character, end line and character. */
function where(finding: Finding): [string, number, number, number, number] {
  const { start, end } = finding.span.range;
  return [finding.ruleId, start.line, start.character, end.line, end.character];
}

describe('Dockerfile: DOCKER_HOST, TLS and ports', () => {
  it('reports every finding of the fixture at its exact place with its message', () => {
    const findings = run(fixture('findings.Dockerfile'));

    assert.deepEqual(findings.map(where), [
      ['DSG003', 5, 23, 5, 25],
      ['DSG003', 6, 7, 6, 15],
      ['DSG003', 9, 16, 9, 33],
      ['DSG004', 11, 17, 11, 34],
      ['DSG003', 12, 7, 12, 16],
    ]);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.message]),
      [
        [
          'error',
          'Instruction ENV runs Docker-in-Docker with TLS turned off (DOCKER_TLS_CERTDIR is empty)',
        ],
        ['error', 'Instruction EXPOSE publishes port 2375/tcp, the Docker API without TLS'],
        ['error', 'Instruction ARG points DOCKER_HOST at tcp://daemon:2375 without TLS'],
        ['warning', 'Instruction ENV uses TLS on tcp://daemon:2376 without verification'],
        ['error', 'Instruction EXPOSE publishes port 2370-2380, the Docker API without TLS'],
      ],
    );
  });

  it('finds nothing in the clean fixture (comments, LABEL, echo, VOLUME, verified TLS)', () => {
    assert.deepEqual(run(fixture('clean.Dockerfile')), []);
  });

  it('names the stage, the instruction and its line in the facts, with the related places', () => {
    const findings = run(fixture('findings.Dockerfile'));
    const [certDir, , , unverified] = findings;

    assert.deepEqual(certDir?.facts, {
      exposure: 'plaintext-tcp',
      owner: { kind: 'instruction', name: 'ENV' },
      image: 'docker:27-dind',
      trusted: undefined,
      endpoint: 'tcp://0.0.0.0:2375',
      detail: { stage: 'daemon', instruction: 'ENV', line: 5 },
    });
    assert.deepEqual(
      certDir?.related.map((r) => [r.message, r.span.range.start, r.span.range.end]),
      [['Docker-in-Docker base image', { line: 3, character: 5 }, { line: 3, character: 12 }]],
    );
    assert.equal(unverified?.facts.endpoint, 'tcp://daemon:2376');
    assert.deepEqual(
      unverified?.related.map((r) => [r.message, r.span.range.start, r.span.range.end]),
      [
        [
          'DOCKER_TLS_VERIFY turns verification off',
          { line: 10, character: 22 },
          { line: 10, character: 23 },
        ],
      ],
    );
  });

  it('reads the legacy ENV form, where the value runs to the end of the line', () => {
    const findings = run('FROM alpine\nENV DOCKER_HOST tcp://docker:2375\n');

    assert.deepEqual(findings.map(where), [['DSG003', 1, 16, 1, 33]]);
    assert.equal(
      findings[0]?.message,
      'Instruction ENV points DOCKER_HOST at tcp://docker:2375 without TLS',
    );
  });

  it('reads several pairs on one line with double and single quotes', () => {
    const text = `FROM alpine\nENV A="x y" DOCKER_HOST='tcp://docker:2375' B=1\n`;

    assert.deepEqual(run(text).map(where), [['DSG003', 1, 25, 1, 42]]);
  });

  it('accepts DOCKER_HOST without a port only when the stage sets DOCKER_TLS_VERIFY', () => {
    assert.deepEqual(run('FROM alpine\nENV DOCKER_HOST=tcp://docker\n').map(where), [
      ['DSG003', 1, 16, 1, 28],
    ]);
    assert.deepEqual(
      run('FROM alpine\nENV DOCKER_HOST=tcp://docker\nENV DOCKER_TLS_VERIFY=1\n'),
      [],
    );
    assert.deepEqual(run('FROM alpine\nARG DOCKER_HOST\nENV DOCKER_HOST=unix:///x.sock\n'), []);
  });

  it('takes DOCKER_TLS_VERIFY and Docker-in-Docker from the stage a stage builds on', () => {
    const text = [
      'FROM docker:dind AS base',
      'ENV DOCKER_TLS_VERIFY=""',
      'FROM base',
      'ENV DOCKER_TLS_CERTDIR= DOCKER_HOST=tcp://localhost:2376',
      '',
    ].join('\n');

    assert.deepEqual(run(text).map(where), [
      ['DSG003', 3, 4, 3, 23],
      ['DSG004', 3, 36, 3, 56],
    ]);
  });

  it('reports an empty DOCKER_TLS_CERTDIR in every spelling, only on a dind base', () => {
    const dind = (line: string) => run(`FROM docker:24-dind\n${line}\n`).map(where);

    assert.deepEqual(dind('ENV DOCKER_TLS_CERTDIR='), [['DSG003', 1, 4, 1, 23]]);
    assert.deepEqual(dind('ENV DOCKER_TLS_CERTDIR=""'), [['DSG003', 1, 23, 1, 25]]);
    assert.deepEqual(dind("ENV DOCKER_TLS_CERTDIR=''"), [['DSG003', 1, 23, 1, 25]]);
    assert.deepEqual(dind('ENV DOCKER_TLS_CERTDIR ""'), [['DSG003', 1, 23, 1, 25]]);
    assert.deepEqual(dind('ENV DOCKER_TLS_CERTDIR=/certs'), []);
    assert.deepEqual(dind('ARG DOCKER_TLS_CERTDIR='), []);
    assert.deepEqual(run('FROM debian:12\nENV DOCKER_TLS_CERTDIR=\n'), []);
  });

  it('reports EXPOSE 2375 with or without tcp, in lists and ranges, never udp or 23750', () => {
    const text = 'FROM alpine\nEXPOSE 80 2375 2375/TCP 2374-2376/tcp 2375/udp 23750 2376\n';

    assert.deepEqual(run(text).map(where), [
      ['DSG003', 1, 10, 1, 14],
      ['DSG003', 1, 15, 1, 23],
      ['DSG003', 1, 24, 1, 37],
    ]);
  });

  it('resolves a port given through ARG or ENV of the stage', () => {
    const findings = run('FROM alpine\nARG PORT=2375\nEXPOSE ${PORT}\n');

    assert.deepEqual(findings.map(where), [['DSG003', 2, 7, 2, 14]]);
    assert.equal(
      findings[0]?.message,
      'Instruction EXPOSE publishes port ${PORT}, the Docker API without TLS',
    );
  });

  it('keeps positions exact across CRLF continuation lines', () => {
    const text = 'FROM alpine\r\nENV A=1 \\\r\n    DOCKER_HOST=tcp://x:2375 \\\r\n    B=2\r\n';

    assert.deepEqual(run(text).map(where), [['DSG003', 2, 16, 2, 28]]);
  });

  it('follows the escape directive (a backtick continues lines)', () => {
    const text = '# escape=`\nFROM alpine\nENV A=C:\\dir `\n    DOCKER_HOST=tcp://x:2375\n';

    assert.deepEqual(run(text).map(where), [['DSG003', 3, 16, 3, 28]]);
  });

  it('measures positions on the text after a byte-order mark', () => {
    const text = '\ufeffFROM alpine\nENV DOCKER_HOST=tcp://x:2375\n';

    assert.deepEqual(run(text).map(where), [['DSG003', 1, 16, 1, 28]]);
  });

  it('counts columns in UTF-16 units after tabs and non-ASCII text', () => {
    const text = 'FROM alpine\nENV\tNOTE="Größe 😀" DOCKER_HOST=tcp://x:2375\n';
    const [finding] = run(text);

    assert.deepEqual(finding && where(finding), ['DSG003', 1, 32, 1, 44]);
    assert.equal(text.slice(finding?.span.start, finding?.span.end), 'tcp://x:2375');
  });

  it('never fires on comments, LABEL values or a VOLUME for the socket', () => {
    const text = [
      '# ENV DOCKER_HOST=tcp://x:2375',
      'FROM alpine',
      '# EXPOSE 2375',
      'LABEL docker.host="tcp://x:2375" port="2375"',
      'VOLUME /var/run/docker.sock /run',
      '',
    ].join('\n');

    assert.deepEqual(run(text), []);
  });

  it('reports a global ARG default where a stage declares the ARG again, once', () => {
    const text = [
      'ARG DOCKER_HOST=tcp://x:2375',
      'FROM alpine',
      'ARG DOCKER_HOST',
      'FROM debian',
      'ARG DOCKER_HOST',
      'FROM busybox',
      '',
    ].join('\n');
    const findings = run(text);

    assert.deepEqual(findings.map(where), [['DSG003', 0, 16, 0, 28]]);
    assert.deepEqual(findings[0]?.facts.detail, { stage: '0', instruction: 'ARG', line: 2 });
    assert.deepEqual(run('ARG DOCKER_HOST=tcp://x:2375\nFROM alpine\n'), []);
  });

  it('names ONBUILD triggers as their own instruction', () => {
    const findings = run('FROM alpine\nONBUILD ENV DOCKER_HOST=tcp://x:2375\n');

    assert.deepEqual(findings.map(where), [['DSG003', 1, 24, 1, 36]]);
    assert.equal(
      findings[0]?.message,
      'Instruction ONBUILD ENV points DOCKER_HOST at tcp://x:2375 without TLS',
    );
  });

  it('reports a trusted base image as information', () => {
    const text = 'FROM tecnativa/docker-socket-proxy:0.2\nENV DOCKER_HOST=tcp://x:2375\n';
    const [finding] = run(text);

    assert.equal(finding?.severity, 'information');
    assert.equal(finding?.facts.trusted, true);
    assert.equal(finding?.facts.image, 'tecnativa/docker-socket-proxy:0.2');
  });

  for (const name of ['Containerfile', 'build/api.Dockerfile', 'Dockerfile.dev', 'x/Dockerfile']) {
    it(`recognises ${name} as a Dockerfile`, () => {
      const result = analyse({ fileName: name, text: 'FROM alpine\nEXPOSE 2375\n' });

      assert.equal(result.kind, 'dockerfile');
      assert.deepEqual(result.findings.map(where), [['DSG003', 1, 7, 1, 11]]);
    });
  }

  it('never throws on text that is not a Dockerfile', () => {
    const doc = sourceDocument(
      'Dockerfile',
      'ENV\nFROM\n\\\n["\u0000 ENV =\nEXPOSE -\nENV DOCKER_HOST',
    );
    const result = analyseDockerfile(doc, resolveOptions());

    assert.deepEqual(result, { findings: [], notices: [] });
  });
});
