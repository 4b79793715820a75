import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import { heredocScript, instructionScript } from '../../shared/families/dockerfile/script';
import { sourceDocument } from '../../shared/model/document';
import type { Finding } from '../../shared/model/finding';

const FIXTURES = join(__dirname, '..', 'fixtures', 'dockerfile');

function run(text: string, fileName = 'Dockerfile'): Finding[] {
  return analyse({ fileName, text }).findings;
}

/** Rule, start line and character, end line and character. */
function where(finding: Finding): [string, number, number, number, number] {
  const { start, end } = finding.span.range;
  return [finding.ruleId, start.line, start.character, end.line, end.character];
}

describe('Dockerfile: the shell-form script handed to the shell analysis', () => {
  it('joins continuations, drops comment and empty lines and maps back across CRLF', () => {
    const text = 'RUN a \\\r\n# note\r\n\r\n  -H tcp://x:2375\\\r\n  b\r\n';
    const doc = sourceDocument('Dockerfile', text);
    const script = instructionScript(doc, 4, text.indexOf(' b') + 2, '\\');

    assert.equal(script.text, 'a   -H tcp://x:2375  b');
    const word = script.text.indexOf('tcp://');
    const start = script.toDocument(word);
    const end = script.toDocumentEnd(word + 'tcp://x:2375'.length);
    assert.deepEqual(doc.lines.span(start, end).range, {
      start: { line: 3, character: 5 },
      end: { line: 3, character: 17 },
    });
    assert.deepEqual(doc.lines.positionAt(script.toDocument(script.text.length - 1)), {
      line: 4,
      character: 2,
    });
  });

  it('continues lines on the escape character of the directive only', () => {
    const text = 'RUN a `\n  b \\\n';
    const doc = sourceDocument('Dockerfile', text);

    assert.equal(instructionScript(doc, 4, text.length - 1, '`').text, 'a   b \\');
  });

  it('takes the body of RUN <<EOF as the script, at its own offsets', () => {
    const text = 'RUN <<-EOT\n\tdockerd -H tcp://x:2375\n\tEOT\nRUN true\n';
    const doc = sourceDocument('Dockerfile', text);
    const script = heredocScript(doc, 4, text.indexOf('\tEOT') + 4);

    assert.equal(script?.text, '\tdockerd -H tcp://x:2375');
    assert.equal(script?.toDocument(1), text.indexOf('dockerd'));
    assert.equal(heredocScript(doc, text.indexOf('true'), text.length - 1), undefined);
  });
});

describe('Dockerfile: commands (through the shell analysis)', () => {
  const text = readFileSync(join(FIXTURES, 'commands.Dockerfile'), 'utf8');

  it('reports dockerd flags, docker run mounts and exec forms at their exact words', () => {
    const findings = run(text);

    assert.deepEqual(findings.map(where), [
      ['DSG003', 1, 13, 1, 31],
      ['DSG003', 8, 11, 8, 29],
      ['DSG001', 9, 23, 9, 43],
      ['DSG003', 11, 30, 11, 48],
    ]);
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        'Instruction CMD serves the Docker API on tcp://0.0.0.0:2375 without TLS',
        'Instruction RUN serves the Docker API on tcp://0.0.0.0:2375 without TLS',
        'Instruction RUN mounts the Docker socket /var/run/docker.sock',
        'Instruction ENTRYPOINT serves the Docker API on tcp://0.0.0.0:2375 without TLS',
      ],
    );
  });

  it('adds the stage, instruction and line to what the shell analysis finds', () => {
    const mount = run(text).find((f) => f.ruleId === 'DSG001');

    assert.deepEqual(mount?.facts.owner, { kind: 'instruction', name: 'RUN' });
    assert.equal(mount?.facts.detail?.stage, 'tools');
    assert.equal(mount?.facts.detail?.instruction, 'RUN');
    assert.equal(mount?.facts.detail?.line, 9);
  });

  it('reads `sh -c` in exec form as a script inside the JSON string', () => {
    const findings = run('FROM alpine\nRUN ["sh", "-c", "dockerd -H tcp://0.0.0.0:2375 &"]\n');

    assert.deepEqual(findings.map(where), [['DSG003', 1, 29, 1, 47]]);
  });

  it('reads docker run in exec form, one word per element', () => {
    const findings = run(
      'FROM docker:cli\nRUN ["docker", "run", "-v", "/var/run/docker.sock:/s", "alpine"]\n',
    );

    assert.deepEqual(findings.map(where), [['DSG001', 1, 29, 1, 49]]);
  });

  it('passes CMD flags to dockerd only under a daemon entrypoint', () => {
    assert.deepEqual(run('FROM alpine\nCMD ["--host=tcp://0.0.0.0:2375"]\n'), []);
    assert.deepEqual(
      run('FROM alpine\nENTRYPOINT ["dockerd"]\nCMD ["-H", "tcp://0.0.0.0:2375"]\n').map(where),
      [['DSG003', 2, 12, 2, 30]],
    );
  });

  it('gives the script the ENV set before it, also from the stage it builds on', () => {
    const before = 'FROM alpine AS a\nENV SOCK=/run\nFROM a\nRUN docker run -v ${SOCK}:/s alpine\n';
    const [finding] = run(before);

    assert.deepEqual(finding && where(finding), ['DSG002', 3, 18, 3, 25]);
    assert.equal(
      finding?.message,
      'Instruction RUN mounts host directory ${SOCK} (/run), which holds the Docker socket',
    );

    const after = 'FROM alpine\nRUN docker run -v $SOCK:/s alpine\nENV SOCK=/run\n';
    assert.deepEqual(run(after), []);
  });

  it('skips RUN flags such as --mount before the command', () => {
    const text =
      'FROM alpine\nRUN --mount=type=cache,target=/c --network=host dockerd -H tcp://:2375\n';

    assert.deepEqual(run(text).map(where), [['DSG003', 1, 59, 1, 70]]);
  });

  it('reads the body of RUN <<EOF, never the body of a here-document given to cat', () => {
    const script = 'FROM alpine\nRUN <<EOF\nset -e\ndockerd -H tcp://0.0.0.0:2375 &\nEOF\n';
    assert.deepEqual(run(script).map(where), [['DSG003', 3, 11, 3, 29]]);

    const file = 'FROM alpine\nRUN cat <<EOF > /etc/x.sh\ndockerd -H tcp://0.0.0.0:2375\nEOF\n';
    assert.deepEqual(run(file), []);
  });

  it('never fires on echo, comments inside RUN or a non-POSIX SHELL', () => {
    const clean = [
      'FROM alpine',
      'RUN echo "DOCKER_HOST=tcp://x:2375" && printf "%s" "-v /var/run/docker.sock:/s"',
      'RUN true \\',
      '# docker run -v /var/run/docker.sock:/s alpine',
      '    && true',
      'SHELL ["pwsh", "-Command"]',
      'RUN dockerd -H tcp://0.0.0.0:2375',
      '',
    ].join('\n');

    assert.deepEqual(run(clean), []);
  });
});
