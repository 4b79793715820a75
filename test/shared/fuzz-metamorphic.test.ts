import { strict as assert } from 'assert';
import fc from 'fast-check';
import { analyseChecked, findingKeys, lostKeys } from '../fuzz/check';
import { positiveSamples, type Positive } from '../fuzz/corpus';
import { fuzzRuns } from '../fuzz/runs';
import {
  insertBlankLines,
  insertComments,
  keepBom,
  reorderableMaps,
  reverseEntries,
  toCrlf,
} from '../fuzz/transform';

/**
 * Edits that keep a file's meaning keep its findings: comment lines and blank lines where the
 * format allows them, CRLF line ends, and YAML mapping entries in another order, applied to every
 * fixture and example with a finding. A finding is its rule and the text under its span (line
 * breaks as `\n`), wherever it moved.
 */

/** The findings of `sample` that its edited text loses. */
function lostBy(sample: Positive, text: string): string[] {
  const before = findingKeys(sample.text, sample.result);
  const after = analyseChecked({ fileName: sample.fileName, text });
  return lostKeys(before, findingKeys(text, after));
}

type Transform = (sample: Positive, text: string, choose: (index: number) => boolean) => string;

/** Each edit, with `choose` picking which safe lines or which mapping it touches. */
const TRANSFORMS: ReadonlyArray<[string, Transform]> = [
  ['comments', (s, text, choose) => insertComments(s.kind, text, choose) ?? text],
  ['blank lines', (s, text, choose) => insertBlankLines(s.kind, text, choose)],
  ['CRLF', (_, text) => toCrlf(text)],
  [
    'reversed mapping',
    (s, text, choose) => {
      const maps = reorderableMaps(s.kind, text);
      const map = maps.find((_, index) => choose(index)) ?? maps[0];
      return map ? reverseEntries(text, map) : text;
    },
  ],
];

describe('fuzz: metamorphic', () => {
  const samples = positiveSamples();

  it('has positive samples of every family', () => {
    const kinds = new Set(samples.map((s) => s.kind));
    assert.deepEqual([...kinds].sort(), [
      'compose',
      'daemon-json',
      'devcontainer',
      'docker-defaults',
      'dockerfile',
      'github-actions',
      'gitlab-ci',
      'gitlab-runner',
      'helm',
      'kubernetes',
      'makefile',
      'shell',
      'systemd',
    ]);
  });

  it('keeps every finding with a comment and a blank line before every safe line, and CRLF', () => {
    for (const sample of samples) {
      for (const [name, transform] of TRANSFORMS.slice(0, 3)) {
        const text = keepBom(sample.text, (bare) => transform(sample, bare, () => true));
        assert.deepEqual(lostBy(sample, text), [], `${sample.path}: ${name}`);
      }
    }
  });

  it('keeps every finding with the entries of any one YAML mapping reversed', () => {
    for (const sample of samples) {
      const bare = sample.text.replace(/^\ufeff/, '');
      reorderableMaps(sample.kind, bare).forEach((map, index) => {
        const text = keepBom(sample.text, (t) => reverseEntries(t, map));
        assert.deepEqual(lostBy(sample, text), [], `${sample.path}: mapping ${index}`);
      });
    }
  });

  it('keeps every finding through any sequence of these edits', () => {
    const step = fc.record({
      transform: fc.nat({ max: TRANSFORMS.length - 1 }),
      lines: fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }),
    });
    const plan = fc.record({
      sample: fc.nat({ max: samples.length - 1 }),
      steps: fc.array(step, { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(plan, ({ sample: index, steps }) => {
        const sample = samples[index] ?? samples[0]!;
        const text = steps.reduce((current, { transform, lines }) => {
          const [, edit] = TRANSFORMS[transform] ?? TRANSFORMS[0]!;
          const choose = (i: number): boolean => lines[i % lines.length] ?? false;
          return keepBom(current, (bare) => edit(sample, bare, choose));
        }, sample.text);
        assert.deepEqual(lostBy(sample, text), [], JSON.stringify(text));
      }),
      fuzzRuns(200, 20271),
    );
  });
});
