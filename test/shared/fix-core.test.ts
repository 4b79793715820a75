import { strict as assert } from 'assert';
import { analyse } from '../../shared/analyse';
import { applyEdits, fixAll, fixesFor } from '../../shared/fix';
import { diffEdits } from '../../shared/fix/edits';
import { fixAt, fixed, findingAt, lines, offered } from './fix.helpers';

/** The contract around the fixes: edits, snippets, preferred fixes, suppression, fixAll. */

describe('fix: edits', () => {
  it('applies edits against the original text, insertions at one place in order', () => {
    const edits = [
      { start: 4, end: 4, newText: 'b' },
      { start: 0, end: 1, newText: 'X' },
      { start: 4, end: 4, newText: 'c' },
    ];
    assert.equal(applyEdits('abcdef', edits), 'XbcdbcEf'.replace('E', 'e'));
  });

  it('refuses overlapping and out-of-range edits', () => {
    const overlapping = [
      { start: 0, end: 3, newText: '' },
      { start: 2, end: 4, newText: '' },
    ];
    assert.throws(() => applyEdits('abcdef', overlapping), RangeError);
    assert.throws(() => applyEdits('abc', [{ start: 2, end: 9, newText: '' }]), RangeError);
  });

  it('turns a changed text into minimal edits: characters in one line, lines otherwise', () => {
    assert.deepEqual(diffEdits('a: tcp://x:2375\nb: 1\n', 'a: tcp://x:2376\nb: 1\n'), [
      { start: 11, end: 15, newText: '2376' },
    ]);
    assert.deepEqual(diffEdits('a\nb\nc\nd\n', 'a\nd\nx\n'), [
      { start: 2, end: 6, newText: '' },
      { start: 8, end: 8, newText: 'x\n' },
    ]);
  });

  it('never cuts a placeholder in two', () => {
    assert.deepEqual(
      diffEdits('h: tcp://<x:1\n', 'h: tcp://<daemon-host>:2376\n', ['<daemon-host>']),
      [{ start: 9, end: 13, newText: '<daemon-host>:2376' }],
    );
  });
});

const COMPOSE = lines(
  'services:',
  '  agent:',
  '    image: a',
  '    volumes:',
  '      - /var/run/docker.sock:/var/run/docker.sock',
);

describe('fix: snippets', () => {
  it('writes the daemon host as a tab stop and escapes the literal text', () => {
    const fix = fixAt(
      { fileName: 'compose.yaml', text: COMPOSE },
      '/var/run/docker.sock:',
      'tls',
      true,
    );
    assert.equal(fix.snippet, true);
    assert.deepEqual(fix.edits, [
      { start: 53, end: 94, newText: './docker-certs:/certs/client:ro' },
      {
        start: 95,
        end: 95,
        newText:
          '    environment:\n      DOCKER_HOST: tcp://${1:daemon-host}:2376\n' +
          '      DOCKER_TLS_VERIFY: "1"\n      DOCKER_CERT_PATH: /certs/client\n',
      },
    ]);
  });

  it('writes the reason of a suppression as a tab stop', () => {
    const fix = fixAt(
      { fileName: 'compose.yaml', text: COMPOSE },
      '/var/run/docker.sock:',
      'suppress',
      true,
    );
    assert.deepEqual(fix.edits, [
      { start: 45, end: 45, newText: '      # docker-socket-guard-ignore DSG001: ${1:reason}\n' },
    ]);
  });

  it('escapes $ of the literal text in a snippet', () => {
    const text = lines('{', '  "mounts": ["source=/var/run/docker.sock,target=/x,type=bind"]', '}');
    const fix = fixAt(
      { fileName: '.devcontainer/devcontainer.json', text },
      '/var/run/docker.sock',
      'tls',
      true,
    );
    assert.ok(
      fix.edits.some((e) => e.newText.startsWith('\\${localWorkspaceFolder\\}/.devcontainer')),
    );
    assert.ok(fix.edits.some((e) => e.newText.includes('tcp://${1:daemon-host}:2376')));
  });

  it('leaves a fix without placeholders plain', () => {
    const fix = fixAt(
      { fileName: 'compose.yaml', text: COMPOSE },
      '/var/run/docker.sock:',
      'remove',
      true,
    );
    assert.equal(fix.snippet, false);
    assert.deepEqual(fix.edits, [{ start: 32, end: 95, newText: '' }]);
  });

  it('names the context a tab stop with a usable default', () => {
    const text = lines('#!/bin/sh', 'docker -H tcp://b:2375 ps');
    const fix = fixAt({ fileName: 'a.sh', text }, 'tcp://b:2375', 'context', true);
    assert.deepEqual(
      fix.edits.map((e) => e.newText),
      [
        '# docker context create ${1:remote-docker} --docker "host=tcp://b:2376,ca=\\$HOME/.docker/ca.pem,cert=\\$HOME/.docker/cert.pem,key=\\$HOME/.docker/key.pem"\n',
        '--context ${1:remote-docker}',
      ],
    );
  });
});

