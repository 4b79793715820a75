import { strict as assert } from 'assert';
import fc from 'fast-check';
import type { FileKind } from '../../shared/model/finding';
import { analyseChecked } from '../fuzz/check';
import { FAMILY_FILES, engineSamples } from '../fuzz/corpus';
import { fuzzRuns } from '../fuzz/runs';
import { toCrlf } from '../fuzz/transform';

/**
 * Every finding points where it should: its span and its related locations lie inside the text,
 * agree with a LineIndex, and a mount's span shows the host path (see `assertWellFormed`).
 */

/** Host paths that expose an engine, as a configuration may spell them. */
const HOST_PATHS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '//var/run/docker.sock',
  '/var/run/../run/docker.sock',
  '/run/containerd/containerd.sock',
  '/run/user/1000/podman/podman.sock',
  '/var/run',
  '/run',
];

type Quote = '' | '"' | "'";

/** A file of the family that mounts `path` (quoted with `quote` where the format allows). */
const MOUNTING: ReadonlyArray<[FileKind, (path: string, quote: Quote) => string]> = [
  ['compose', (p, q) => `services:\n  a:\n    image: x\n    volumes:\n      - ${q}${p}:/h${q}\n`],
  [
    'compose',
    (p, q) =>
      `services:\n  a:\n    volumes:\n      - type: bind\n        source: ${q}${p}${q}\n        target: /h\n`,
  ],
  [
    'kubernetes',
    (p, q) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  volumes:\n    - name: h\n` +
      `      hostPath:\n        path: ${q}${p}${q}\n`,
  ],
  ['dockerfile', (p, q) => `FROM docker:27\nRUN docker run -v ${q}${p}:/h${q} alpine\n`],
  ['shell', (p, q) => `#!/bin/sh\nset -e\ndocker run --rm -v ${q}${p}:/h${q} alpine\n`],
  ['shell', (p, q) => `#!/bin/sh\nSOCK=${q}${p}${q}\ndocker run --rm -v "$SOCK:/h" alpine\n`],
  ['makefile', (p) => `SOCK := ${p}\nrun:\n\tdocker run -v $(SOCK):/h alpine\n`],
  [
    'github-actions',
    (p, q) =>
      `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container:\n      image: node\n` +
      `      volumes:\n        - ${q}${p}:/h${q}\n`,
  ],
  ['gitlab-ci', (p, q) => `job:\n  script:\n    - docker run -v ${q}${p}:/h${q} alpine\n`],
  ['gitlab-runner', (p) => `[[runners]]\n  [runners.docker]\n    volumes = ["${p}:/h"]\n`],
  [
    'devcontainer',
    (p) => `{\n  "image": "x",\n  "mounts": ["source=${p},target=/h,type=bind"]\n}\n`,
  ],
  ['devcontainer', (p) => `{\n  "image": "x",\n  "runArgs": ["-v", "${p}:/h"]\n}\n`],
];

describe('fuzz: spans', () => {
  it('keep the contract in every fixture and example, as written and with CRLF', () => {
    const samples = engineSamples();
    assert.ok(samples.length > 50, `only ${samples.length} samples`);
    for (const { fileName, text } of samples) {
      analyseChecked({ fileName, text });
      analyseChecked({ fileName, text: toCrlf(text) });
    }
  });

  it('show the host path of a mount however a family spells it, and none is missed', () => {
    const mount = fc.record({
      file: fc.nat({ max: MOUNTING.length - 1 }),
      path: fc.constantFrom(...HOST_PATHS),
      quote: fc.constantFrom<Quote>('', '"', "'"),
      crlf: fc.boolean(),
    });
    fc.assert(
      fc.property(mount, ({ file, path, quote, crlf }) => {
        const [kind, write] = MOUNTING[file] ?? MOUNTING[0]!;
        const text = crlf ? toCrlf(write(path, quote)) : write(path, quote);
        const result = analyseChecked({ fileName: FAMILY_FILES[kind], text });
        const mounts = result.findings.filter((f) => f.facts.hostPath !== undefined);
        assert.equal(mounts.length, 1, `${kind}: ${JSON.stringify(text)}`);
      }),
      fuzzRuns(250, 20261),
    );
  });
});
