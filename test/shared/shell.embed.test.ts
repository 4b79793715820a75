import { strict as assert } from 'assert';
import {
  analyseContainerFlags,
  analyseDaemonArgs,
  analyseEmbeddedShell,
  splitWords,
  type EmbeddedScript,
  type Word,
} from '../../shared/families/shell/embed';
import { sourceDocument } from '../../shared/model/document';
import { resolveOptions } from '../../shared/model/options';
import { brief, relatedOf } from './shell.helpers';

const options = resolveOptions();

/** A word spanning `needle` (the first occurrence after `from`) in `text`, quotes excluded. */
function wordOf(text: string, needle: string, value = needle, from = 0): Word {
  const start = text.indexOf(needle, from);
  return { value, start, end: start + needle.length };
}

describe('shell embedded in other files', () => {
  it('maps a contiguous script (a Dockerfile RUN) by its start', () => {
    const text = 'FROM docker:cli\nRUN docker run -v /var/run/docker.sock:/s alpine\n';
    const doc = sourceDocument('Dockerfile', text);
    const script: EmbeddedScript = { text: text.slice(20, -1), toDocument: (o) => 20 + o };
    const findings = analyseEmbeddedShell(doc, script, options, {
      owner: { kind: 'instruction', name: 'RUN' },
    });
    assert.deepEqual(brief(text, findings), ['DSG001 error 1:18-1:38 "/var/run/docker.sock"']);
    assert.equal(
      findings[0]?.message,
      'Instruction RUN mounts the Docker socket /var/run/docker.sock',
    );
    assert.deepEqual(findings[0]?.facts.detail, {
      command: 'docker run',
      flag: '-v',
      wordStart: 31,
      wordEnd: 57,
    });
  });

  it('maps a script assembled from indented YAML lines character by character', () => {
    const lines = [
      'steps:',
      '  - run: |',
      '      docker run \\',
      '        -v /var/run/docker.sock:/s alpine',
    ];
    const text = lines.join('\n') + '\n';
    const offsets: number[] = [];
    let script = '';
    let lineStart = 0;
    for (const line of lines) {
      if (line.startsWith('      ')) {
        for (let i = 6; i <= line.length; i++) offsets.push(lineStart + i);
        script += line.slice(6) + '\n';
      }
      lineStart += line.length + 1;
    }
    const doc = sourceDocument('.github/workflows/ci.yml', text);
    const embedded = { text: script, toDocument: (o: number) => offsets[o] ?? text.length };
    const findings = analyseEmbeddedShell(doc, embedded, options, {
      owner: { kind: 'job', name: 'build' },
    });
    assert.deepEqual(brief(text, findings), ['DSG001 error 3:11-3:31 "/var/run/docker.sock"']);
    assert.equal(findings[0]?.message, 'Job "build" mounts the Docker socket /var/run/docker.sock');
  });

  it('uses the context variables for paths', () => {
    const text = 'docker run -v $SOCK:/s a';
    const findings = analyseEmbeddedShell(
      sourceDocument('x', text),
      { text, toDocument: (o) => o },
      options,
      { variables: { SOCK: '/var/run/docker.sock' } },
    );
    assert.deepEqual(brief(text, findings), ['DSG001 error 0:14-0:19 "$SOCK"']);
    assert.equal(
      findings[0]?.message,
      'Command docker run mounts the Docker socket $SOCK (/var/run/docker.sock)',
    );
    assert.deepEqual(findings[0]?.related, []);
  });

  it('ends a span with toDocumentEnd where script characters stand for a longer reference', () => {
    const text = 'run: docker run -v ${{ env.SOCK }}:/s a';
    const script = 'docker run -v /var/run/docker.sock:/s a';
    const refStart = text.indexOf('${{');
    const refEnd = text.indexOf('}}') + 2;
    const embedded: EmbeddedScript = {
      text: script,
      toDocument: (o) => (o < 14 ? 5 + o : o < 34 ? refStart : refEnd + (o - 34)),
      toDocumentEnd: (o) => (o <= 14 ? 5 + o : o <= 34 ? refEnd : refEnd + (o - 34)),
    };
    const findings = analyseEmbeddedShell(sourceDocument('ci.yml', text), embedded, options);
    assert.deepEqual(brief(text, findings), ['DSG001 error 0:19-0:34 "${{ env.SOCK }}"']);
  });
});

