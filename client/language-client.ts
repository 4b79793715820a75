import * as path from 'node:path';
import type * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  FILE_PATTERNS,
  LANGUAGE_IDS,
  SCAN_WORKSPACE_COMMAND,
  SETTINGS_SECTION,
  type ScanSummary,
} from '../server/protocol';
import { SERVER_EXEC_ARGV } from '../server/runtime-options';

/** The languages the server reads, then the files it recognises by name whatever their language. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...LANGUAGE_IDS.map((language) => ({ language })),
  ...FILE_PATTERNS.map((pattern) => ({ pattern })),
];

/**
 * The language client: dist/server.js over IPC with the server's runtime options, the settings
 * section synchronised, the log channel given to the client. Each result of the scan command is
 * handed to `onScanned`.
 */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  onScanned: (summary: ScanSummary) => void,
): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: SETTINGS_SECTION },
    outputChannel: output,
    middleware: {
      executeCommand: async (command, args, next) => {
        const result: unknown = await next(command, args);
        if (command === SCAN_WORKSPACE_COMMAND && isSummary(result)) onScanned(result);
        return result;
      },
    },
  };
  return new LanguageClient(SETTINGS_SECTION, 'Docker Socket Guard', serverOptions, clientOptions);
}

function isSummary(value: unknown): value is ScanSummary {
  const record = value as Partial<ScanSummary> | null | undefined;
  return typeof record?.files === 'number' && typeof record.findings === 'number';
}
