// Entry point of the VS Code extension: glue between VS Code and the language server, which
// does all the analysis. Activation, settings sync, commands and the status bar live here.
// The activation clock is imported first: its module must run before the others are evaluated.
import { ActivationClock, modulesEvaluated, type ActivationTimes } from './activation-clock';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { openRuleReference } from './rule-reference';
import { FindingsStatusBar } from './status-bar';
import { showThreatModel, THREAT_MODEL_SCHEME, ThreatModelDocuments } from './threat-model';

let client: Promise<LanguageClient | undefined> | undefined;
modulesEvaluated();

/** What activate() resolves to (`extension.exports`): its own timing, for the editor tests. */
export interface ExtensionApi {
  activation: ActivationTimes;
}

/**
 * Registers what needs no server, then loads the language client and starts the server. The
 * client library (most of the bundle) is loaded after activate() has returned to VS Code, which
 * counts loading the bundle and that synchronous part as the extension's activation time. The
 * returned promise still settles only once the server is up, so that a command that activated
 * the extension finds the server's commands (the workspace scan) registered.
 */
export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const clock = new ActivationClock();
  const output = vscode.window.createOutputChannel('Docker Socket Guard', { log: true });
  const status = new FindingsStatusBar();
  const threatModels = new ThreatModelDocuments();
  const started = startClient(context, output, status, clock);
  client = started;

  context.subscriptions.push(
    output,
    status,
    vscode.workspace.registerTextDocumentContentProvider(THREAT_MODEL_SCHEME, threatModels),
    vscode.commands.registerCommand('dockerSocketGuard.showThreatModel', async () => {
      const ready = await started;
      if (ready) await showThreatModel(ready, threatModels);
    }),
    vscode.commands.registerCommand('dockerSocketGuard.openRuleReference', openRuleReference),
  );

  clock.returned();
  if (await started) clock.ready();
  output.info(clock.describe());
  return { activation: clock.times };
}

/** The started client; none when the server did not start, which the user is told. */
async function startClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  status: FindingsStatusBar,
  clock: ActivationClock,
): Promise<LanguageClient | undefined> {
  const { createLanguageClient } = await import('./language-client');
  const languageClient = createLanguageClient(context, output, (summary) =>
    status.scanned(summary),
  );
  clock.clientMade();
  try {
    await languageClient.start();
    return languageClient;
  } catch (error) {
    output.error(`The language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage(
      'Docker Socket Guard: the language server did not start. See the output channel.',
    );
    return undefined;
  }
}

export async function deactivate(): Promise<void> {
  const started = await client;
  client = undefined;
  await started?.stop();
}
