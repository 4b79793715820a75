import { strict as assert } from 'assert';
import { join } from 'path';
import { buildOnce, cleanup, runCli, tempDir, writeTree } from './helpers';

const COMPOSE =
  'services:\n  agent:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';

describe('cli limits', () => {
  let dir: string;

  before(() => buildOnce());
  beforeEach(() => {
    dir = tempDir();
    writeTree(dir, { 'compose.yaml': COMPOSE });
  });
  afterEach(() => cleanup(dir));

  it('says which flag raises a limit the file hit, and reports no finding for it', () => {
    const result = runCli(['scan', '--max-file-bytes', '20', join(dir, 'compose.yaml')], {
      cwd: dir,
    });

    assert.equal(result.status, 0);
    assert.equal(result.stdout, '0 findings (0 errors, 0 warnings, 0 information) in 1 file\n');
    assert.equal(
      result.stderr,
      'compose.yaml:1:1 information File is larger than the 20 bytes limit (--max-file-bytes or ' +
        'limits.maxFileBytes in the configuration); it was not analysed.\n',
    );
  });

  it('analyses the file once the limit is raised', () => {
    const result = runCli(['scan', '--max-file-bytes', '4096', 'compose.yaml'], { cwd: dir });

    assert.equal(result.status, 1);
    assert.match(result.stdout, /^compose\.yaml:4:9 error DSG001 /);
  });

  it('rejects a limit that is not a positive whole number', () => {
    const result = runCli(['scan', '--max-nesting', '0', 'compose.yaml'], { cwd: dir });

    assert.equal(result.status, 2);
    assert.match(result.stderr, /--max-nesting takes a positive whole number \(got "0"\)/);
  });
});
