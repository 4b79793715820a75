import { strict as assert } from 'assert';
import { parseDocument, isScalar, type Node } from 'yaml';
import { readComposeFile, readEnvironment, readServiceMounts } from '../../shared/families/compose';
import { valueOffsets } from '../../shared/families/compose/offsets';
import { includesPlaintextPort, parseShortPort } from '../../shared/families/compose/ports';
import { splitOnColons } from '../../shared/families/compose/split';
import { isHostPathSource, parseShortVolume } from '../../shared/families/compose/volumes';
import { sourceDocument } from '../../shared/model/document';
import { where } from './compose.helpers';

describe('compose parsing: splitting short syntax on colons', () => {
  const cases: Array<[string, string[]]> = [
    ['/a:/b:ro', ['/a', '/b', 'ro']],
    ['${S:-/var/run/docker.sock}:/s', ['${S:-/var/run/docker.sock}', '/s']],
    ['${A:-${B:-/x}}:/y', ['${A:-${B:-/x}}', '/y']],
    ['$$x:/y', ['$$x', '/y']],
    ['C:\\x:/y', ['C:\\x', '/y']],
    ['c:/data:d:/data:ro', ['c:/data', 'd:/data', 'ro']],
    ['a:/data', ['a:/data']],
    ['${UNCLOSED:-/x', ['${UNCLOSED:-/x']],
  ];
  for (const [spec, parts] of cases) {
    it(`splits ${spec}`, () => assert.deepEqual(splitOnColons(spec, { drives: true }), parts));
  }

  it('keeps IPv6 addresses in brackets whole for ports', () => {
    assert.deepEqual(splitOnColons('[::1]:2375:2375', { brackets: true }), [
      '[::1]',
      '2375',
      '2375',
    ]);
  });
});

describe('compose parsing: short volumes', () => {
  it('reads source, target and mode', () => {
    assert.deepEqual(parseShortVolume('/a:/b:ro,z'), { source: '/a', target: '/b', mode: 'ro,z' });
    assert.deepEqual(parseShortVolume('/only'), {
      source: undefined,
      target: '/only',
      mode: undefined,
    });
    assert.equal(parseShortVolume('/a:/b:ro:extra'), undefined);
    assert.equal(parseShortVolume(':/b'), undefined);
  });

  it('tells host paths from volume names as Compose does', () => {
    for (const path of ['/x', './x', '../x', '~/x', '.', 'C:\\x', 'c:/x', '\\\\.\\pipe\\x']) {
      assert.equal(isHostPathSource(path), true, path);
    }
    for (const name of ['data', 'docker.sock', 'docker-sock', 'my_vol', '$$HOME']) {
      assert.equal(isHostPathSource(name), false, name);
    }
    assert.equal(isHostPathSource('${X:-/x}'), true);
    assert.equal(isHostPathSource('${X:-named}'), false);
    assert.equal(isHostPathSource('${UNKNOWN}'), true);
    assert.equal(isHostPathSource('${V}', { V: 'named' }), false);
  });
});

describe('compose parsing: ports', () => {
  it('reads host address, published and container ports, and the protocol', () => {
    assert.deepEqual(parseShortPort('127.0.0.1:2375:2375/TCP'), {
      label: '127.0.0.1:2375:2375/TCP',
      container: '2375',
      published: '2375',
      hostIp: '127.0.0.1',
      protocol: 'tcp',
    });
    assert.deepEqual(parseShortPort('2375'), {
      label: '2375',
      container: '2375',
      published: undefined,
      hostIp: undefined,
      protocol: 'tcp',
    });
    assert.equal(parseShortPort('1:2:3:4'), undefined);
  });

  it('includes 2375 in a container range only when the range holds it', () => {
    assert.equal(includesPlaintextPort('2375'), true);
    assert.equal(includesPlaintextPort('2370-2380'), true);
    assert.equal(includesPlaintextPort('2375-2375'), true);
    assert.equal(includesPlaintextPort('2376-2380'), false);
    assert.equal(includesPlaintextPort('2376'), false);
    assert.equal(includesPlaintextPort('${P}'), false);
  });
});

describe('compose parsing: offsets inside scalars', () => {
  function offsetsOf(source: string): { value: string; offsets: number[] | undefined } {
    const doc = parseDocument(`k: ${source}\n`);
    const node = doc.get('k', true) as Node;
    const value = isScalar(node) ? String(node.value) : '';
    return { value, offsets: valueOffsets(node, `k: ${source}\n`) };
  }

  it('maps plain, single- and double-quoted scalars character by character', () => {
    assert.deepEqual(offsetsOf('ab').offsets, [3, 4, 5]);
    assert.deepEqual(offsetsOf("'a''b'").offsets, [4, 5, 7, 8]);
    assert.deepEqual(offsetsOf('"a\\tb"').offsets, [4, 5, 7, 8]);
    assert.deepEqual(offsetsOf('"\\u00e9x"').offsets, [4, 10, 11]);
    assert.deepEqual(offsetsOf('"\\U0001F433x"').offsets, [4, 4, 14, 15]);
  });

  it('gives up on block scalars and folded lines', () => {
    assert.equal(offsetsOf('|\n  ab').offsets, undefined);
    assert.equal(offsetsOf('"a\n  b"').offsets, undefined);
  });
});

describe('compose parsing: the service walk for fixes', () => {
  const text = [
    'x-base: &base',
    '  image: alpine',
    'services:',
    '  web:',
    '    <<: *base',
    '    volumes:',
    '      - /var/run/docker.sock:/var/run/docker.sock',
    '      - type: bind',
    '        source: /srv',
    '        target: /srv',
    '    environment: ["A=1", "DOCKER_HOST=tcp://d:2375"]',
    '  db:',
    '    image: postgres',
    '',
  ].join('\n');
  const file = readComposeFile(parseDocument(text, { merge: true }), text);

  it('lists services with their key, merged entries and image', () => {
    assert.deepEqual(
      file.services.map((s) => [s.name, s.image?.resolved, s.entries.map((e) => e.key)]),
      [
        ['web', 'alpine', ['volumes', 'environment', 'image']],
        ['db', 'postgres', ['image']],
      ],
    );
    const web = file.services[0];
    assert.ok(web);
    assert.equal(text.slice(web.keyNode.range?.[0], web.keyNode.range?.[1]), 'web');
  });

  it('lists mounts with index, syntax and type', () => {
    const web = file.services[0];
    assert.ok(web);
    assert.deepEqual(
      readServiceMounts(web, file).map((m) => [m.index, m.syntax, m.type, m.source, m.target]),
      [
        [0, 'short', 'bind', '/var/run/docker.sock', '/var/run/docker.sock'],
        [1, 'long', 'bind', '/srv', '/srv'],
      ],
    );
  });

  it('lists environment variables with value spans', () => {
    const web = file.services[0];
    assert.ok(web);
    const doc = sourceDocument('compose.yaml', text);
    const env = readEnvironment(web, file, doc);
    assert.deepEqual(
      [...env.values()].map((v) => [v.name, v.value, where(v.valueSpan), where(v.entrySpan)]),
      [
        ['A', '1', '10:21-10:22', '10:18-10:23'],
        ['DOCKER_HOST', 'tcp://d:2375', '10:38-10:50', '10:25-10:51'],
      ],
    );
  });
});
