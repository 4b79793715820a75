import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, SCAN_WORKSPACE_COMMAND, type ScanSummary } from '../server/protocol';

/**
 * The workspace's finding count in the status bar: the diagnostics of this extension (open
 * files and scanned files), kept per URI as they change. A click scans the workspace.
 */
export class FindingsStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly counts = new Map<string, number>();
  private readonly listener: vscode.Disposable;
  private lastScan: ScanSummary | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem(
      'dockerSocketGuard.findings',
      vscode.StatusBarAlignment.Left,
    );
    this.item.name = 'Docker Socket Guard';
    this.item.command = SCAN_WORKSPACE_COMMAND;
    this.listener = vscode.languages.onDidChangeDiagnostics((event) => this.update(event.uris));
    this.update(vscode.languages.getDiagnostics().map(([uri]) => uri));
    this.item.show();
  }

  /** The summary of the last workspace scan, shown in the tooltip. */
  scanned(summary: ScanSummary): void {
    this.lastScan = summary;
    this.render();
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }

  private update(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) {
      const count = vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code !== undefined).length;
      if (count > 0) this.counts.set(uri.toString(), count);
      else this.counts.delete(uri.toString());
    }
    this.render();
  }

  private render(): void {
    let total = 0;
    for (const count of this.counts.values()) total += count;

    this.item.text = `$(shield) ${total}`;
    const scan = this.lastScan
      ? `Last scan: ${this.lastScan.findings} findings in ${this.lastScan.files} files.`
      : 'The workspace has not been scanned yet.';
    this.item.tooltip =
      `Docker Socket Guard: ${total} ${total === 1 ? 'finding' : 'findings'} in open and ` +
      `scanned files. ${scan} Click to scan the workspace.`;
    this.item.backgroundColor =
      total > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }
}
