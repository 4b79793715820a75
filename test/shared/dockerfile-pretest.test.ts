import { strict as assert } from 'assert';
import { DockerfileParser, From } from 'dockerfile-ast';
import fc from 'fast-check';
import { analyseDockerfile } from '../../shared/families/dockerfile';
import { readFrom } from '../../shared/families/dockerfile/from';
import { sourceDocument } from '../../shared/model/document';
import type { Finding } from '../../shared/model/finding';
import { resolveOptions, type EngineOptions } from '../../shared/model/options';
import { engineSamples } from '../fuzz/corpus';
import { fuzzRuns } from '../fuzz/runs';

/**
 * The Dockerfile analysis rules most instructions out with a test of their own text before it
 * builds anything for them. These tests analyse the same text with and without that test and
 * require the same findings, on every Dockerfile among the fixtures and examples, on instructions
 * built to slip past a careless test, and on random Dockerfiles made of such instructions.
 */

function findings(text: string, every: boolean, options?: EngineOptions): Finding[] {
  const doc = sourceDocument('Dockerfile', text);
  return analyseDockerfile(doc, resolveOptions(options), every).findings;
}

function assertSame(text: string, options?: EngineOptions): Finding[] {
  const pretested = findings(text, false, options);
  assert.deepEqual(pretested, findings(text, true, options));
  return pretested;
}

/** Each case holds findings that a test reading the instruction's words naively would lose. */
const CASES: ReadonlyArray<[string, string, string[]]> = [
  [
    'a socket path in a variable set earlier in the stage',
    'ENV S=/var/run/docker.sock\nRUN echo\nRUN docker run -v $S:/s img',
    ['DSG001'],
  ],
  [
    'a socket path inherited from the stage built on',
    'FROM alpine AS base\nENV S=/var/run/docker.sock\nFROM base\nRUN docker run -v ${S}:/s img',
    ['DSG001'],
  ],
  [
    'a word split over a continued line',
    'RUN docker run -v /var/r\\\nun/docker.sock:/s img',
    ['DSG001'],
  ],
  [
    'a word split around a comment line',
    'RUN docker run -v /var/r\\\n# note\nun/docker.s\\\nock:/s img',
    ['DSG001'],
  ],
  [
    'the body of RUN <<EOF',
    'RUN <<EOF\ndocker run -v /var/run/docker.sock:/s img\nEOF',
    ['DSG001'],
  ],
  [
    'sh -c in exec form',
    'CMD ["sh", "-c", "docker run -v /var/run/docker.sock:/s img"]',
    ['DSG001'],
  ],
  ['an ONBUILD trigger', 'ONBUILD RUN docker run -v /var/run/docker.sock:/s img', ['DSG001']],
  ['DOCKER_HOST in ENV', 'ENV DOCKER_HOST=tcp://10.0.0.1:2375', ['DSG003']],
  [
    'DOCKER_HOST split over a continued line',
    'ENV DOCKER_\\\nHOST=tcp://10.0.0.1:2375',
    ['DSG003'],
  ],
  ['DOCKER_HOST quoted', 'ENV "DOCKER_HOST"=tcp://10.0.0.1:2375', ['DSG003']],
  ['DOCKER_HOST escaped', 'ENV DOCKER\\_HOST=tcp://10.0.0.1:2375', ['DSG003']],
  [
    'DOCKER_HOST from a global ARG',
    'ARG DOCKER_HOST=tcp://10.0.0.1:2375\nFROM alpine\nARG DOCKER_HOST',
    ['DSG003'],
  ],
  ['DOCKER_HOST in an ONBUILD trigger', 'ONBUILD ENV DOCKER_HOST=tcp://10.0.0.1:2375', ['DSG003']],
  [
    'TLS turned off in Docker-in-Docker',
    'FROM docker:27-dind AS d\nFROM d\nENV DOCKER_TLS_CERTDIR=',
    ['DSG003'],
  ],
  ['EXPOSE split over a continued line', 'EXPOSE 23\\\n75', ['DSG003']],
  ['EXPOSE through an ARG', 'ARG PORT=2375\nEXPOSE ${PORT}', ['DSG003']],
  ['EXPOSE of a range', 'EXPOSE 2000-3000/tcp', ['DSG003']],
  [
    'CMD flags under a dockerd entrypoint',
    'ENTRYPOINT ["dockerd"]\nCMD ["-H", "tcp://0.0.0.0:2375"]',
    ['DSG003'],
  ],
  [
    'a SHELL switched back to sh',
    'SHELL ["pwsh", "-c"]\nSHELL ["/bin/sh", "-c"]\nRUN docker run -v /var/run/docker.sock:/s img',
    ['DSG001'],
  ],
];

