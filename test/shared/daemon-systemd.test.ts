import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import { mapped, splitFields, splitQuoted, toWord } from '../../shared/families/daemon/words';
import type { AnalysisResult, Finding } from '../../shared/model/finding';

const FIXTURES = join(__dirname, '..', 'fixtures', 'daemon');

function fixture(name: string, fileName: string): AnalysisResult {
  return analyse({ fileName, text: readFileSync(join(FIXTURES, name), 'utf8') });
}

/** Rule, start line and character, end line and character. */
function where(finding: Finding): [string, number, number, number, number] {
  const { start, end } = finding.span.range;
  return [finding.ruleId, start.line, start.character, end.line, end.character];
}

const DROP_IN = 'etc/systemd/system/docker.service.d/override.conf';
const PLAINTEXT = (endpoint: string) =>
  `Daemon "dockerd" serves the Docker API on ${endpoint} without TLS`;

describe('daemon words: quotes and spans', () => {
  it('splits with quote removal and spans a quoted word inside its quotes', () => {
    const words = splitQuoted(mapped(`a "b c" 'd'e x\\ y --h="tcp://x"`, 10)).map(toWord);

    assert.deepEqual(
      words.map((w) => [w.value, w.start, w.end]),
      [
        ['a', 10, 11],
        ['b c', 13, 16],
        ['de', 18, 22],
        ['x y', 23, 27],
        ['--h=tcp://x', 28, 41],
      ],
    );
    assert.equal(words[4]?.offsetOf?.(4), 33);
  });

  it('splits at whitespace only for an expanded variable', () => {
    const fields = splitFields(mapped(' -H  "tcp://x" ', 0)).map(toWord);

    assert.deepEqual(
      fields.map((w) => [w.value, w.start, w.end]),
      [
        ['-H', 1, 3],
        ['"tcp://x"', 5, 14],
      ],
    );
  });
});

describe('systemd units and drop-ins', () => {
  it('reports dockerd -H tcp:// across continuation and comment lines, and DOCKER_OPTS', () => {
    const result = fixture('override.conf', DROP_IN);

    assert.equal(result.kind, 'systemd');
    assert.deepEqual(result.findings.map(where), [
      ['DSG003', 4, 13, 4, 31],
      ['DSG003', 7, 28, 7, 48],
    ]);
    assert.deepEqual(
      result.findings.map((f) => [f.severity, f.message]),
      [
        ['error', PLAINTEXT('tcp://0.0.0.0:2375')],
        ['error', PLAINTEXT('tcp://127.0.0.1:2375')],
      ],
    );
    assert.deepEqual(result.findings[0]?.facts.owner, { kind: 'daemon', name: 'dockerd' });
  });

  it('finds nothing in a unit with TLS verification, comments and other commands', () => {
    assert.deepEqual(fixture('clean.service', 'lib/systemd/system/docker.service').findings, []);
  });

  it('skips the argv[0] word after @ and the - + ! prefixes', () => {
    const text = '[Service]\nExecStart=-@/usr/bin/dockerd dockerd -H tcp://0.0.0.0:2375\n';
    const result = analyse({ fileName: 'docker.service', text });

    assert.deepEqual(result.findings.map(where), [['DSG003', 1, 40, 1, 58]]);

    // After @ the first word following the path is argv[0]: here `-H` is no flag.
    const shifted = '[Service]\nExecStart=@/usr/bin/dockerd -H tcp://0.0.0.0:2375\n';
    assert.deepEqual(analyse({ fileName: 'docker.service', text: shifted }).findings, []);
  });

  it('reads only dockerd command lines and only daemon option variables', () => {
    const text = [
      '[Service]',
      'ExecStart=/usr/bin/socat TCP-LISTEN:2375 UNIX:/var/run/docker.sock -H tcp://0.0.0.0:2375',
      'ExecStartPost=/usr/bin/dockerd -H tcp://0.0.0.0:2375',
      'Environment=OPTIONS="-H tcp://0.0.0.0:2375" LISTEN=tcp://0.0.0.0:2375',
      '',
    ].join('\n');

    assert.deepEqual(analyse({ fileName: 'proxy.service', text }).findings, []);
  });

  it('reads OPTIONS in a Docker unit, with CRLF and tab indentation', () => {
    const text = '[Service]\r\n\tEnvironment=OPTIONS="--tls=false -H tcp://0.0.0.0:2375"\r\n';
    const result = analyse({ fileName: 'etc/systemd/system/docker.service', text });

    assert.deepEqual(result.findings.map(where), [['DSG003', 1, 37, 1, 55]]);
  });
});

describe('/etc/default/docker and /etc/sysconfig/docker', () => {
  it('reports DOCKER_OPTS over a continued double-quoted value, skipping comments', () => {
    const result = fixture('default-docker', 'etc/default/docker');

    assert.equal(result.kind, 'docker-defaults');
    assert.deepEqual(result.findings.map(where), [['DSG003', 3, 5, 3, 23]]);
    assert.equal(result.findings[0]?.message, PLAINTEXT('tcp://0.0.0.0:2375'));
  });

  it('reports OPTIONS in single quotes', () => {
    const result = fixture('sysconfig-docker', 'etc/sysconfig/docker');

    assert.deepEqual(result.findings.map(where), [['DSG003', 1, 52, 1, 70]]);
  });

  it('finds nothing for TLS-verified or unix-only options and other variables', () => {
    const text = [
      '# Größe: ünïcode comment with tcp://0.0.0.0:2375',
      'DOCKER_OPTS="--tlsverify -H tcp://0.0.0.0:2376 -H unix:///var/run/docker.sock"',
      'DOCKER_HOST_HINT="-H tcp://0.0.0.0:2375"',
      '',
    ].join('\n');

    assert.deepEqual(analyse({ fileName: 'etc/default/docker', text }).findings, []);
  });

  it('measures columns after a byte-order mark and non-ASCII text on the line', () => {
    const text = '\ufeffDOCKER_OPTS="--label=größe -H tcp://0.0.0.0:2375"\n';

    assert.deepEqual(analyse({ fileName: 'etc/default/docker', text }).findings.map(where), [
      ['DSG003', 0, 30, 0, 48],
    ]);
  });
});
