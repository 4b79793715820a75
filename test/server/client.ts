/**
 * A scripted LSP client for the protocol tests and the benchmarks: starts dist/server.js over
 * stdio, answers the server's requests (configuration, progress tokens) and records what the
 * server sends, so that tests await notifications instead of sleeping.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  type ConfigurationItem,
  type Hover,
  type LogMessageParams,
  type LSPAny,
  type ProgressToken,
  type PublishDiagnosticsParams,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { SERVER_EXEC_ARGV } from '../../server/runtime-options';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface TestClientOptions {
  /** the server's debounce delay (initializationOptions.debounceMs); 0 by default in tests */
  debounceMs?: number;
  /** whether the client answers `workspace/configuration` (default true) */
  configuration?: boolean;
  /** whether the client supports `window/workDoneProgress` (default true) */
  workDoneProgress?: boolean;
  /** the `dockerSocketGuard` section */
  settings?: Record<string, unknown>;
  /** the `files.exclude` setting answered for section `files` */
  filesExclude?: Record<string, boolean>;
  workspaceFolders?: WorkspaceFolder[];
  /**
   * how the server is started: `--stdio` (default), or `--node-ipc` with the server's runtime
   * options, as the VS Code client starts it
   */
  transport?: 'stdio' | 'ipc';
}

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

interface Waiter {
  matches(params: PublishDiagnosticsParams): boolean;
  resolve(params: PublishDiagnosticsParams): void;
  reject(error: Error): void;
}

export class TestClient {
  /** every `textDocument/publishDiagnostics`, in arrival order */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  /** the `workspace/configuration` items the server asked for */
  readonly configurationItems: ConfigurationItem[] = [];
  /** tokens the server created with `window/workDoneProgress/create` */
  readonly progressTokens: ProgressToken[] = [];
  /** `$/progress` values, in arrival order */
  readonly progress: Array<{ token: ProgressToken; value: ProgressValue }> = [];
  settings: Record<string, unknown>;
  filesExclude: Record<string, boolean>;
  /** while set, configuration requests are answered only once it resolves */
  configurationGate?: Promise<void>;

  private readonly waiters: Waiter[] = [];
  private readonly configurationWaiters: Array<() => void> = [];
  private readonly versions = new Map<string, number>();
  private exited?: Error;

  private constructor(
    readonly connection: MessageConnection,
    readonly process: ChildProcess,
    options: TestClientOptions,
  ) {
    this.settings = options.settings ?? {};
    this.filesExclude = options.filesExclude ?? {};
  }

  /** Starts the bundled server and completes the initialize handshake. */
  static async start(options: TestClientOptions = {}): Promise<TestClient> {
    ensureBuilt();
    const { child, connection } = launch(options.transport ?? 'stdio');
    const client = new TestClient(connection, child, options);
    client.listen();
    connection.listen();
    await client.initialize(options);
    return client;
  }

  /** Resolves with the next publication for `uri` (and `version`, when given). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.waiters.push({
        matches: (p) => p.uri === uri && (version === undefined || p.version === version),
        resolve,
        reject,
      });
    });
  }

  /** Resolves when the server next asks for configuration. */
  nextConfigurationRequest(): Promise<void> {
    return new Promise((resolve) => this.configurationWaiters.push(resolve));
  }

  open(uri: string, languageId: string, text: string): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri, 1);
    this.versions.set(uri, 1);
    const textDocument = { uri, languageId, version: 1, text };
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument });
    return published;
  }

  /** Replaces the whole text; resolves with the diagnostics of the new version. */
  change(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const version = this.sendChange(uri, text);
    return this.nextDiagnostics(uri, version);
  }

  /** Sends a change without waiting; returns the new version. */
  sendChange(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /** didChange → publishDiagnostics of that version, with the time it took. */
  async timedChange(
    uri: string,
    text: string,
  ): Promise<{ ms: number; diagnostics: PublishDiagnosticsParams }> {
    const start = performance.now();
    const diagnostics = await this.change(uri, text);
    return { ms: performance.now() - start, diagnostics };
  }

  close(uri: string): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri);
    this.versions.delete(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
    return published;
  }

  save(uri: string): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri, this.versions.get(uri));
    void this.connection.sendNotification(DidSaveTextDocumentNotification.type, {
      textDocument: { uri },
    });
    return published;
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line, character },
    });
  }

  scanWorkspace(): Promise<{ files: number; findings: number }> {
    return this.connection.sendRequest('dockerSocketGuard/scanWorkspace', {});
  }

  executeCommand(command: string): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: [] });
  }

  /** New settings: answered to later configuration requests, announced by a notification. */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { dockerSocketGuard: settings },
    });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise((resolve) => this.process.once('exit', resolve));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await exit;
    this.connection.dispose();
  }

  private listen(): void {
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      const matching = this.waiters.filter((waiter) => waiter.matches(params));
      for (const waiter of matching) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
    });
    this.connection.onRequest(ConfigurationRequest.type, async (params) => {
      this.configurationItems.push(...params.items);
      for (const resolve of this.configurationWaiters.splice(0)) resolve();
      await this.configurationGate;
      return params.items.map((item): LSPAny =>
        item.section === 'files' ? { exclude: this.filesExclude } : (this.settings as LSPAny),
      );
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.progressTokens.push(params.token);
    });
    this.connection.onUnhandledProgress((params) => {
      this.progress.push({ token: params.token, value: params.value as ProgressValue });
    });
    this.process.once('exit', (code) => {
      this.exited = new Error(`the server exited with code ${code}`);
      for (const waiter of this.waiters.splice(0)) waiter.reject(this.exited);
    });
  }

  private async initialize(options: TestClientOptions): Promise<void> {
    const configuration = options.configuration ?? true;
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities: {
        workspace: { configuration, workspaceFolders: true },
        window: { workDoneProgress: options.workDoneProgress ?? true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      },
      initializationOptions: {
        debounceMs: options.debounceMs ?? 0,
        ...(configuration ? {} : { settings: options.settings }),
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }
}

function launch(transport: 'stdio' | 'ipc'): {
  child: ChildProcess;
  connection: MessageConnection;
} {
  if (transport === 'ipc') {
    const child = fork(SERVER, ['--node-ipc'], {
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
      execArgv: [...SERVER_EXEC_ARGV],
    });
    const connection = createMessageConnection(
      new IPCMessageReader(child),
      new IPCMessageWriter(child),
    );
    return { child, connection };
  }

  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  return { child, connection: createMessageConnection(child.stdout, child.stdin) };
}

/** A `file:` URI for a path; tests use paths that need not exist. */
export function fileUri(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

/**
 * Builds dist/ when the server bundle is missing or older than a source of server/ or shared/
 * (`npm test` builds first; this keeps a lone `mocha test/server` honest).
 */
export function ensureBuilt(): void {
  const built = existsSync(SERVER) ? statSync(SERVER).mtimeMs : 0;
  const sources = ['server', 'shared'].flatMap((folder) => listFiles(path.join(ROOT, folder)));
  if (sources.every((file) => statSync(file).mtimeMs <= built)) return;

  const result = spawnSync(process.execPath, ['scripts/build.mjs'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stderr}`);
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}
