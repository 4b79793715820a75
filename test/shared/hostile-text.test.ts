import { strict as assert } from 'assert';
import { analyseChecked, found, told } from '../fuzz/check';

/**
 * Hostile and broken Dockerfiles, shell scripts and JSON with comments through `analyse()`:
 * unclosed quotes, here-documents and comments, a continuation at the end, a command of 100,000
 * arguments, NUL bytes, and arrays nested a megabyte deep.
 */

const SOCK = '/var/run/docker.sock:/var/run/docker.sock';

const DOCKERFILE = 'images/agent/Dockerfile';
const SCRIPT = 'scripts/deploy.sh';

describe('hostile input: Dockerfiles and shell scripts', () => {
  it('reads on past an unclosed quote: to the end of the instruction, or of the script', () => {
    const dockerfile =
      `FROM docker:27\nRUN docker run -v ${SOCK} alpine\nRUN echo "unclosed\n` +
      'RUN docker run -v /run/containerd/containerd.sock:/c alpine\n';
    assert.deepEqual(
      found(dockerfile, analyseChecked({ fileName: DOCKERFILE, text: dockerfile })),
      ['DSG001 1:18 "/var/run/docker.sock"', 'DSG001 3:18 "/run/containerd/containerd.sock"'],
    );

    const script = `#!/bin/sh\ndocker run -v ${SOCK} alpine\necho "unclosed\ndocker run -v /run:/r x\n`;
    const result = analyseChecked({ fileName: SCRIPT, text: script });
    assert.deepEqual(found(script, result), ['DSG001 1:14 "/var/run/docker.sock"']);
    assert.deepEqual(told(result), [
      'information 2:5: Shell: unterminated double quote; the rest of the file was read as part of it',
    ]);
  });

  it('reads an unclosed here-document to the end of the file', () => {
    const dockerfile = `FROM docker:27\nRUN <<EOF\ndocker run -v ${SOCK} alpine\n`;
    assert.deepEqual(
      found(dockerfile, analyseChecked({ fileName: DOCKERFILE, text: dockerfile })),
      ['DSG001 2:14 "/var/run/docker.sock"'],
    );

    const script = `#!/bin/sh\nsh <<EOF\ndocker run -v ${SOCK} alpine\n`;
    const result = analyseChecked({ fileName: SCRIPT, text: script });
    assert.deepEqual(found(script, result), ['DSG001 2:14 "/var/run/docker.sock"']);
    assert.deepEqual(told(result), [
      'information 2:0: Shell: here-document without its end line "EOF"; the rest of the file ' +
        'was read as part of it',
    ]);
  });

  it('reads a continuation at the very end of the file', () => {
    const cases: Array<[string, string, string]> = [
      [DOCKERFILE, `FROM docker:27\nRUN docker run -v ${SOCK} \\`, '1:18'],
      [SCRIPT, `#!/bin/sh\ndocker run -v ${SOCK} \\`, '1:14'],
      [SCRIPT, `#!/bin/sh\ndocker run -v ${SOCK} \\\r\n`, '1:14'],
    ];
    for (const [fileName, text, at] of cases) {
      const result = analyseChecked({ fileName, text });
      assert.deepEqual(found(text, result), [`DSG001 ${at} "/var/run/docker.sock"`], fileName);
      assert.deepEqual(result.notices, [], fileName);
    }
  });

  it('reads a command of 100,000 arguments in linear time', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `arg${i}`).join(' ');
    const dockerfile = `FROM docker:27\nRUN docker run -v ${SOCK} alpine ${many}\n`;
    const script = `#!/bin/sh\ndocker run -v ${SOCK} alpine ${many}\n`;
    assert.deepEqual(
      found(dockerfile, analyseChecked({ fileName: DOCKERFILE, text: dockerfile })),
      ['DSG001 1:18 "/var/run/docker.sock"'],
    );
    assert.deepEqual(found(script, analyseChecked({ fileName: SCRIPT, text: script })), [
      'DSG001 1:14 "/var/run/docker.sock"',
    ]);
  });

  // dockerfile-ast dropped flags one shift() at a time: seconds per instruction, in its parser too.
  it('reads FROM and RUN with 100,000 flags each in linear time', () => {
    const flags = '--network=none '.repeat(100_000);
    const dockerfile = `FROM ${flags}docker:27-dind AS daemon\nRUN ${flags}docker run -v ${SOCK} alpine\n`;
    const result = analyseChecked({ fileName: DOCKERFILE, text: dockerfile });
    assert.deepEqual(found(dockerfile, result), ['DSG001 1:1500018 "/var/run/docker.sock"']);
    assert.deepEqual(result.notices, []);
  });

  it('reads 10,000 socket mounts on one command, each reported', () => {
    const mounts = Array.from({ length: 10_000 }, () => `-v ${SOCK}`).join(' ');
    const script = `docker run ${mounts} alpine\n`;
    const result = analyseChecked({ fileName: SCRIPT, text: script });
    assert.equal(result.findings.length, 10_000);
    assert.deepEqual(found(script, result).slice(0, 2), [
      'DSG001 0:14 "/var/run/docker.sock"',
      'DSG001 0:59 "/var/run/docker.sock"',
    ]);
  });

  it('reads past stray NUL characters', () => {
    const dockerfile = `FROM docker:27\nRUN docker run -v ${SOCK}\0 alpine\0\n\0`;
    assert.deepEqual(
      found(dockerfile, analyseChecked({ fileName: DOCKERFILE, text: dockerfile })),
      ['DSG001 1:18 "/var/run/docker.sock"'],
    );
    const script = `#!/bin/sh\ndocker run -v ${SOCK}\0 alpine\0\n\0`;
    assert.deepEqual(found(script, analyseChecked({ fileName: SCRIPT, text: script })), [
      'DSG001 1:14 "/var/run/docker.sock"',
    ]);
  });

  it('does not read a script that is mostly NUL (UTF-16 read as UTF-8), and says so', () => {
    const script = [...`docker run -v ${SOCK} alpine\n`].map((ch) => `${ch}\0`).join('');
    const result = analyseChecked({ fileName: SCRIPT, text: script });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(told(result), [
      'information 0:0: File looks binary or UTF-16 (it holds NUL characters); it was not ' +
        'analysed. Save it as UTF-8 to have it checked.',
    ]);
  });

  // The shell family places this notice one character past the end of the text.
  it('places the notice of an unclosed here-document at the very end inside the file', () => {
    const script = 'docker run -v /var/run/docker.sock:/x alpine\ncat <<EOF\n';
    const result = analyseChecked({ fileName: SCRIPT, text: script });
    assert.equal(result.findings.length, 1);
    assert.equal(result.notices.length, 1);
  });

  // makefile/expand.ts rescanned the rest of the line for each unclosed `$(` (40,000 of them
  // took 23 s, quadratic).
  it('reads a Makefile recipe with 40,000 unclosed references in linear time', () => {
    const makefile = `SOCK := /var/run/docker.sock\nall:\n\tdocker run -v $(SOCK):/x alpine ${'$(echo '.repeat(40_000)}\n`;
    const result = analyseChecked({ fileName: 'Makefile', text: makefile });
    assert.deepEqual(found(makefile, result), ['DSG001 2:15 "$(SOCK)"']);
  });

  // The shell reader recurses per `$(`: 20,000 of them exhaust the stack (shell family).
  it('reads 20,000 nested command substitutions without losing the rest of the script', () => {
    const nested = `echo ${'$('.repeat(20_000)}${')'.repeat(20_000)}\n`;
    const script = `#!/bin/sh\ndocker run -v ${SOCK} alpine\n${nested}`;
    const dockerfile = `FROM docker:27\nRUN docker run -v ${SOCK} alpine\nRUN ${nested}`;
    for (const [fileName, text] of [
      [SCRIPT, script],
      [DOCKERFILE, dockerfile],
    ] as Array<[string, string]>) {
      const result = analyseChecked({ fileName, text });
      assert.equal(result.findings.length, 1, fileName);
    }
  });
});

