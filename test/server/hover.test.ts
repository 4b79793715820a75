import { strict as assert } from 'node:assert';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { fileUri, TestClient } from './client';

const DOCS = 'https://github.com/docker-socket-guard/docker-socket-guard/blob/main/docs/rules/';

const COMPOSE = [
  'services:',
  '  agent:',
  '    image: example/ci-agent:3',
  '    volumes:',
  '      - /var/run/docker.sock:/var/run/docker.sock',
  '  watcher:',
  '    image: example/watcher:1',
  '    volumes:',
  '      - /var/run/docker.sock:/var/run/docker.sock:ro',
  '',
].join('\n');

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

describe('server: hover', function () {
  let client: TestClient;
  const uri = fileUri('/work/hover/compose.yaml');

  before(async () => {
    client = await TestClient.start();
    await client.open(uri, 'dockercompose', COMPOSE);
  });
  after(() => client.stop());

  it('explains the finding under the cursor, naming its line, node and service', async () => {
    const hover = await client.hover(uri, 4, 20);
    const text = markdown(hover);
    assert.deepEqual(hover?.range, {
      start: { line: 4, character: 8 },
      end: { line: 4, character: 49 },
    });
    assert.ok(text.startsWith('**DSG001 · Container engine socket mounted into a container**'));
    assert.ok(
      text.includes(
        '**What is exposed.** Service "agent" mounts the Docker socket /var/run/docker.sock ' +
          '(line 5: `/var/run/docker.sock:/var/run/docker.sock`).',
      ),
    );
    assert.ok(text.includes('Anyone who gets code execution in service "agent"'));
    assert.ok(text.includes('(`runtime: sysbox-runc` on the service)'));
    assert.ok(text.endsWith(`[DSG001 rule reference](${DOCS}DSG001.md)`));
    assert.equal(text.includes('Read-only does not help'), false);
  });

  it('says why read-only does not help on a read-only mount', async () => {
    const text = markdown(await client.hover(uri, 8, 8));
    assert.ok(text.includes('(line 9: `/var/run/docker.sock:/var/run/docker.sock:ro`)'));
    assert.ok(text.includes('**Read-only does not help.**'));
  });

  it('returns null off a finding and just past its end', async () => {
    assert.equal(await client.hover(uri, 0, 3), null);
    assert.equal(await client.hover(uri, 4, 7), null);
    assert.equal(await client.hover(uri, 4, 49), null);
  });

  it('quotes the node right after a byte-order mark', async () => {
    const bom = fileUri('/work/hover/bom/compose.yaml');
    await client.open(bom, 'dockercompose', `\uFEFF${COMPOSE}`);
    const text = markdown(await client.hover(bom, 4, 20));
    assert.ok(text.includes('(line 5: `/var/run/docker.sock:/var/run/docker.sock`)'), text);
  });

  it('returns null for a document the server does not know', async () => {
    assert.equal(await client.hover(fileUri('/work/hover/never-opened.yaml'), 0, 0), null);
  });

  it('follows the edits before their diagnostics are published', async () => {
    const slow = await TestClient.start({ debounceMs: 60_000 });
    try {
      const edited = fileUri('/work/hover/edited/compose.yaml');
      void slow.open(edited, 'dockercompose', 'services: {}\n');
      slow.sendChange(edited, COMPOSE.replace(/agent/g, 'builder'));
      const text = markdown(await slow.hover(edited, 4, 8));
      assert.ok(text.includes('Service "builder" mounts the Docker socket'));
    } finally {
      await slow.stop();
    }
  });

  it('explains a Kubernetes hostPath with the proxy and the pod runtime class', async () => {
    const pod = fileUri('/work/hover/pod.yaml');
    await client.open(
      pod,
      'yaml',
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: node-agent',
        'spec:',
        '  containers:',
        '    - name: agent',
        '      image: example/node-agent:1',
        '      volumeMounts:',
        '        - name: run',
        '          mountPath: /host/run',
        '  volumes:',
        '    - name: run',
        '      hostPath:',
        '        path: /var/run',
        '',
      ].join('\n'),
    );
    const text = markdown(await client.hover(pod, 14, 14));
    assert.ok(text.startsWith('**DSG002 · Host directory holding an engine socket'), text);
    assert.ok(text.includes('(line 15: `/var/run`)'));
    assert.ok(text.includes('Put a filtering socket proxy in front of the socket'));
    assert.ok(text.includes('`runtimeClassName: sysbox-runc` in the pod spec'));
  });

  it('explains a plaintext daemon in daemon.json as reachable from the network', async () => {
    const daemon = fileUri('/etc/docker/daemon.json');
    await client.open(daemon, 'json', '{\n  "hosts": ["tcp://0.0.0.0:2375"]\n}\n');
    const text = markdown(await client.hover(daemon, 1, 14));
    assert.ok(text.includes('Anyone on the network who reaches `tcp://0.0.0.0:2375`'), text);
    assert.ok(text.includes('Move from 2375 to 2376 with `--tlsverify`'));
    assert.equal(text.includes('Sysbox'), false);
  });

  it('has nothing to say on a rule set to off', async () => {
    const off = await TestClient.start({ settings: { rules: { DSG001: 'off' } } });
    try {
      const other = fileUri('/work/hover/off/compose.yaml');
      await off.open(other, 'dockercompose', COMPOSE);
      assert.equal(await off.hover(other, 4, 20), null);
    } finally {
      await off.stop();
    }
  });
});
