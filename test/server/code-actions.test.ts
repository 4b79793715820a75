import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { fileUri, ROOT, TestClient } from './client';

/**
 * Quick fixes over the protocol, for a client without versioned or snippet edits (the server
 * answers `changes`): each case opens a fixture, asks for the code actions of one diagnostic,
 * applies the chosen one and compares the whole resulting text.
 */

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'fix-server');
const FIX_ALL = 'source.fixAll.dockerSocketGuard';

const lines = (...rows: string[]): string => rows.join('\n') + '\n';

const REMOVE_MOUNT = 'Remove the mount';
const TLS = 'Connect to the Docker daemon over TLS instead of the socket';
const SUPPRESS_001 = 'Suppress DSG001 on this line with a reason';

interface Case {
  name: string;
  file: string;
  languageId: string;
  code: string;
  /** every title offered for that diagnostic, the preferred one with a `*` */
  offered: string[];
  title: string;
  expected: string;
}

const COMPOSE_HEAD = ['services:', '  agent:', '    image: portainer/agent:2.21', '    volumes:'];
const COMPOSE_BUILDER = ['  builder:', '    image: docker:27-dind', '    privileged: true'];
const COMPOSE_TAIL = ['volumes:', '  agent-data:'];
const SOCKET = '      - /var/run/docker.sock:/var/run/docker.sock';
const COMPOSE_001 = [
  'Remove the socket mount*',
  TLS,
  'Route through a filtering socket proxy',
  SUPPRESS_001,
];

const POD_HEAD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: agent', 'spec:'];
const POD_AGENT = ['  containers:', '    - name: agent', '      image: example/agent:1.4'];
const POD_MOUNT = [
  '      volumeMounts:',
  '        - name: docker-sock',
  '          mountPath: /var/run/docker.sock',
];
const POD_DIND = ['    - name: dind', '      image: docker:27-dind'];
const POD_PRIVILEGED = ['      securityContext:', '        privileged: true'];
const POD_VOLUME = [
  '  volumes:',
  '    - name: docker-sock',
  '      hostPath:',
  '        path: /var/run/docker.sock',
];

const SH_HEAD = ['#!/bin/sh', 'set -eu'];
const SH_HOST = 'export DOCKER_HOST=tcp://build-host:2375';
const SH_RUN = 'docker run --rm -v /var/run/docker.sock:/var/run/docker.sock example/agent:1.4';

