import { strict as assert } from 'assert';
import { analyse } from '../../shared/analyse';
import { fixAll, fixesFor, type FixKind } from '../../shared/fix';
import { stripBom } from '../../shared/text/lines';
import { compareTexts, everyFix, fixtureFiles, fixtureInput, keyOf } from './fix.helpers';

/**
 * Every fix offered for every finding of every fixture and example, applied with snippets off,
 * keeps the guarantees (see fix.helpers.ts); fixAll of each kind keeps them too.
 */
const files = fixtureFiles().filter((path) => analyse(fixtureInput(path)).findings.length > 0);

describe('fix: guarantees on every positive fixture', () => {
  it('has positive fixtures of several families to work on', () => {
    const kinds = new Set(files.map((path) => analyse(fixtureInput(path)).kind));
    assert.ok(kinds.size >= 3, [...kinds].join(', '));
  });

  for (const path of files) {
    it(`keeps the guarantees for every fix in ${path}`, () => {
      const broken = everyFix(fixtureInput(path)).filter((r) => r.problems.length > 0);
      assert.deepEqual(broken, []);
    });
  }
});

const KINDS: FixKind[] = ['remove', 'tls', 'sysbox', 'proxy', 'context'];

describe('fix: fixAll on every positive fixture', () => {
  for (const path of files) {
    it(`applies each kind to the whole of ${path}`, () => {
      const input = fixtureInput(path);
      const before = stripBom(input.text);
      for (const kind of KINDS) {
        const result = fixAll(input, kind);
        const after = stripBom(result.text);
        assert.deepEqual(compareTexts(input, before, after), [], `${kind}`);
        const again = fixAll({ ...input, text: result.text }, kind);
        assert.equal(again.applied, 0, `${kind} applied twice`);
        assert.equal(again.text, result.text);
      }
    });
  }
});

describe('fix: offered fixes', () => {
  for (const path of files) {
    it(`gives the same edits with and without snippets in ${path}`, () => {
      const input = fixtureInput(path);
      for (const finding of analyse(input).findings) {
        const plain = fixesFor(input, finding);
        const snippets = fixesFor(input, finding, { snippets: true });
        const ranges = (fixes: typeof plain) =>
          fixes.map((f) => `${f.kind} ${f.edits.map((e) => `${e.start}-${e.end}`).join(' ')}`);
        assert.deepEqual(ranges(snippets), ranges(plain), keyOf(finding));
        for (const fix of snippets) {
          const holes = fix.edits.some((e) => /\$\{\d+:[a-z-]+\}/.test(e.newText));
          assert.equal(fix.snippet, holes, `${fix.kind} ${keyOf(finding)}`);
        }
        assert.ok(plain.filter((f) => f.preferred).length <= 1);
      }
    });
  }
});