describe('fix: which fixes, and which first', () => {
  it('prefers remove for mounts, TLS for plain TCP, Sysbox for privileged dind', () => {
    const text = lines(
      'services:',
      '  docker:',
      '    image: docker:dind',
      '    privileged: true',
      '    environment:',
      '      DOCKER_HOST: tcp://x:2375',
      '    volumes:',
      '      - /var/run:/host/run',
    );
    assert.deepEqual(offered('compose.yaml', text, 'true'), ['sysbox*', 'suppress']);
    assert.deepEqual(offered('compose.yaml', text, 'tcp://x:2375'), ['tls*', 'suppress']);
    assert.deepEqual(offered('compose.yaml', text, '/var/run'), [
      'remove*',
      'proxy',
      'sysbox',
      'suppress',
    ]);
  });

  it('offers no fix once applied: the finding is gone', () => {
    const input = { fileName: 'compose.yaml', text: COMPOSE };
    const finding = findingAt(input, '/var/run/docker.sock:');
    for (const fix of fixesFor(input, finding)) {
      const after = analyse({ ...input, text: applyEdits(COMPOSE, fix.edits) });
      assert.deepEqual(
        after.findings.filter((f) => f.ruleId === 'DSG001' && f.severity === 'error'),
        [],
      );
    }
  });

  it('works on the text without its byte-order mark', () => {
    assert.equal(
      fixed('compose.yaml', `\ufeff${COMPOSE}`, '/var/run/docker.sock:', 'remove'),
      lines('services:', '  agent:', '    image: a'),
    );
  });
});

describe('fix: suppression', () => {
  it('adds the rule to a suppression comment on the line above', () => {
    const text = lines(
      '#!/bin/sh',
      '# docker-socket-guard-ignore DSG005: throwaway test daemon',
      'docker run -d --privileged -p 2375:2375 docker:27-dind',
    );
    const after = fixed('dind.sh', text, '2375:2375', 'suppress');
    assert.equal(
      after,
      lines(
        '#!/bin/sh',
        '# docker-socket-guard-ignore DSG005, DSG003: throwaway test daemon',
        'docker run -d --privileged -p 2375:2375 docker:27-dind',
      ),
    );
    assert.deepEqual(analyse({ fileName: 'dind.sh', text: after }).findings, []);
  });

  it('is not offered in a folded YAML script, where a comment line would join the command', () => {
    const text = lines(
      'job:',
      '  script:',
      '    - >',
      '      docker run',
      '      -v /var/run/docker.sock:/x alpine',
    );
    assert.deepEqual(offered('.gitlab-ci.yml', text, '/var/run/docker.sock'), ['remove*', 'tls']);
  });
});

describe('fix: fixAll', () => {
  const TWO = lines(
    'services:',
    '  agent:',
    '    image: a',
    '    volumes:',
    '      - /var/run/docker.sock:/var/run/docker.sock',
    '      - type: bind',
    '        source: /run',
    '        target: /host/run',
    '  web:',
    '    image: nginx',
  );

  it('removes every mount in one change, and the volumes key they leave empty', () => {
    const result = fixAll({ fileName: 'compose.yaml', text: TWO }, 'remove');
    assert.equal(
      result.text,
      lines('services:', '  agent:', '    image: a', '  web:', '    image: nginx'),
    );
    assert.deepEqual(result.edits, [{ start: 32, end: 161, newText: '' }]);
    assert.equal(result.applied, 2);
    assert.equal(result.skipped, 0);
  });

  it('routes every consumer through one proxy', () => {
    const text = lines(
      'services:',
      '  a:',
      '    image: a',
      '    volumes:',
      '      - /var/run/docker.sock:/var/run/docker.sock',
      '  b:',
      '    image: b',
      '    volumes:',
      '      - /var/run/docker.sock:/var/run/docker.sock',
    );
    const result = fixAll({ fileName: 'compose.yaml', text }, 'proxy');
    assert.equal(result.applied, 2);
    assert.equal(result.text.split('docker-socket-proxy:\n').length, 2);
    const left = analyse({ fileName: 'compose.yaml', text: result.text }).findings;
    assert.deepEqual(
      left.map((f) => `${f.ruleId} ${f.severity}`),
      ['DSG003 information', 'DSG003 information', 'DSG001 information'],
    );
  });

  it('keeps a byte-order mark and does nothing when nothing applies', () => {
    const result = fixAll({ fileName: 'compose.yaml', text: `\ufeff${TWO}` }, 'sysbox');
    assert.deepEqual(result, { text: `\ufeff${TWO}`, edits: [], applied: 0, skipped: 0 });
  });
});
