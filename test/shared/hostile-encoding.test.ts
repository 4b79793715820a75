import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyseChecked, found, told } from '../fuzz/check';

/**
 * Text as callers decode it: Windows line ends after a byte-order mark, UTF-16 read as UTF-8 or
 * Latin-1 (NUL between the characters), and bytes that were not UTF-8 (replacement characters).
 */

const SOCK = '/var/run/docker.sock:/var/run/docker.sock';
const HOSTILE = join(__dirname, '..', 'fixtures', 'hostile');

const BINARY_NOTICE =
  'information 0:0: File looks binary or UTF-16 (it holds NUL characters); it was not analysed. ' +
  'Save it as UTF-8 to have it checked.';

describe('hostile input: encodings', () => {
  it('reads Windows line ends after a byte-order mark, positions counted without the mark', () => {
    const compose = `\ufeffservices:\r\n  a:\r\n    image: x\r\n    volumes:\r\n      - ${SOCK}\r\n`;
    const pod =
      '\ufeffapiVersion: v1\r\nkind: Pod\r\nspec:\r\n  volumes:\r\n    - name: s\r\n' +
      '      hostPath:\r\n        path: /var/run/docker.sock\r\n';
    const composeResult = analyseChecked({ fileName: 'compose.yaml', text: compose });
    assert.deepEqual(found(compose, composeResult), [`DSG001 4:8 "${SOCK}"`]);
    assert.equal(composeResult.findings[0]?.span.start, 53);
    assert.deepEqual(found(pod, analyseChecked({ fileName: 'pod.yaml', text: pod })), [
      'DSG001 6:14 "/var/run/docker.sock"',
    ]);
  });

  it('does not read UTF-16 text decoded as UTF-8 or Latin-1, and says so', () => {
    const utf16 = (text: string) => [...text].map((ch) => `${ch}\0`).join('');
    const compose = `services:\n  a:\n    volumes:\n      - ${SOCK}\n`;
    const pod =
      'apiVersion: v1\nkind: Pod\nspec:\n  volumes: [{hostPath: {path: /var/run/docker.sock}}]\n';
    const cases: Array<[string, string, string]> = [
      ['compose.yaml', `\ufffd\ufffd${utf16(compose)}`, 'compose'],
      ['compose.yaml', `\u00ff\u00fe${utf16(compose)}`, 'compose'],
      ['compose.yaml', `\ufffd\ufffd\0${utf16(compose).slice(0, -1)}`, 'compose'],
      ['pod.yaml', `\ufffd\ufffd${utf16(pod)}`, 'kubernetes'],
    ];
    for (const [fileName, text, kind] of cases) {
      const result = analyseChecked({ fileName, text });
      assert.equal(result.kind, kind);
      assert.deepEqual(found(text, result), []);
      assert.deepEqual(told(result), [BINARY_NOTICE]);
    }
  });

  it('does not read a UTF-16 file from disk decoded as UTF-8 or Latin-1, and says so', () => {
    for (const folder of ['utf16le', 'utf16be']) {
      for (const encoding of ['utf8', 'latin1'] as const) {
        const text = readFileSync(join(HOSTILE, folder, 'compose.yaml'), encoding);
        const result = analyseChecked({ fileName: `${folder}/compose.yaml`, text });
        assert.deepEqual(told(result), [BINARY_NOTICE], `${folder} as ${encoding}`);
      }
    }
  });

  it('reads a Latin-1 file from disk decoded as UTF-8', () => {
    const text = readFileSync(join(HOSTILE, 'latin1', 'compose.yaml'), 'utf8');
    assert.equal(text.includes('caf\ufffd:'), true);
    const result = analyseChecked({ fileName: 'latin1/compose.yaml', text });
    assert.deepEqual(found(text, result), [`DSG001 5:8 "${SOCK}"`]);
    assert.deepEqual(result.notices, []);
  });

  it('reads text with replacement characters where bytes were not UTF-8', () => {
    const text = `services:\n  caf\ufffd:\n    image: caf\ufffd\ufffd\n    volumes:\n      - ${SOCK}\n  \ufffd: \ufffd\n`;
    const result = analyseChecked({ fileName: 'compose.yaml', text });
    assert.deepEqual(found(text, result), [`DSG001 4:8 "${SOCK}"`]);
    assert.deepEqual(result.notices, []);
  });
});
