import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyse, mayReport } from '../../shared/analyse';
import { detectKind } from '../../shared/detect/kind';

const ROOT = join(__dirname, '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * `mayReport` settles files without their family (the CLI's threads rely on it): wherever it
 * says no, the whole analysis reports nothing, and wherever the analysis reports something, it
 * says yes.
 */
describe('mayReport', () => {
  const inputs = [
    ...filesUnder(join(ROOT, 'test', 'fixtures')),
    ...filesUnder(join(ROOT, 'examples')),
  ]
    .map((path) => {
      const fileName = relative(ROOT, path);
      const text = readFileSync(path, 'utf8');
      return { fileName, text, kind: detectKind(fileName, text) };
    })
    .filter(
      (input): input is typeof input & { kind: NonNullable<typeof input.kind> } =>
        input.kind !== undefined,
    );

  it('is asked of fixtures of both verdicts', () => {
    const verdicts = new Set(inputs.map((input) => mayReport(input)));
    assert.deepEqual([...verdicts].sort(), [false, true]);
  });

  it('says yes for every fixture and example whose analysis reports something', () => {
    for (const input of inputs) {
      const result = analyse(input);
      const reports = result.findings.length > 0 || result.notices.length > 0;
      if (reports) assert.equal(mayReport(input), true, input.fileName);
    }
  });

  it('says yes for a file over the size limit, and for a binary one', () => {
    const big = { fileName: 'compose.yaml', kind: 'compose' as const, text: 'x'.repeat(200) };
    assert.equal(mayReport({ ...big, options: { limits: { maxFileBytes: 100 } } }), true);
    const binary = { fileName: 'compose.yaml', kind: 'compose' as const, text: 'a\0b\0c\0d\0' };
    assert.equal(mayReport(binary), true);
    assert.equal(analyse(binary).notices.length, 1);
  });

  it('says no for a file the pre-filter rules out, whose analysis is empty', () => {
    const input = {
      fileName: 'Dockerfile',
      kind: 'dockerfile' as const,
      text: 'FROM node:20\nCOPY . ./\n',
    };
    assert.equal(mayReport(input), false);
    assert.deepEqual(analyse(input), { kind: 'dockerfile', findings: [], notices: [] });
  });
});
