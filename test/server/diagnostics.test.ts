import { strict as assert } from 'node:assert';
import { fileUri, TestClient } from './client';

const SOURCE = 'docker-socket-guard';
const DOCS = 'https://github.com/docker-socket-guard/docker-socket-guard/blob/main/docs/rules/';

function range(line: number, start: number, endLine: number, end: number) {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

const COMPOSE = [
  'services:',
  '  agent:',
  '    image: example/ci-agent:3',
  '    volumes:',
  '      - /var/run/docker.sock:/var/run/docker.sock',
  '  docker:',
  '    image: docker:dind',
  '    privileged: true',
  '    ports:',
  '      - 2375:2375',
  '',
].join('\n');

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: node-agent',
  'spec:',
  '  containers:',
  '    - name: agent',
  '      image: example/node-agent:1',
  '      volumeMounts:',
  '        - name: runtime',
  '          mountPath: /host/containerd.sock',
  '  volumes:',
  '    - name: runtime',
  '      hostPath:',
  '        path: /run/containerd/containerd.sock',
  '',
].join('\n');

describe('server: push diagnostics', function () {
  let client: TestClient;

  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  it("publishes a Compose file's findings on open: codes, links, severities", async () => {
    const uri = fileUri('/work/project/compose.yaml');
    const published = await client.open(uri, 'dockercompose', COMPOSE);
    assert.equal(published.version, 1);
    assert.deepEqual(published.diagnostics, [
      {
        range: range(4, 8, 4, 49),
        severity: 1,
        code: 'DSG001',
        codeDescription: { href: `${DOCS}DSG001.md` },
        source: SOURCE,
        message: 'Service "agent" mounts the Docker socket /var/run/docker.sock',
      },
      {
        range: range(7, 16, 7, 20),
        severity: 2,
        code: 'DSG005',
        codeDescription: { href: `${DOCS}DSG005.md` },
        source: SOURCE,
        message: 'Service "docker" runs the Docker-in-Docker image docker:dind privileged',
        relatedInformation: [
          { location: { uri, range: range(6, 11, 6, 22) }, message: 'Image docker:dind' },
        ],
      },
      {
        range: range(9, 8, 9, 17),
        severity: 1,
        code: 'DSG003',
        codeDescription: { href: `${DOCS}DSG003.md` },
        source: SOURCE,
        message: 'Service "docker" publishes port 2375:2375, the Docker API without TLS',
      },
    ]);
    await client.close(uri);
  });

  it('relates a Kubernetes hostPath finding to the mounting container', async () => {
    const uri = fileUri('/work/project/deploy/pod.yaml');
    const published = await client.open(uri, 'yaml', POD);
    assert.deepEqual(published.diagnostics, [
      {
        range: range(14, 14, 14, 45),
        severity: 1,
        code: 'DSG001',
        codeDescription: { href: `${DOCS}DSG001.md` },
        source: SOURCE,
        message:
          'Pod "node-agent" volume "runtime" mounts the containerd socket ' +
          '/run/containerd/containerd.sock into container "agent"',
        relatedInformation: [
          {
            location: { uri, range: range(9, 16, 9, 23) },
            message: 'mounted by container "agent" at /host/containerd.sock',
          },
        ],
      },
    ]);
    await client.close(uri);
  });

  it('publishes the findings of the other families by name or language id', async () => {
    const cases: Array<[string, string, string, [string, number, ReturnType<typeof range>]]> = [
      [
        '/p/run.sh',
        'shellscript',
        'docker run -v /var/run/docker.sock:/s img\n',
        ['DSG001', 1, range(0, 14, 0, 34)],
      ],
      [
        '/p/.github/workflows/ci.yml',
        'github-actions-workflow',
        'jobs:\n  b:\n    runs-on: x\n    services:\n      d:\n' +
          '        image: docker:dind\n        options: --privileged\n',
        ['DSG005', 2, range(6, 17, 6, 29)],
      ],
      [
        '/p/.gitlab-ci.yml',
        'yaml',
        'services:\n  - docker:dind\nvariables:\n  DOCKER_HOST: tcp://docker:2375\n',
        ['DSG003', 1, range(3, 15, 3, 32)],
      ],
      [
        '/p/.devcontainer/devcontainer.json',
        'jsonc',
        '{"mounts":["source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind"]}',
        ['DSG001', 1, range(0, 19, 0, 39)],
      ],
      [
        '/etc/docker/daemon.json',
        'json',
        '{"hosts":["tcp://0.0.0.0:2375"]}',
        ['DSG003', 1, range(0, 11, 0, 29)],
      ],
    ];
    for (const [path, languageId, text, [code, severity, expected]] of cases) {
      const uri = fileUri(path);
      const published = await client.open(uri, languageId, text);
      assert.deepEqual(
        published.diagnostics.map((d) => [d.code, d.severity, d.range, d.source]),
        [[code, severity, expected, SOURCE]],
        path,
      );
      await client.close(uri);
    }
  });

  it('turns a notice into a diagnostic without a code', async () => {
    const uri = fileUri('/work/project/broken/compose.yaml');
    const text = 'services:\n  a:\n    volumes:\n      - /var/run/docker.sock:/s\n  b: [\n';
    const published = await client.open(uri, 'dockercompose', text);
    const notice = published.diagnostics.find((d) => d.code === undefined);
    assert.deepEqual(notice && { ...notice, message: String(notice.message).slice(0, 32) }, {
      range: range(5, 0, 5, 0),
      severity: 3,
      source: SOURCE,
      message: 'YAML error at line 6, column 1: ',
    });
    await client.close(uri);
  });

  it('clears the diagnostics when a file is edited clean, and again when it closes', async () => {
    const uri = fileUri('/work/project/edit/compose.yaml');
    const opened = await client.open(uri, 'dockercompose', COMPOSE);
    assert.equal(opened.diagnostics.length, 3);

    const clean = await client.change(uri, 'services:\n  agent:\n    image: example/ci-agent:3\n');
    assert.deepEqual([clean.version, clean.diagnostics], [2, []]);

    const dirty = await client.change(uri, COMPOSE);
    assert.deepEqual(
      [dirty.version, dirty.diagnostics.map((d) => d.code)],
      [3, ['DSG001', 'DSG005', 'DSG003']],
    );

    const closed = await client.close(uri);
    assert.deepEqual([closed.version, closed.diagnostics], [undefined, []]);
  });

  it('re-analyses on save', async () => {
    const uri = fileUri('/work/project/save/compose.yaml');
    await client.open(uri, 'dockercompose', COMPOSE);
    const saved = await client.save(uri);
    assert.deepEqual([saved.version, saved.diagnostics.length], [1, 3]);
    await client.close(uri);
  });

  it('publishes nothing for YAML that is neither Compose, Kubernetes, CI nor Helm', async () => {
    const plain = fileUri('/work/project/notes/plain.yaml');
    const marker = fileUri('/work/project/marker/compose.yaml');
    void client.open(plain, 'yaml', 'title: notes\nitems:\n  - /var/run/docker.sock\n');
    await client.open(marker, 'dockercompose', COMPOSE);

    assert.deepEqual(
      client.published.filter((p) => p.uri === plain),
      [],
    );
    await client.close(marker);
    void client.close(plain);
  });

  it('clears once, then stays silent, when a file stops being Compose', async () => {
    const uri = fileUri('/work/project/was-compose.yaml');
    const marker = fileUri('/work/project/marker2/compose.yaml');
    await client.open(uri, 'yaml', COMPOSE);

    const cleared = await client.change(uri, 'title: no longer compose\n');
    assert.deepEqual(cleared.diagnostics, []);
    client.sendChange(uri, 'title: still not compose\n');
    await client.open(marker, 'dockercompose', COMPOSE);
    assert.deepEqual(
      client.published.filter((p) => p.uri === uri).map((p) => [p.version, p.diagnostics.length]),
      [
        [1, 3],
        [2, 0],
      ],
    );
    await client.close(marker);
  });
});

