import { strict as assert } from 'node:assert';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../cli/args';
import { buildOnce, cleanup, ROOT, runCli, tempDir, writeTree } from './helpers';

/** `scan --fix`, `--fix-dry-run` and SARIF `fixes`, on temp copies of test/fixtures/fix-cli. */

const PROJECT = join(ROOT, 'test', 'fixtures', 'fix-cli', 'project');

const lines = (...rows: string[]): string => rows.join('\n') + '\n';

const COMPOSE = readFileSync(join(PROJECT, 'compose.yaml'), 'utf8');
const DEPLOY = readFileSync(join(PROJECT, 'deploy.sh'), 'utf8');
const CLEAN = readFileSync(join(PROJECT, 'clean.yaml'), 'utf8');

const COMPOSE_REMOVED = lines(
  'services:',
  '  agent:',
  '    image: portainer/agent:2.21',
  '    volumes:',
  '      - agent-data:/data',
  '  builder:',
  '    image: docker:27-dind',
  '    privileged: true',
  'volumes:',
  '  agent-data:',
);

const TLS_FLAGS =
  '-e DOCKER_HOST=tcp://{daemon-host}:2376 -e DOCKER_TLS_VERIFY=1 ' +
  '-e DOCKER_CERT_PATH=/certs/client -v ./docker-certs:/certs/client:ro';

const LEFT_AFTER_REMOVE = [
  'compose.yaml:8:17 warning DSG005 Service "builder" runs the Docker-in-Docker image ' +
    'docker:27-dind privileged',
  'deploy.sh:3:20 error DSG003 File "deploy.sh" points DOCKER_HOST at tcp://build-host:2375 ' +
    'without TLS',
  '2 findings (1 error, 1 warning, 0 information) in 3 files',
];

