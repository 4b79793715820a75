import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_EXEC_ARGV } from '../../server/runtime-options';

describe('server runtime options', () => {
  it('are the ones the README gives other editors, in order', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const command = /```sh\nnode ([^`]*?)dist\/server\.js --stdio\n```/.exec(readme)?.[1];
    assert.ok(command !== undefined, 'the README shows the command line');
    assert.deepEqual(command.split(/\s+\\?\s*/).filter(Boolean), [...SERVER_EXEC_ARGV]);
  });
});