describe('container flags without the command', () => {
  const json =
    '{\n  "image": "docker:dind",\n  "runArgs": ["--privileged", "-v", ' +
    '"/var/run/docker.sock:/var/run/docker.sock", "--mount", "type=bind,source=/run,target=/r"]\n}';
  const words = [
    wordOf(json, '--privileged'),
    wordOf(json, '-v'),
    wordOf(json, '/var/run/docker.sock:/var/run/docker.sock'),
    wordOf(json, '--mount'),
    wordOf(json, 'type=bind,source=/run,target=/r'),
  ];
  const owner = { kind: 'devcontainer' as const, name: 'dev' };

  it('reports runArgs mounts exactly and privileged dind when the image is known', () => {
    const image = wordOf(json, 'docker:dind');
    const doc = sourceDocument('.devcontainer/devcontainer.json', json);
    const findings = analyseContainerFlags(doc, words, options, {
      owner,
      image: 'docker:dind',
      imageSpan: image,
    });
    assert.deepEqual(brief(json, findings), [
      'DSG005 warning 2:15-2:27 "--privileged"',
      'DSG001 error 2:37-2:57 "/var/run/docker.sock"',
      'DSG002 error 2:110-2:114 "/run"',
    ]);
    assert.equal(
      findings[0]?.message,
      'Dev container "dev" runs the Docker-in-Docker image docker:dind privileged',
    );
    assert.deepEqual(relatedOf(findings[0]), [
      'the Docker-in-Docker image docker:dind @ 1:12-1:23',
    ]);
    assert.equal(
      findings[1]?.message,
      'Dev container "dev" mounts the Docker socket /var/run/docker.sock',
    );
  });

  it('does not report privileged dind without an image', () => {
    const findings = analyseContainerFlags(sourceDocument('d.json', json), words, options, {
      owner,
    });
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['DSG001', 'DSG002'],
    );
  });

  it('reads a word spanning its quotes; a word whose text does not spell it spans whole', () => {
    const text = '["-v", "/var/run/docker.sock:/s", "-v", "\\u002fvar/run/docker.sock:/t"]';
    const quoted = text.indexOf('"/var');
    const escaped = text.indexOf('\\u002f');
    const given: Word[] = [
      wordOf(text, '-v'),
      { value: '/var/run/docker.sock:/s', start: quoted, end: quoted + 25 },
      wordOf(text, '-v', '-v', quoted),
      { value: '/var/run/docker.sock:/t', start: escaped, end: escaped + 28 },
    ];
    const findings = analyseContainerFlags(sourceDocument('x.json', text), given, options);
    assert.deepEqual(brief(text, findings), [
      'DSG001 error 0:8-0:28 "/var/run/docker.sock"',
      'DSG001 error 0:41-0:69 "\\\\u002fvar/run/docker.sock:/t"',
    ]);
  });
});

describe('daemon arguments', () => {
  it('reads ExecStart words split with splitWords, dockerd included', () => {
    const text =
      '[Service]\nExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375 --containerd=/run/containerd/containerd.sock\n';
    const base = text.indexOf('/usr/bin');
    const line = text.slice(base, text.indexOf('\n', base));
    const findings = analyseDaemonArgs(
      sourceDocument('docker.service', text),
      splitWords(line, base),
      options,
      {
        owner: { kind: 'daemon', name: 'docker.service' },
      },
    );
    assert.deepEqual(brief(text, findings), ['DSG003 error 1:39-1:57 "tcp://0.0.0.0:2375"']);
    assert.equal(
      findings[0]?.message,
      'Daemon "docker.service" serves the Docker API on tcp://0.0.0.0:2375 without TLS',
    );
  });

  it('reads arguments without the command (DOCKER_OPTS)', () => {
    const text = 'DOCKER_OPTS="-H tcp://0.0.0.0:2376 --tls"\n';
    const findings = analyseDaemonArgs(
      sourceDocument('docker', text),
      splitWords(text.slice(13, 40), 13),
      options,
    );
    assert.deepEqual(brief(text, findings), ['DSG004 warning 0:16-0:34 "tcp://0.0.0.0:2376"']);
    assert.equal(
      findings[0]?.message,
      'Command dockerd uses TLS on tcp://0.0.0.0:2376 without verification',
    );
  });
});

describe('splitWords', () => {
  it('splits a flag string into words at document offsets with exact inner offsets', () => {
    const words = splitWords('--privileged -v "/var/run/docker.sock:/s" --name \'a b\'', 100);
    assert.deepEqual(
      words.map((w) => `${w.value}@${w.start}-${w.end}`),
      [
        '--privileged@100-112',
        '-v@113-115',
        '/var/run/docker.sock:/s@116-141',
        '--name@142-148',
        'a b@149-154',
      ],
    );
    assert.equal(words[2]?.offsetOf?.(0), 117);
  });

  it('maps through toDocument when the text is not one run of the document', () => {
    const doc = [5, 6, 7, 20, 21];
    const words = splitWords('-v /x', 0, (o) => doc[o] ?? 22);
    assert.deepEqual(
      words.map((w) => `${w.value}@${w.start}-${w.end}`),
      ['-v@5-7', '/x@20-22'],
    );
  });

  it('feeds a GitHub container.options string to the flag analysis with exact spans', () => {
    const text =
      'jobs:\n  build:\n    container:\n      image: docker:dind\n      options: -v /var/run/docker.sock:/s --privileged\n';
    const base = text.indexOf('-v /var');
    const value = text.slice(base, text.indexOf('\n', base));
    const findings = analyseContainerFlags(
      sourceDocument('ci.yml', text),
      splitWords(value, base),
      options,
      {
        owner: { kind: 'job', name: 'build' },
        image: 'docker:dind',
      },
    );
    assert.deepEqual(brief(text, findings), [
      'DSG001 error 4:18-4:38 "/var/run/docker.sock"',
      'DSG005 warning 4:42-4:54 "--privileged"',
    ]);
    assert.deepEqual(findings[1]?.related, []);
  });
});