describe('cli: --fix and --fix-dry-run', function () {
  let dir: string;

  before(() => buildOnce());
  beforeEach(() => {
    dir = tempDir('dsg-fix-');
    cpSync(PROJECT, dir, { recursive: true });
  });
  afterEach(() => cleanup(dir));

  const read = (name: string) => readFileSync(join(dir, name), 'utf8');

  it('--fix removes the socket mounts in place and reports what is left', () => {
    const result = runCli(['scan', '--fix'], { cwd: dir });

    assert.equal(
      result.stdout,
      lines(
        'compose.yaml: 1 fix applied (remove)',
        'deploy.sh: 2 fixes applied (remove)',
        ...LEFT_AFTER_REMOVE,
      ),
    );
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
    assert.equal(read('compose.yaml'), COMPOSE_REMOVED);
    assert.equal(
      read('deploy.sh'),
      lines(
        '#!/bin/sh',
        'set -eu',
        'export DOCKER_HOST=tcp://build-host:2375',
        'docker run --rm example/agent:1.4',
        'docker run --rm example/agent:1.4',
      ),
    );
    assert.equal(read('clean.yaml'), CLEAN);
  });

  it('--fix tls switches to TLS; the exit status follows the findings left', () => {
    const result = runCli(['scan', '--fix', 'tls', '--fail-on', 'error'], { cwd: dir });

    assert.equal(
      result.stdout,
      lines(
        'compose.yaml: 1 fix applied (tls)',
        'deploy.sh: 3 fixes applied (tls)',
        'compose.yaml:13:17 warning DSG005 Service "builder" runs the Docker-in-Docker image ' +
          'docker:27-dind privileged',
        '1 finding (0 errors, 1 warning, 0 information) in 3 files',
      ),
    );
    assert.equal(result.status, 0);
    assert.equal(
      read('deploy.sh'),
      lines(
        '#!/bin/sh',
        'set -eu',
        'export DOCKER_HOST=tcp://build-host:2376 DOCKER_TLS_VERIFY=1',
        `docker run --rm ${TLS_FLAGS} example/agent:1.4`,
        `docker run --rm ${TLS_FLAGS} example/agent:1.4`,
      ),
    );
  });

  it('--fix=sysbox runs Docker-in-Docker under Sysbox and leaves the other findings', () => {
    const result = runCli(['scan', 'compose.yaml', '--fix=sysbox'], { cwd: dir });
    assert.equal(result.status, 1);
    assert.equal(read('compose.yaml'), COMPOSE.replace('privileged: true', 'runtime: sysbox-runc'));
    assert.equal(result.stdout.split('\n')[0], 'compose.yaml: 1 fix applied (sysbox)');
  });

  it('--fix-dry-run prints the exact diff and changes nothing', () => {
    const result = runCli(['scan', '--fix-dry-run'], { cwd: dir });

    assert.equal(
      result.stdout,
      lines(
        '--- a/compose.yaml',
        '+++ b/compose.yaml',
        '@@ -2,7 +2,6 @@',
        '   agent:',
        '     image: portainer/agent:2.21',
        '     volumes:',
        '-      - /var/run/docker.sock:/var/run/docker.sock',
        '       - agent-data:/data',
        '   builder:',
        '     image: docker:27-dind',
        '--- a/deploy.sh',
        '+++ b/deploy.sh',
        '@@ -1,5 +1,5 @@',
        ' #!/bin/sh',
        ' set -eu',
        ' export DOCKER_HOST=tcp://build-host:2375',
        '-docker run --rm -v /var/run/docker.sock:/var/run/docker.sock example/agent:1.4',
        '-docker run --rm -v /run/docker.sock:/var/run/docker.sock example/agent:1.4',
        '+docker run --rm example/agent:1.4',
        '+docker run --rm example/agent:1.4',
      ),
    );
    assert.equal(
      result.stderr,
      lines('compose.yaml: 1 fix would apply (remove)', 'deploy.sh: 2 fixes would apply (remove)'),
    );
    // Nothing changed, so the status is that of a scan without the option.
    assert.equal(result.status, 1);
    assert.deepEqual([read('compose.yaml'), read('deploy.sh')], [COMPOSE, DEPLOY]);
  });

  it('--fix-dry-run with --fix KIND diffs that kind; --output still gets the report', () => {
    const result = runCli(
      ['scan', 'compose.yaml', '--fix', 'proxy', '--fix-dry-run', '-o', 'r.txt'],
      {
        cwd: dir,
      },
    );
    assert.equal(
      result.stdout,
      lines(
        '--- a/compose.yaml',
        '+++ b/compose.yaml',
        '@@ -2,10 +2,26 @@',
        '   agent:',
        '     image: portainer/agent:2.21',
        '     volumes:',
        '-      - /var/run/docker.sock:/var/run/docker.sock',
        '       - agent-data:/data',
        '+    environment:',
        '+      DOCKER_HOST: tcp://docker-socket-proxy:2375',
        '+    networks:',
        '+      - default',
        '+      - docker-api',
        '   builder:',
        '     image: docker:27-dind',
        '     privileged: true',
        '+  docker-socket-proxy:',
        '+    image: tecnativa/docker-socket-proxy',
        '+    environment:',
        '+      CONTAINERS: 1',
        '+      POST: 0',
        '+    volumes:',
        '+      - /var/run/docker.sock:/var/run/docker.sock:ro',
        '+    networks:',
        '+      - docker-api',
        ' volumes:',
        '   agent-data:',
        '+networks:',
        '+  docker-api:',
        '+    internal: true',
      ),
    );
    assert.equal(read('compose.yaml'), COMPOSE);
    assert.equal(
      read('r.txt').split('\n').at(-2),
      '2 findings (1 error, 1 warning, 0 information) in 1 file',
    );
  });

  it('keeps a byte-order mark and CRLF line ends', () => {
    const crlf = '\ufeff' + COMPOSE.replace(/\n/g, '\r\n');
    writeTree(dir, { 'win/compose.yaml': crlf });
    const result = runCli(['scan', 'win', '--fix'], { cwd: dir });
    assert.equal(result.status, 0);
    assert.equal(read('win/compose.yaml'), '\ufeff' + COMPOSE_REMOVED.replace(/\n/g, '\r\n'));
  });

  it('with a machine format, the fix summary goes to standard error', () => {
    const result = runCli(['scan', 'compose.yaml', '--fix', '-f', 'json'], { cwd: dir });
    assert.equal(result.stderr, 'compose.yaml: 1 fix applied (remove)\n');
    const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string }> };
    assert.deepEqual(
      report.findings.map((f) => f.ruleId),
      ['DSG005'],
    );
  });

  it('rejects an unknown fix kind, and --fix for inspect', () => {
    const bad = runCli(['scan', '--fix=rewrite'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--fix must be one of remove, tls, sysbox, proxy \(got "rewrite"\)/);
    assert.equal(runCli(['inspect', '--fix', '-'], { cwd: dir, input: '[]' }).status, 2);
    assert.deepEqual([read('compose.yaml'), read('deploy.sh')], [COMPOSE, DEPLOY]);
  });
});