/** Instructions to make random Dockerfiles of: findings, near misses and noise. */
const SNIPPETS = [
  'FROM alpine',
  'FROM docker:dind AS dind',
  'FROM dind',
  'FROM --platform=linux/amd64 ${BASE} as base',
  'FROM base',
  'ARG BASE=alpine',
  'ARG PORT=2375',
  'ARG DOCKER_HOST',
  'ENV S=/var/run/docker.sock',
  'ENV S=/opt/data',
  'ENV DOCKER_HOST=tcp://10.0.0.1:2375',
  'ENV DOCKER_TLS_VERIFY=1',
  'ENV DOCKER_TLS_CERTDIR=',
  'ENV DOCKER_\\\nHOST=tcp://10.0.0.1:2376',
  'RUN docker run -v $S:/s img',
  'RUN docker run -v /var/run/docker.sock:/s img',
  'RUN docker run -v /var/r\\\nun/docker.sock:/s img',
  'RUN docker run -v /var/r\\\n# note\nun/docker.sock:/s img',
  'RUN apt-get update \\\n  && apt-get install -y curl \\\n  && rm -rf /var/lib/apt/lists/*',
  'RUN <<EOF\ndocker run -v /var/run/docker.sock:/s img\nEOF',
  'RUN --mount=type=cache,target=/root/.cache docker -H tcp://10.0.0.1:2375 ps',
  'RUN ./build.sh --target app && echo done',
  'CMD ["--host=tcp://0.0.0.0:2375"]',
  'CMD ["sh", "-c", "docker run -v /var/run/docker.sock:/s img"]',
  'CMD ["/opt/app/run", "--port", "8080"]',
  'ENTRYPOINT ["dockerd"]',
  'ENTRYPOINT ["/entrypoint.sh"]',
  'EXPOSE 2375',
  'EXPOSE 8080',
  'EXPOSE ${PORT}',
  'EXPOSE 23\\\n75',
  'SHELL ["pwsh", "-c"]',
  'SHELL ["/bin/sh", "-c"]',
  'ONBUILD RUN docker run -v /var/run/docker.sock:/s img',
  'ONBUILD ENV DOCKER_HOST=tcp://10.0.0.1:2375',
  'COPY . /app',
  'LABEL note="a socket at /var/run/docker.sock"',
  '# DOCKER_HOST=tcp://10.0.0.1:2375',
];

describe('Dockerfile: the instruction pre-test', () => {
  const samples = engineSamples().filter((sample) => sample.kind === 'dockerfile');

  it('has Dockerfiles with findings to check against', () => {
    assert.ok(samples.some((sample) => findings(sample.text, true).length > 0));
  });

  for (const sample of samples) {
    it(`finds the same in ${sample.path}`, () => {
      assertSame(sample.text);
    });
  }

  for (const [name, text, rules] of CASES) {
    it(`keeps ${name}`, () => {
      assert.deepEqual(
        assertSame(`FROM alpine\n${text}\n`).map((f) => f.ruleId),
        rules,
      );
    });
  }

  it('keeps the extra socket paths of the settings and the outside variables', () => {
    const extra = { extraSocketPaths: ['/opt/engine/api.socket'] };
    const text = 'FROM alpine\nRUN docker run -v /opt/engine/api.socket:/a img\n';
    assert.deepEqual(
      assertSame(text, extra).map((f) => f.ruleId),
      ['DSG001'],
    );

    const outside = { variables: { ENGINE: '/var/run/docker.sock' } };
    const withVariable = 'FROM alpine\nRUN docker run -v $ENGINE:/a img\n';
    assert.deepEqual(
      assertSame(withVariable, outside).map((f) => f.ruleId),
      ['DSG001'],
    );
  });

  it('finds the same in random Dockerfiles', () => {
    const dockerfile = fc
      .array(fc.constantFrom(...SNIPPETS), { minLength: 1, maxLength: 14 })
      .map((lines) => ['FROM alpine', ...lines].join('\n') + '\n');
    fc.assert(
      fc.property(dockerfile, (text) => {
        assertSame(text);
      }),
      fuzzRuns(300, 20262),
    );
  });
});

/** FROM lines whose image and stage name the one-pass reading must give as the library does. */
const FROMS = [
  'FROM alpine',
  'FROM alpine:3.20 AS build',
  'from alpine as Build',
  'FROM  \talpine\t AS \t x  ',
  'FROM --platform=$BUILDPLATFORM golang:1.22 AS builder',
  'FROM --platform=linux/amd64 --x a--b AS c',
  'FROM a--b --platform=x img AS d',
  'FROM --only-a-flag',
  'FROM',
  'FROM img AS',
  'FROM img FOR x',
  'FROM ${REGISTRY}/app@sha256:abc AS final # not a comment',
  'FROM img \\\n  AS continued',
  'FROM i\\mg AS x',
  'FROM img AS x\r',
];

describe('Dockerfile: FROM read in one pass', () => {
  for (const escape of ['\\', '`']) {
    for (const line of FROMS) {
      it(`reads ${JSON.stringify(line)} as dockerfile-ast does (escape ${escape})`, () => {
        const text = `# escape=${escape}\n${line}\n`;
        const doc = sourceDocument('Dockerfile', text);
        const from = DockerfileParser.parse(text).getInstructions()[0];
        assert.ok(from instanceof From);

        const read = readFrom(doc, from, escape);
        const range = from.getImageRange();
        const span =
          range && doc.lines.span(doc.lines.offsetAt(range.start), doc.lines.offsetAt(range.end));
        assert.equal(read.image?.value ?? null, from.getImage());
        const where = read.image ? [read.image.start, read.image.end] : null;
        assert.deepEqual(where, span ? [span.start, span.end] : null);
        assert.equal(read.stage ?? null, from.getBuildStage());
      });
    }
  }
});
