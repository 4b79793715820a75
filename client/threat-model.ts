import * as vscode from 'vscode';
import type { Hover, LanguageClient, MarkupContent } from 'vscode-languageclient/node';

/** The scheme of the read-only documents that hold a threat model. */
export const THREAT_MODEL_SCHEME = 'docker-socket-guard-threat-model';

/** Read-only virtual Markdown documents: nothing to save, nothing left dirty. */
export class ThreatModelDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  put(name: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: THREAT_MODEL_SCHEME, path: `/${name}.md` });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    return uri;
  }
}

/**
 * `dockerSocketGuard.showThreatModel`: asks the server for the hover of the finding under the
 * cursor and opens it as a Markdown preview (or as text without the Markdown extension).
 */
export async function showThreatModel(
  client: LanguageClient,
  documents: ThreatModelDocuments,
): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Docker Socket Guard: open a file first.');
    return;
  }

  const params = client.code2ProtocolConverter.asTextDocumentPositionParams(
    editor.document,
    editor.selection.active,
  );
  // By method name: the request's type object would load the client library with this module.
  const hover = await client.sendRequest<Hover | null>('textDocument/hover', params);
  const markdown = (hover?.contents as MarkupContent | undefined)?.value;
  if (!markdown) {
    void vscode.window.showInformationMessage('Docker Socket Guard: no finding under the cursor.');
    return;
  }

  const base = editor.document.uri.path.split('/').pop() ?? 'file';
  const uri = documents.put(`Threat model - ${base} line ${params.position.line + 1}`, markdown);
  await openPreview(uri);
}

async function openPreview(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
  }
}
