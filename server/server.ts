import {
  ProtocolRequestType,
  TextDocumentSyncKind,
  type CancellationToken,
  type ConfigurationItem,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressParams,
} from 'vscode-languageserver';
import {
  CODE_ACTION_KINDS,
  editSupportOf,
  provideCodeActions,
  type EditSupport,
} from './code-actions';
import { createDocuments } from './documents';
import { WorkspaceFolders } from './folders';
import { provideHover } from './hover';
import { readInitializationOptions } from './initialization';
import { connectionLogger, describeError, type Logger } from './logger';
import { SCAN_WORKSPACE_COMMAND, SCAN_WORKSPACE_REQUEST, type ScanSummary } from './protocol';
import { SettingsStore } from './settings';
import { Validator } from './validation';
import { scanWorkspace, type ScanDeps } from './workspace-scan';

/** `dockerSocketGuard/scanWorkspace`: optional work-done token in, summary out. */
const ScanWorkspaceRequest = new ProtocolRequestType<
  WorkDoneProgressParams | null | undefined,
  ScanSummary,
  never,
  void,
  void
>(SCAN_WORKSPACE_REQUEST);

const EMPTY_SUMMARY: ScanSummary = { files: 0, findings: 0 };

/** Everything that exists once the client said who it is. */
interface Session extends ScanDeps {
  connection: Connection;
  scanning?: Promise<ScanSummary>;
  editSupport: EditSupport;
}

/**
 * Wires the language server's features to a connection: push diagnostics, hovers, code
 * actions, the workspace scan. Every handler catches its own errors, logs them and answers an
 * empty result.
 */
export function startServer(connection: Connection): void {
  const logger = connectionLogger(connection.console);
  const documents = createDocuments();
  let session: Session | undefined;

  connection.onInitialize((params) => {
    session = createSession(connection, params, documents, logger);
    return capabilities();
  });
  connection.onInitialized(() => {
    listenForFolderChanges(connection, session, logger);
    logger.info(`Docker Socket Guard language server ready (${process.version})`);
  });

  // didOpen also fires onDidChangeContent, so opening and editing share the debounce.
  const guard = guarded(logger);
  documents.onDidChangeContent(
    guard('didOpen/didChange', (event) => session?.validator.schedule(event.document.uri)),
  );
  documents.onDidSave(
    guard('didSave', (event) => void session?.validator.validate(event.document.uri)),
  );
  documents.onDidClose(guard('didClose', (event) => session?.validator.close(event.document.uri)));
  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', (params) => {
      if (!session) return;
      session.settings.changed(params.settings);
      void session.validator.revalidateAll();
    }),
  );
  connection.onHover((params) => (session ? provideHover(params, session) : null));
  connection.onCodeAction((params) => (session ? provideCodeActions(params, session) : []));
  connection.onRequest(ScanWorkspaceRequest, (params, token) =>
    session ? runScan(session, params?.workDoneToken, token) : EMPTY_SUMMARY,
  );
  connection.onExecuteCommand((params, token) => {
    if (!session || params.command !== SCAN_WORKSPACE_COMMAND) return null;
    return runScan(session, params.workDoneToken, token);
  });

  documents.listen(connection);
  connection.listen();
}

/** Wraps a notification handler so that what it throws is logged, never propagated. */
function guarded(logger: Logger) {
  return <T>(label: string, handler: (arg: T) => void) =>
    (arg: T): void => {
      try {
        handler(arg);
      } catch (error) {
        logger.error(`${label} failed: ${describeError(error)}`);
      }
    };
}

function createSession(
  connection: Connection,
  params: InitializeParams,
  documents: Session['documents'],
  logger: Logger,
): Session {
  const options = readInitializationOptions(params.initializationOptions, logger);
  const pull = params.capabilities.workspace?.configuration === true;
  const fetch = pull
    ? (items: ConfigurationItem[]): Promise<unknown[]> =>
        connection.workspace.getConfiguration(items)
    : undefined;
  const settings = new SettingsStore(logger, fetch, options.settings);
  const folders = new WorkspaceFolders(params.workspaceFolders, params.rootUri);
  const validator = new Validator({
    documents,
    settings,
    folders,
    logger,
    debounceMs: options.debounceMs,
    publish: (diagnostics) => void connection.sendDiagnostics(diagnostics),
  });
  const editSupport = editSupportOf(params.capabilities);
  return { connection, documents, settings, folders, validator, logger, editSupport };
}

function capabilities(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: {
        openClose: true,
        change: TextDocumentSyncKind.Incremental,
        save: { includeText: false },
      },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS] },
      executeCommandProvider: { commands: [SCAN_WORKSPACE_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'docker-socket-guard' },
  };
}

function listenForFolderChanges(
  connection: Connection,
  session: Session | undefined,
  logger: Logger,
): void {
  try {
    connection.workspace.onDidChangeWorkspaceFolders((event) => session?.folders.update(event));
  } catch {
    logger.debug('The client does not report workspace folder changes');
  }
}

/** One scan at a time: a request while one runs gets that scan's summary. */
function runScan(
  session: Session,
  workDoneToken: string | number | undefined,
  token: CancellationToken,
): Promise<ScanSummary> {
  if (!session.scanning) {
    session.scanning = scanWithProgress(session, workDoneToken, token).finally(() => {
      session.scanning = undefined;
    });
  }
  return session.scanning;
}

async function scanWithProgress(
  session: Session,
  workDoneToken: string | number | undefined,
  token: CancellationToken,
): Promise<ScanSummary> {
  try {
    if (workDoneToken !== undefined) {
      const attached = session.connection.window.attachWorkDoneProgress(workDoneToken);
      return await scanWorkspace(session, attached, token);
    }

    // A progress the server created can be cancelled from the client's progress UI too.
    const created = await session.connection.window.createWorkDoneProgress();
    const either: CancellationToken = {
      get isCancellationRequested() {
        return token.isCancellationRequested || created.token.isCancellationRequested;
      },
      onCancellationRequested: token.onCancellationRequested,
    };
    return await scanWorkspace(session, created, either);
  } catch (error) {
    session.logger.error(`Workspace scan failed: ${describeError(error)}`);
    return EMPTY_SUMMARY;
  }
}