describe('hostile input: daemon configuration', () => {
  // Each continuation line copied the offsets of all the lines before it: quadratic.
  it('reads a systemd setting continued over 40,000 lines in linear time', () => {
    const unit =
      '[Service]\nExecStart=/usr/bin/dockerd \\\n' +
      '  --debug \\\n'.repeat(40_000) +
      '  -H tcp://0.0.0.0:2375\n';
    const result = analyseChecked({ fileName: 'docker.service.d/override.conf', text: unit });
    assert.deepEqual(found(unit, result), ['DSG003 40002:5 "tcp://0.0.0.0:2375"']);
  });
});

describe('hostile input: JSON with comments', () => {
  const DEVCONTAINER = '.devcontainer/devcontainer.json';
  const MOUNT = 'source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind';

  it('keeps what precedes an unclosed comment or string, with one notice where it starts', () => {
    const comment = `{\n  "image": "x",\n  "mounts": ["${MOUNT}"],\n  /* never closed\n}`;
    const string = `{\n  "image": "x",\n  "mounts": ["${MOUNT}"],\n  "name": "never closed\n}`;
    const daemon = '{\n  "hosts": ["tcp://0.0.0.0:2375"]\n  /* x';

    const cases: Array<[string, string, string[], string]> = [
      [
        DEVCONTAINER,
        comment,
        ['DSG001 2:21 "/var/run/docker.sock"'],
        'warning 3:2: This dev container configuration is not valid JSON here (unexpected end ' +
          'of comment); the analysis may be incomplete',
      ],
      [
        DEVCONTAINER,
        string,
        ['DSG001 2:21 "/var/run/docker.sock"'],
        'warning 3:10: This dev container configuration is not valid JSON here (unexpected end ' +
          'of string); the analysis may be incomplete',
      ],
      [
        'daemon.json',
        daemon,
        ['DSG003 1:13 "tcp://0.0.0.0:2375"'],
        'warning 2:2: This daemon.json is not valid JSON here (unexpected end of comment); the ' +
          'analysis may be incomplete',
      ],
    ];
    for (const [fileName, text, expected, notice] of cases) {
      const result = analyseChecked({ fileName, text });
      assert.deepEqual(found(text, result), expected, fileName);
      assert.deepEqual(told(result), [notice], fileName);
    }
  });

  // The JSON parser measures an unclosed comment at the end one character past the text.
  it('an unclosed comment at the very end gets a notice inside the file', () => {
    for (const [fileName, text] of [
      [DEVCONTAINER, `{"mounts": ["${MOUNT}"]} /*`],
      ['daemon.json', '{"hosts": ["tcp://0.0.0.0:2375"]} /*'],
      [DEVCONTAINER, '/*'],
    ] as Array<[string, string]>) {
      const result = analyseChecked({ fileName, text, skipPrefilter: true });
      assert.deepEqual(
        result.notices.map((n) => [n.span.start, n.span.end]),
        [[text.length - 2, text.length]],
        fileName,
      );
    }
  });

  it('a devcontainer.json cut off inside a mount string points at the whole host path', () => {
    const text = '{\n  "image": "x",\n  "mounts": [\n    "source=/var/run';
    const result = analyseChecked({ fileName: DEVCONTAINER, text });
    assert.deepEqual(found(text, result), ['DSG002 3:12 "/var/run"']);
    assert.deepEqual(told(result), [
      'warning 3:4: This dev container configuration is not valid JSON here (unexpected end of ' +
        'string); the analysis may be incomplete',
    ]);
  });

  it('stops a megabyte of nested arrays before the parser', () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    for (const [fileName, text] of [
      [DEVCONTAINER, `{"mounts": ["${MOUNT}"], "x": ${deep}}`],
      ['daemon.json', `{"hosts": ["tcp://0.0.0.0:2375"], "x": ${deep}}`],
    ] as Array<[string, string]>) {
      // The object is one level: its 500th open bracket is one too many.
      const result = analyseChecked({ fileName, text });
      assert.deepEqual(result.findings, [], fileName);
      assert.deepEqual(told(result), [
        'information 0:' +
          (text.indexOf('[[') + 499) +
          ': File nests deeper than the 500-level limit (dockerSocketGuard.limits.maxNesting) ' +
          'at line 1; it was not analysed.',
      ]);
    }
  });

  it('devcontainer.json nested past the JSON parser stack gets a notice, not silence', () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    const text = `{"mounts": ["${MOUNT}"], "x": ${deep}}`;
    const options = { limits: { maxNesting: 1_000_000 } };
    const devcontainer = analyseChecked({ fileName: DEVCONTAINER, text, options });
    assert.deepEqual(told(devcontainer), [
      'warning 0:0: This dev container configuration could not be parsed (Maximum call stack ' +
        'size exceeded); it was not analysed',
    ]);
    const daemon = analyseChecked({ fileName: 'daemon.json', text, options });
    assert.deepEqual(told(daemon), [
      'warning 0:0: This daemon.json could not be parsed (Maximum call stack size exceeded); it ' +
        'was not analysed',
    ]);
  });
});