describe('server: order of publications', function () {
  it('publishes only the latest of quick changes (debounced)', async () => {
    const client = await TestClient.start({ debounceMs: 200 });
    try {
      const uri = fileUri('/work/project/quick/compose.yaml');
      await client.open(uri, 'dockercompose', COMPOSE);
      client.sendChange(uri, 'services: {}\n');
      client.sendChange(uri, COMPOSE.replace('agent', 'builder'));
      const last = await client.change(uri, COMPOSE.replace('agent', 'runner'));

      assert.equal(String(last.diagnostics[0]?.message).includes('"runner"'), true);
      assert.deepEqual(
        client.published.filter((p) => p.uri === uri).map((p) => p.version),
        [1, 4],
      );
    } finally {
      await client.stop();
    }
  });

  it('never lets an older version overwrite a newer one', async () => {
    const client = await TestClient.start();
    try {
      let release: () => void = () => undefined;
      client.configurationGate = new Promise((resolve) => (release = resolve));
      const uri = fileUri('/work/project/slow/compose.yaml');
      const asked = client.nextConfigurationRequest();
      void client.open(uri, 'dockercompose', COMPOSE);
      await asked;
      const second = client.change(uri, 'services: {}\n');
      release();

      assert.deepEqual((await second).diagnostics, []);
      assert.deepEqual(
        client.published.filter((p) => p.uri === uri).map((p) => p.version),
        [2],
      );
    } finally {
      await client.stop();
    }
  });
});

describe('server: transports', function () {
  it('serves over IPC with the runtime options, as the VS Code client starts it', async () => {
    const client = await TestClient.start({ transport: 'ipc' });
    try {
      const uri = fileUri('/work/project/ipc/compose.yaml');
      const published = await client.open(uri, 'dockercompose', COMPOSE);
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        ['DSG001', 'DSG005', 'DSG003'],
      );
    } finally {
      await client.stop();
    }
  });
});