const CASES: Case[] = [
  {
    name: 'Compose: remove the socket mount',
    file: 'compose.yaml',
    languageId: 'dockercompose',
    code: 'DSG001',
    offered: COMPOSE_001,
    title: 'Remove the socket mount',
    expected: lines(
      ...COMPOSE_HEAD,
      '      - agent-data:/data',
      ...COMPOSE_BUILDER,
      ...COMPOSE_TAIL,
    ),
  },
  {
    name: 'Compose: TLS instead of the socket',
    file: 'compose.yaml',
    languageId: 'dockercompose',
    code: 'DSG001',
    offered: COMPOSE_001,
    title: TLS,
    expected: lines(
      ...COMPOSE_HEAD,
      '      - ./docker-certs:/certs/client:ro',
      '      - agent-data:/data',
      '    environment:',
      '      DOCKER_HOST: tcp://<daemon-host>:2376',
      '      DOCKER_TLS_VERIFY: "1"',
      '      DOCKER_CERT_PATH: /certs/client',
      ...COMPOSE_BUILDER,
      ...COMPOSE_TAIL,
    ),
  },
  {
    name: 'Compose: a filtering socket proxy',
    file: 'compose.yaml',
    languageId: 'dockercompose',
    code: 'DSG001',
    offered: COMPOSE_001,
    title: 'Route through a filtering socket proxy',
    expected: lines(
      ...COMPOSE_HEAD,
      '      - agent-data:/data',
      '    environment:',
      '      DOCKER_HOST: tcp://docker-socket-proxy:2375',
      '    networks:',
      '      - default',
      '      - docker-api',
      ...COMPOSE_BUILDER,
      '  docker-socket-proxy:',
      '    image: tecnativa/docker-socket-proxy',
      '    environment:',
      '      CONTAINERS: 1',
      '      POST: 0',
      '    volumes:',
      '      - /var/run/docker.sock:/var/run/docker.sock:ro',
      '    networks:',
      '      - docker-api',
      ...COMPOSE_TAIL,
      'networks:',
      '  docker-api:',
      '    internal: true',
    ),
  },
  {
    name: 'Compose: suppress with a reason',
    file: 'compose.yaml',
    languageId: 'dockercompose',
    code: 'DSG001',
    offered: COMPOSE_001,
    title: SUPPRESS_001,
    expected: lines(
      ...COMPOSE_HEAD,
      '      # docker-socket-guard-ignore DSG001: <reason>',
      SOCKET,
      '      - agent-data:/data',
      ...COMPOSE_BUILDER,
      ...COMPOSE_TAIL,
    ),
  },
  {
    name: 'Compose: Sysbox instead of privileged',
    file: 'compose.yaml',
    languageId: 'dockercompose',
    code: 'DSG005',
    offered: [
      'Run Docker-in-Docker under Sysbox instead of privileged*',
      'Suppress DSG005 on this line with a reason',
    ],
    title: 'Run Docker-in-Docker under Sysbox instead of privileged',
    expected: lines(
      ...COMPOSE_HEAD,
      SOCKET,
      '      - agent-data:/data',
      '  builder:',
      '    image: docker:27-dind',
      '    runtime: sysbox-runc',
      ...COMPOSE_TAIL,
    ),
  },
  {
    name: 'Kubernetes: remove the volume and its mounts',
    file: 'pod.yaml',
    languageId: 'yaml',
    code: 'DSG001',
    offered: ['Remove volume "docker-sock" and its mounts*', TLS, SUPPRESS_001],
    title: 'Remove volume "docker-sock" and its mounts',
    expected: lines(...POD_HEAD, ...POD_AGENT, ...POD_DIND, ...POD_PRIVILEGED),
  },
  {
    name: 'Kubernetes: TLS with a certificate secret',
    file: 'pod.yaml',
    languageId: 'yaml',
    code: 'DSG001',
    offered: ['Remove volume "docker-sock" and its mounts*', TLS, SUPPRESS_001],
    title: TLS,
    expected: lines(
      ...POD_HEAD,
      ...POD_AGENT,
      '      volumeMounts:',
      '        - name: docker-client-certs',
      '          mountPath: /certs/client',
      '          readOnly: true',
      '      env:',
      '        - name: DOCKER_HOST',
      '          value: tcp://<daemon-host>:2376',
      '        - name: DOCKER_TLS_VERIFY',
      '          value: "1"',
      '        - name: DOCKER_CERT_PATH',
      '          value: /certs/client',
      ...POD_DIND,
      ...POD_PRIVILEGED,
      '  volumes:',
      '    - name: docker-client-certs',
      '      secret:',
      '        secretName: docker-client-certs',
    ),
  },
  {
    name: 'Kubernetes: the Sysbox runtime class',
    file: 'pod.yaml',
    languageId: 'yaml',
    code: 'DSG005',
    offered: [
      'Run Docker-in-Docker under Sysbox instead of privileged*',
      'Suppress DSG005 on this line with a reason',
    ],
    title: 'Run Docker-in-Docker under Sysbox instead of privileged',
    expected: lines(
      ...POD_HEAD,
      ...POD_AGENT,
      ...POD_MOUNT,
      ...POD_DIND,
      ...POD_VOLUME,
      '  runtimeClassName: sysbox-runc',
    ),
  },
  {
    name: 'shell: remove the -v flag',
    file: 'deploy.sh',
    languageId: 'shellscript',
    code: 'DSG001',
    offered: [`${REMOVE_MOUNT}*`, TLS, 'Run docker against a Docker context instead', SUPPRESS_001],
    title: REMOVE_MOUNT,
    expected: lines(...SH_HEAD, SH_HOST, 'docker run --rm example/agent:1.4'),
  },
  {
    name: 'shell: a Docker context instead of DOCKER_HOST',
    file: 'deploy.sh',
    languageId: 'shellscript',
    code: 'DSG003',
    offered: [
      'Use TLS: port 2376 with verification*',
      'Use a Docker context instead of a TCP address',
      'Suppress DSG003 on this line with a reason',
    ],
    title: 'Use a Docker context instead of a TCP address',
    expected: lines(
      ...SH_HEAD,
      '# docker context create remote-docker --docker "host=tcp://build-host:2376,' +
        'ca=$HOME/.docker/ca.pem,cert=$HOME/.docker/cert.pem,key=$HOME/.docker/key.pem"',
      'export DOCKER_CONTEXT=remote-docker',
      SH_RUN,
    ),
  },
  {
    name: 'Dockerfile: TLS on port 2376',
    file: 'Dockerfile',
    languageId: 'dockerfile',
    code: 'DSG003',
    offered: [
      'Use TLS: port 2376 with DOCKER_TLS_VERIFY=1*',
      'Suppress DSG003 on this line with a reason',
    ],
    title: 'Use TLS: port 2376 with DOCKER_TLS_VERIFY=1',
    expected: lines(
      'FROM docker:27-cli',
      'ENV DOCKER_HOST=tcp://build-host:2376',
      'ENV DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=/certs/client',
      'CMD ["docker", "ps"]',
    ),
  },
  {
    name: 'dev container: remove the mount',
    file: '.devcontainer/devcontainer.json',
    languageId: 'jsonc',
    code: 'DSG001',
    offered: [`${REMOVE_MOUNT}*`, TLS, SUPPRESS_001],
    title: REMOVE_MOUNT,
    expected: lines(
      '{',
      '  "name": "tools",',
      '  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",',
      '  "mounts": [',
      '    "source=tools-cache,target=/cache,type=volume"',
      '  ]',
      '}',
    ),
  },
  {
    name: 'GitHub Actions: remove the job container mount',
    file: '.github/workflows/ci.yml',
    languageId: 'github-actions-workflow',
    code: 'DSG001',
    offered: [`${REMOVE_MOUNT}*`, SUPPRESS_001],
    title: REMOVE_MOUNT,
    expected: lines(
      'name: ci',
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    container:',
      '      image: node:20',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: docker build .',
    ),
  },
];

