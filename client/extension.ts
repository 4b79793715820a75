// Entry point of the VS Code extension: glue between VS Code and the language server, which
// does all the analysis. Activation, settings sync, commands and the status bar live here.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language-client';
import { openRuleReference } from './rule-reference';
import { FindingsStatusBar } from './status-bar';
import { showThreatModel, THREAT_MODEL_SCHEME, ThreatModelDocuments } from './threat-model';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Docker Socket Guard', { log: true });
  const status = new FindingsStatusBar();
  const threatModels = new ThreatModelDocuments();
  client = createLanguageClient(context, output, (summary) => status.scanned(summary));
  const started = client;

  context.subscriptions.push(
    output,
    status,
    vscode.workspace.registerTextDocumentContentProvider(THREAT_MODEL_SCHEME, threatModels),
    vscode.commands.registerCommand('dockerSocketGuard.showThreatModel', () =>
      showThreatModel(started, threatModels),
    ),
    vscode.commands.registerCommand('dockerSocketGuard.openRuleReference', openRuleReference),
  );

  // The scan command is registered by the language client from the server's
  // executeCommandProvider; activation waits for it so that a palette run finds it.
  try {
    await client.start();
  } catch (error) {
    output.error(`The language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage(
      'Docker Socket Guard: the language server did not start. See the output channel.',
    );
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
