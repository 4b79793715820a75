import { strict as assert } from 'node:assert';
import { unifiedDiff } from '../../cli/fix';

/** The unified diff of `--fix-dry-run`, as `diff -u` prints it (checked against GNU diff). */

const numbered = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}`);
const text = (rows: string[]) => rows.map((row) => `${row}\n`).join('');

describe('cli: unified diff', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('a.txt', 'x\n', 'x\n'), '');
  });

  it('splits changes more than six lines apart into hunks with three lines of context', () => {
    const before = numbered(20);
    const after = [...before];
    after[2] = 'changed 3';
    after.splice(15, 1);
    assert.equal(
      unifiedDiff('dir/f.txt', text(before), text(after)),
      [
        '--- a/dir/f.txt',
        '+++ b/dir/f.txt',
        '@@ -1,6 +1,6 @@',
        ' line 1',
        ' line 2',
        '-line 3',
        '+changed 3',
        ' line 4',
        ' line 5',
        ' line 6',
        '@@ -13,7 +13,6 @@',
        ' line 13',
        ' line 14',
        ' line 15',
        '-line 16',
        ' line 17',
        ' line 18',
        ' line 19',
        '',
      ].join('\n'),
    );
  });

  it('merges changes six lines apart into one hunk', () => {
    const before = numbered(8);
    const after = ['first', ...before.slice(1, 7), 'last'];
    const diff = unifiedDiff('f', text(before), text(after)).split('\n');
    assert.deepEqual(diff.slice(2, 3), ['@@ -1,8 +1,8 @@']);
    assert.equal(diff.filter((row) => row.startsWith('@@')).length, 1);
  });

  it('marks a last line without a line end, and keeps carriage returns', () => {
    assert.equal(
      unifiedDiff('f', 'a\r\nb', 'a\r\nc\n'),
      [
        '--- a/f',
        '+++ b/f',
        '@@ -1,2 +1,2 @@',
        ' a\r',
        '-b',
        '\\ No newline at end of file',
        '+c',
        '',
      ].join('\n'),
    );
  });

  it('numbers an insertion into an empty text from line 0', () => {
    assert.equal(
      unifiedDiff('f', '', 'x\ny\n'),
      ['--- a/f', '+++ b/f', '@@ -0,0 +1,2 @@', '+x', '+y', ''].join('\n'),
    );
  });
});
