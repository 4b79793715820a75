import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  type CodeAction,
  type Diagnostic,
  type LSPAny,
  type PublishDiagnosticsParams,
  type SnippetTextEdit,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import { ensureBuilt, fileUri, ROOT, SERVER } from './client';

/**
 * Quick fixes for clients with versioned edits (`documentChanges`), with and without LSP 3.18
 * snippet edits, as VS Code 1.100 announces them. The shared test client cannot announce these
 * capabilities, so this file starts the server with its own handshake.
 */

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'fix-server');

class EditClient {
  private readonly waiters = new Map<string, (p: PublishDiagnosticsParams) => void>();

  private constructor(
    private readonly connection: MessageConnection,
    private readonly child: ChildProcess,
  ) {}

  static async start(snippetEditSupport: boolean): Promise<EditClient> {
    ensureBuilt();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    const connection = createMessageConnection(child.stdout!, child.stdin!);
    const client = new EditClient(connection, child);
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((): LSPAny => ({})));
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.waiters.get(p.uri)?.(p);
      client.waiters.delete(p.uri);
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceEdit: { documentChanges: true, snippetEditSupport },
        },
      },
      initializationOptions: { debounceMs: 0 },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  open(uri: string, languageId: string, text: string): Promise<PublishDiagnosticsParams> {
    const published = new Promise<PublishDiagnosticsParams>((r) => this.waiters.set(uri, r));
    const textDocument = { uri, languageId, version: 1, text };
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument });
    return published;
  }

  actions(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    }) as Promise<CodeAction[]>;
  }

  async stop(): Promise<void> {
    const exit = new Promise((resolve) => this.child.once('exit', resolve));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await exit;
    this.connection.dispose();
  }
}

/** What an editor inserts for a snippet when the user accepts every placeholder as it is. */
function expandSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:((?:\\.|[^\\}])*)\}/g, '$1')
    .replace(/\$\d+|\$\{\d+\}/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

function isSnippet(edit: TextEdit | SnippetTextEdit): edit is SnippetTextEdit {
  return 'snippet' in edit;
}

/** The one versioned document edit of an action, as [snippet values or new texts, result]. */
function applyDocumentChange(text: string, uri: string, action: CodeAction | undefined) {
  const changes = action?.edit?.documentChanges;
  assert.ok(changes && changes.length === 1, JSON.stringify(action));
  assert.equal(action.edit?.changes, undefined);
  const change = changes[0] as TextDocumentEdit;
  assert.deepEqual(change.textDocument, { uri, version: 1 });

  const shown = change.edits.map((e) => (isSnippet(e) ? `snippet:${e.snippet.value}` : e.newText));
  const plain = change.edits.map((e): TextEdit =>
    isSnippet(e) ? { range: e.range, newText: expandSnippet(e.snippet.value) } : e,
  );
  const result = TextDocument.applyEdits(TextDocument.create(uri, 'plain', 1, text), plain);
  return { shown, result };
}

async function fixture(client: EditClient, file: string, languageId: string, code: string) {
  const text = readFileSync(path.join(FIXTURES, file), 'utf8');
  const uri = fileUri(path.join('/work/snippets', file));
  const published = await client.open(uri, languageId, text);
  const diagnostic = published.diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} in ${file}`);
  return { uri, text, actions: await client.actions(uri, diagnostic) };
}

const TLS = 'Connect to the Docker daemon over TLS instead of the socket';

describe('server: code actions with snippet edits', function () {
  let client: EditClient;

  before(async () => {
    client = await EditClient.start(true);
  });
  after(() => client.stop());

  it('writes the daemon host of the Compose TLS fix as a tab stop', async () => {
    const { uri, text, actions } = await fixture(client, 'compose.yaml', 'dockercompose', 'DSG001');
    const { shown, result } = applyDocumentChange(text, uri, actions[1]);
    assert.equal(actions[1]?.title, TLS);
    assert.deepEqual(shown, [
      'snippet:./docker-certs:/certs/client:ro',
      'snippet:    environment:\n      DOCKER_HOST: tcp://${1:daemon-host}:2376\n' +
        '      DOCKER_TLS_VERIFY: "1"\n      DOCKER_CERT_PATH: /certs/client\n',
    ]);
    assert.equal(
      result,
      text
        .replace('/var/run/docker.sock:/var/run/docker.sock', './docker-certs:/certs/client:ro')
        .replace(
          '  builder:',
          '    environment:\n      DOCKER_HOST: tcp://daemon-host:2376\n' +
            '      DOCKER_TLS_VERIFY: "1"\n      DOCKER_CERT_PATH: /certs/client\n  builder:',
        ),
    );
  });

  it('keeps fixes without placeholders plain, and escapes literal $ and } in snippets', async () => {
    const { uri, text, actions } = await fixture(
      client,
      '.devcontainer/devcontainer.json',
      'jsonc',
      'DSG001',
    );
    const remove = applyDocumentChange(text, uri, actions[0]);
    assert.deepEqual(remove.shown, ['']);

    const tls = applyDocumentChange(text, uri, actions[1]);
    assert.deepEqual(
      tls.shown[0],
      'snippet:\\${localWorkspaceFolder\\}/.devcontainer/docker-certs,target=/certs/client,type=bind,readonly',
    );
    assert.equal(
      tls.result,
      [
        '{',
        '  "name": "tools",',
        '  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",',
        '  "mounts": [',
        '    "source=${localWorkspaceFolder}/.devcontainer/docker-certs,target=/certs/client,type=bind,readonly",',
        '    "source=tools-cache,target=/cache,type=volume"',
        '  ],',
        '  "containerEnv": {',
        '    "DOCKER_HOST": "tcp://daemon-host:2376",',
        '    "DOCKER_TLS_VERIFY": "1",',
        '    "DOCKER_CERT_PATH": "/certs/client"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes the suppression reason as a tab stop', async () => {
    const { uri, text, actions } = await fixture(client, 'pod.yaml', 'yaml', 'DSG005');
    const { shown, result } = applyDocumentChange(text, uri, actions[1]);
    assert.deepEqual(shown, ['snippet:        # docker-socket-guard-ignore DSG005: ${1:reason}\n']);
    assert.equal(
      result,
      text.replace(
        '        privileged: true',
        '        # docker-socket-guard-ignore DSG005: reason\n        privileged: true',
      ),
    );
  });
});

describe('server: code actions with versioned edits, no snippets', function () {
  let client: EditClient;

  before(async () => {
    client = await EditClient.start(false);
  });
  after(() => client.stop());

  it('sends plain edits with plainly marked placeholders', async () => {
    const { uri, text, actions } = await fixture(client, 'deploy.sh', 'shellscript', 'DSG001');
    assert.equal(actions[1]?.title, TLS);
    const { shown, result } = applyDocumentChange(text, uri, actions[1]);
    const flags =
      '-e DOCKER_HOST=tcp://{daemon-host}:2376 -e DOCKER_TLS_VERIFY=1 ' +
      '-e DOCKER_CERT_PATH=/certs/client -v ./docker-certs:/certs/client:ro';
    assert.deepEqual(shown, [flags]);
    assert.equal(result, text.replace('-v /var/run/docker.sock:/var/run/docker.sock', flags));
  });
});