/** Applies the `changes` of a workspace edit for one document. */
function applyChanges(text: string, uri: string, action: CodeAction | undefined): string {
  assert.ok(
    action?.edit?.changes,
    `expected an action with changes, got ${JSON.stringify(action)}`,
  );
  assert.equal(action.edit.documentChanges, undefined);
  assert.deepEqual(Object.keys(action.edit.changes), [uri]);
  const edits: TextEdit[] = action.edit.changes[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'plain', 0, text), edits);
}

const titled = (actions: CodeAction[]) =>
  actions.map((a) => `${a.title}${a.isPreferred === true ? '*' : ''}`);

describe('server: code actions (plain edits)', function () {
  let client: TestClient;
  let opened = 0;

  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  function request(uri: string, diagnostics: Diagnostic[], only?: string[]) {
    const range = diagnostics[0]?.range ?? {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    };
    return client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    }) as Promise<CodeAction[]>;
  }

  /** Opens a fixture under a fresh URI with the same file name. */
  async function openFixture(file: string, languageId: string) {
    const text = readFileSync(path.join(FIXTURES, file), 'utf8');
    const uri = fileUri(path.join('/work', `case-${++opened}`, file));
    const published = await client.open(uri, languageId, text);
    return { uri, text, diagnostics: published.diagnostics };
  }

  for (const c of CASES) {
    it(`${c.name}: exact text, then no longer offered`, async () => {
      const { uri, text, diagnostics } = await openFixture(c.file, c.languageId);
      const diagnostic = diagnostics.find((d) => d.code === c.code);
      assert.ok(diagnostic, `no ${c.code} in ${JSON.stringify(diagnostics)}`);

      const actions = await request(uri, [diagnostic], ['quickfix']);
      assert.deepEqual(titled(actions), c.offered);
      const action = actions.find((a) => a.title === c.title);
      assert.equal(action?.kind, 'quickfix');
      assert.deepEqual(action?.diagnostics, [diagnostic]);
      const result = applyChanges(text, uri, action);
      assert.equal(result, c.expected);

      const after = await client.change(uri, result);
      assert.equal(
        after.diagnostics.some((d) => d.code === c.code && d.message === diagnostic.message),
        false,
      );
      assert.deepEqual(await request(uri, [diagnostic], ['quickfix']), []);
    });
  }

  it('lists fix-all after the quick fixes when no kind is asked for', async () => {
    const { uri, diagnostics } = await openFixture('compose.yaml', 'dockercompose');
    const socket = diagnostics.filter((d) => d.code === 'DSG001');
    const actions = await request(uri, socket);
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['quickfix', 'quickfix', 'quickfix', 'quickfix', FIX_ALL],
    );
  });

  it('offers nothing for a diagnostic that is not ours or not current', async () => {
    const { uri, diagnostics } = await openFixture('compose.yaml', 'dockercompose');
    const [first] = diagnostics;
    assert.ok(first);
    const foreign = { ...first, source: 'yaml' };
    const moved = { ...first, range: { ...first.range, end: { line: 4, character: 10 } } };
    assert.deepEqual(await request(uri, [foreign, moved], ['quickfix']), []);
    assert.deepEqual(await request(fileUri('/work/not-open/compose.yaml'), [first]), []);
  });
});

describe('server: fix-all (source.fixAll.dockerSocketGuard)', function () {
  let client: TestClient;

  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  function request(uri: string, only: string[]) {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics: [], only },
    }) as Promise<CodeAction[]>;
  }

  it('removes every socket mount with the default preferred fix, once', async () => {
    const text = readFileSync(path.join(FIXTURES, 'compose.yaml'), 'utf8');
    const uri = fileUri('/work/fix-all/compose.yaml');
    await client.open(uri, 'dockercompose', text);

    const actions = await request(uri, [FIX_ALL]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.diagnostics]),
      [['Fix all Docker Socket Guard findings (remove: 1 fix)', FIX_ALL, undefined]],
    );
    assert.deepEqual(await request(uri, ['source']), actions);
    assert.deepEqual(await request(uri, ['quickfix']), []);

    const result = applyChanges(text, uri, actions[0]);
    assert.equal(result, CASES[0]?.expected);
    const after = await client.change(uri, result);
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      ['DSG005'],
    );
    assert.deepEqual(await request(uri, [FIX_ALL]), []);
  });

  it('answers the parent kind source.fixAll, for a shell script too', async () => {
    const text = readFileSync(path.join(FIXTURES, 'deploy.sh'), 'utf8');
    const uri = fileUri('/work/fix-all/deploy.sh');
    await client.open(uri, 'shellscript', text);

    const [action, ...rest] = await request(uri, ['source.fixAll']);
    assert.deepEqual(rest, []);
    assert.equal(action?.title, 'Fix all Docker Socket Guard findings (remove: 1 fix)');
    assert.equal(
      applyChanges(text, uri, action),
      lines(...SH_HEAD, SH_HOST, 'docker run --rm example/agent:1.4'),
    );
  });
});