describe('cli: --fix arguments', () => {
  const fixOf = (...args: string[]) => {
    const command = parseArgs(['scan', ...args]);
    assert.equal(command.command, 'scan');
    return [command.fix, command.fixDryRun, command.paths];
  };

  it('takes a kind only when the next argument is one', () => {
    assert.deepEqual(fixOf('--fix'), ['remove', undefined, ['.']]);
    assert.deepEqual(fixOf('--fix', 'tls', 'deploy'), ['tls', undefined, ['deploy']]);
    assert.deepEqual(fixOf('--fix', 'deploy'), ['remove', undefined, ['deploy']]);
    assert.deepEqual(fixOf('--fix=proxy', '--', 'tls'), ['proxy', undefined, ['tls']]);
    assert.deepEqual(fixOf('--fix-dry-run', '--fix', 'sysbox'), ['sysbox', true, ['.']]);
  });
});

interface SarifFix {
  description: { text: string };
  artifactChanges: Array<{
    artifactLocation: { uri: string; uriBaseId: string };
    replacements: Array<{
      deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number };
      insertedContent: { text: string };
    }>;
  }>;
}

describe('cli: SARIF fixes', function () {
  let dir: string;

  before(() => {
    buildOnce();
    dir = tempDir('dsg-fix-sarif-');
    cpSync(PROJECT, dir, { recursive: true });
  });
  after(() => cleanup(dir));

  it('gives each finding its preferred fix with exact regions', () => {
    const result = runCli(['scan', '-f', 'sarif'], { cwd: dir });
    const log = JSON.parse(result.stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; fixes?: SarifFix[] }> }>;
    };
    const results = log.runs[0]?.results ?? [];
    const region = (
      startLine: number,
      startColumn: number,
      endLine: number,
      endColumn: number,
    ) => ({
      startLine,
      startColumn,
      endLine,
      endColumn,
    });
    const change = (
      uri: string,
      replacements: SarifFix['artifactChanges'][number]['replacements'],
    ) => [{ artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, replacements }];

    assert.deepEqual(
      results.map((r) => [r.ruleId, r.fixes?.map((f) => f.description.text)]),
      [
        ['DSG001', ['Remove the socket mount']],
        ['DSG005', ['Run Docker-in-Docker under Sysbox instead of privileged']],
        ['DSG003', ['Use TLS: port 2376 with verification']],
        ['DSG001', ['Remove the mount']],
        ['DSG001', ['Remove the mount']],
      ],
    );
    assert.deepEqual(
      results[0]?.fixes?.[0]?.artifactChanges,
      change('compose.yaml', [
        { deletedRegion: region(5, 1, 6, 1), insertedContent: { text: '' } },
      ]),
    );
    assert.deepEqual(
      results[1]?.fixes?.[0]?.artifactChanges,
      change('compose.yaml', [
        { deletedRegion: region(9, 5, 9, 21), insertedContent: { text: 'runtime: sysbox-runc' } },
      ]),
    );
    assert.deepEqual(
      results[2]?.fixes?.[0]?.artifactChanges,
      change('deploy.sh', [
        {
          deletedRegion: region(3, 37, 3, 41),
          insertedContent: { text: '2376 DOCKER_TLS_VERIFY=1' },
        },
      ]),
    );
    assert.deepEqual(
      results[4]?.fixes?.[0]?.artifactChanges,
      change('deploy.sh', [{ deletedRegion: region(5, 17, 5, 58), insertedContent: { text: '' } }]),
    );
  });
});
