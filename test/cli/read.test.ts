import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEAD_BYTES, readRegular } from '../../cli/read';
import { cleanup, tempDir } from './helpers';

function bytesOf(read: ReturnType<typeof readRegular>): Buffer {
  assert.ok('bytes' in read, 'a regular file is read');
  return read.bytes;
}

describe('cli reading a regular file', () => {
  let dir: string;

  before(() => (dir = tempDir('dsg-read-')));
  after(() => cleanup(dir));

  it('reads a whole file, listed or not, and a head of it when asked', () => {
    const path = join(dir, 'big.yaml');
    const text = 'x'.repeat(HEAD_BYTES + 10);
    writeFileSync(path, text);
    assert.equal(bytesOf(readRegular(path)).toString(), text);
    assert.equal(bytesOf(readRegular(path, undefined, true)).toString(), text);
    assert.equal(bytesOf(readRegular(path, HEAD_BYTES, true)).length, HEAD_BYTES);
  });

  it('reads an empty file as no bytes', () => {
    const path = join(dir, 'empty.yaml');
    writeFileSync(path, '');
    assert.equal(bytesOf(readRegular(path, undefined, true)).length, 0);
  });

  it('reads to the end a file whose size the file system gives as 0 (procfs)', function () {
    if (!existsSync('/proc/self/status') || statSync('/proc/self/status').size !== 0) this.skip();
    const bytes = bytesOf(readRegular('/proc/self/status'));
    assert.match(bytes.toString(), /^Name:\t/);
    assert.equal(
      bytes.toString().split('\n')[0],
      readFileSync('/proc/self/status', 'utf8').split('\n')[0],
    );
  });

  it('says what a folder is instead of reading it', () => {
    assert.deepEqual(readRegular(dir), { special: 'a folder' });
  });
});
