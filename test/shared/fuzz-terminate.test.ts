import fc from 'fast-check';
import { applyEdits, edit, syntaxSoup } from '../fuzz/arbitraries';
import { analyseChecked } from '../fuzz/check';
import { FAMILIES, FAMILY_FILES, positiveSamples } from '../fuzz/corpus';
import { fuzzRuns } from '../fuzz/runs';

/**
 * For any text, in every family, `analyse()` returns (a hang shows as mocha's timeout), throws
 * nothing, no family throws (no "could not analyse" notice) and every span keeps the contract of
 * `assertWellFormed`. The pre-filter is skipped so that every text reaches its family.
 */
describe('fuzz: analyse() terminates and keeps its contract', () => {
  const family = fc.constantFrom(...FAMILIES);

  it('for arbitrary characters, in every family', () => {
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    fc.assert(
      fc.property(family, text, (kind, input) => {
        analyseChecked({ fileName: FAMILY_FILES[kind], kind, text: input, skipPrefilter: true });
      }),
      fuzzRuns(400, 20251),
    );
  });

  it('for a soup of every family syntax, in every family', () => {
    fc.assert(
      fc.property(family, syntaxSoup(), (kind, input) => {
        analyseChecked({ fileName: FAMILY_FILES[kind], kind, text: input, skipPrefilter: true });
      }),
      fuzzRuns(400, 20252),
    );
  });

  it('for positive fixtures with pieces inserted, slices deleted and the end cut off', () => {
    const samples = positiveSamples();
    const mutation = fc.record({
      sample: fc.nat({ max: samples.length - 1 }),
      edits: fc.array(edit, { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(mutation, ({ sample, edits }) => {
        const { fileName, kind, text } = samples[sample] ?? samples[0]!;
        analyseChecked({ fileName, kind, text: applyEdits(text, edits), skipPrefilter: true });
      }),
      fuzzRuns(300, 20253),
    );
  });
});
