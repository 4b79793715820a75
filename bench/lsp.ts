import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  TextDocumentSyncKind,
  WorkDoneProgressCreateRequest,
  type Diagnostic,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../shared/text/lines';

/** How to start one language server and what to answer its configuration requests. */
export interface ServerSpec {
  name: string;
  /** arguments after the node executable */
  args: string[];
  initializationOptions?: unknown;
  /** the value of one `workspace/configuration` section */
  section(name: string | undefined): unknown;
  /** sent as `workspace/didChangeConfiguration` once initialized, when set */
  settings?: unknown;
}

interface Waiter {
  uri: string;
  version?: number;
  resolve(params: PublishDiagnosticsParams): void;
}

/**
 * A minimal LSP client that drives any server the same way: incremental edits when the server
 * takes them, and the time from `didChange` to the publication for that version (servers that
 * publish no version: the next publication for the document after the change).
 */
export class LspDriver {
  private readonly waiters: Waiter[] = [];
  private readonly texts = new Map<string, { text: string; version: number }>();
  private readonly lastPublished = new Map<string, number>();
  private readonly latest = new Map<string, Diagnostic[]>();
  stderr = '';
  incremental = false;
  /** rejects when the server process ends */
  private exited: Promise<never> = new Promise(() => undefined);

  private constructor(
    readonly spec: ServerSpec,
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  /** milliseconds from spawning the process to the answer to `initialize` */
  readyMs = NaN;

  static async start(spec: ServerSpec, rootUri: string): Promise<LspDriver> {
    const spawned = performance.now();
    const child = spawn(process.execPath, spec.args, { stdio: 'pipe' });
    const connection = createMessageConnection(child.stdout, child.stdin);
    const driver = new LspDriver(spec, child, connection);
    child.stderr.on('data', (chunk: Buffer) => (driver.stderr += chunk.toString()));
    driver.listen();
    connection.listen();
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) =>
        reject(new Error(`${spec.name} exited (${code}): ${driver.stderr}`)),
      ),
    );
    exited.catch(() => undefined);
    driver.exited = exited;
    await Promise.race([driver.initialize(rootUri), exited]);
    driver.readyMs = performance.now() - spawned;
    return driver;
  }

  /**
   * Opens a document and waits until its first diagnostics are in and the server is quiet;
   * resolves with the last diagnostics published for it.
   */
  async open(uri: string, languageId: string, text: string, quietMs = 300): Promise<Diagnostic[]> {
    this.texts.set(uri, { text, version: 1 });
    const first = this.next(uri);
    const textDocument = { uri, languageId, version: 1, text };
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument });
    await withTimeout(
      Promise.race([first, this.exited]),
      120_000,
      `${this.spec.name}: no diagnostics for ${uri}`,
    );
    if (quietMs > 0) await this.quiet(uri, quietMs);
    return this.latest.get(uri) ?? [];
  }

  /** Replaces `length` characters at `offset`; resolves with the milliseconds to diagnostics. */
  async edit(uri: string, offset: number, length: number, insert: string): Promise<number> {
    const doc = this.texts.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const lines = new LineIndex(doc.text);
    const range = { start: lines.positionAt(offset), end: lines.positionAt(offset + length) };
    doc.text = doc.text.slice(0, offset) + insert + doc.text.slice(offset + length);
    doc.version++;
    const change = this.incremental ? { range, text: insert } : { text: doc.text };

    const published = this.next(uri, doc.version);
    const start = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: [change],
    });
    await withTimeout(
      Promise.race([published, this.exited]),
      120_000,
      `${this.spec.name}: no diagnostics after an edit`,
    );
    return performance.now() - start;
  }

  /** Closes a document without waiting for the server's answer. */
  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
  }

  /** Resident set size of the server process, in bytes. */
  rss(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 10_000, 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
      await withTimeout(exited, 10_000, 'exit');
    } catch {
      this.child.kill();
    }
    this.connection.dispose();
  }

  private next(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  /** Waits until no diagnostics for `uri` arrived for `ms` milliseconds (10 s at most). */
  private async quiet(uri: string, ms: number): Promise<void> {
    const deadline = performance.now() + 10_000;
    while (performance.now() < deadline) {
      await sleep(ms / 3);
      if (performance.now() - (this.lastPublished.get(uri) ?? 0) >= ms) return;
    }
  }

  private listen(): void {
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.lastPublished.set(params.uri, performance.now());
      this.latest.set(params.uri, params.diagnostics);
      const index = this.waiters.findIndex(
        (w) =>
          w.uri === params.uri &&
          (w.version === undefined || params.version === undefined || w.version === params.version),
      );
      const waiter = this.waiters[index];
      if (index < 0 || !waiter) return;
      this.waiters.splice(index, 1);
      waiter.resolve(params);
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => this.spec.section(item.section) ?? null),
    );
    this.connection.onRequest(RegistrationRequest.type, (): void => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (): void => undefined);
    this.connection.onNotification(() => undefined);
  }

  private async initialize(rootUri: string): Promise<void> {
    const result: InitializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
      initializationOptions: this.spec.initializationOptions,
    });
    const sync = result.capabilities.textDocumentSync;
    const kind = typeof sync === 'object' ? sync.change : sync;
    this.incremental = kind === TextDocumentSyncKind.Incremental;
    await this.connection.sendNotification(InitializedNotification.type, {});
    if (this.spec.settings !== undefined) {
      await this.connection.sendNotification(DidChangeConfigurationNotification.type, {
        settings: this.spec.settings,
      });
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
