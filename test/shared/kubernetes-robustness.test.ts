import { strict as assert } from 'assert';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import { analyseKubernetes } from '../../shared/families/kubernetes';
import { sourceDocument } from '../../shared/model/document';
import type { Span } from '../../shared/model/finding';
import { resolveOptions } from '../../shared/model/options';

const OPTIONS = resolveOptions();

const SAMPLES = ['kubernetes', 'helm'].flatMap((family) => {
  const dir = join(__dirname, '..', 'fixtures', family);
  return readdirSync(dir).map((name) =>
    readFileSync(join(dir, name), 'utf8').replace(/^\ufeff/, ''),
  );
});

/** Pieces that stress YAML and the line scanner: markers, indicators, directives, breaks. */
const PIECES = ['---', '- ', ': ', '{{', '}}', '{{- if .x }}', '[', ']', '{', '}', '"', "'", '|'];
const NOISE = fc.oneof(
  fc.constantFrom(...PIECES, '\t', '\r\n', '\r', '\n', '#', '  ', 'hostPath:', 'path: /run'),
  fc.string({ maxLength: 6 }),
);

/** Analyses the text and checks every span lies inside it, start before end. */
function analyseChecked(text: string): void {
  const doc = sourceDocument('deploy.yaml', text);
  const result = analyseKubernetes(doc, OPTIONS);
  const spans: Span[] = [
    ...result.findings.flatMap((f) => [f.span, ...f.related.map((r) => r.span)]),
    ...result.notices.map((n) => n.span),
  ];
  for (const span of spans) {
    assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length);
  }
}

describe('kubernetes robustness', () => {
  it('never throws and keeps spans inside the text for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => analyseChecked(text)),
      { seed: 1729, numRuns: 300 },
    );
  });

  it('never throws on fixtures with pieces inserted and slices removed', () => {
    const edit = fc.record({
      sample: fc.nat({ max: SAMPLES.length - 1 }),
      at: fc.nat(),
      remove: fc.nat({ max: 40 }),
      insert: fc.array(NOISE, { maxLength: 4 }),
    });

    fc.assert(
      fc.property(edit, ({ sample, at, remove, insert }) => {
        const text = SAMPLES[sample] ?? '';
        const cut = at % (text.length + 1);
        analyseChecked(text.slice(0, cut) + insert.join('') + text.slice(cut + remove));
      }),
      { seed: 4104, numRuns: 250 },
    );
  });

  it('survives nesting far deeper than any manifest, even where the YAML parser gives up', () => {
    // 2000 nested block mappings exhaust the stack of the YAML parser: the line scan takes over.
    const ladder = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    const texts = [
      `apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(300)}`,
      `apiVersion: v1\nkind: Pod\nspec:\n${'- '.repeat(4000)}x`,
      `apiVersion: v1\nkind: Pod\nspec:\n${ladder}\n  bad: [`,
    ];

    for (const text of texts) analyseChecked(text);
    // The parser may report the exhausted stack itself or throw: either way one notice.
    const deep = analyseKubernetes(sourceDocument('deep.yaml', texts[2] ?? ''), OPTIONS);
    assert.equal(deep.notices.length, 1);
    assert.match(
      deep.notices[0]?.message ?? '',
      /^Document 1 \(lines 1-2004\) could not be parsed as YAML \(.+\); it was scanned line by line instead$/,
    );
  });
});
