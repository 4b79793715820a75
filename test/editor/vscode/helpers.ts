import * as assert from 'assert';
import * as vscode from 'vscode';

/** Everything the suite asserts comes from this extension's diagnostics, by this source. */
export const SOURCE = 'docker-socket-guard';

export const EXTENSION_ID = 'docker-socket-guard.docker-socket-guard';

/** Kept on the global object: every test file is its own bundle with its own module copies. */
const budget = globalThis as { dsgWaitBudgetMs?: number };

/**
 * How long a wait for diagnostics may take. When the server has published nothing at all for
 * the first file, later waits are shortened so that a dead server fails every test quickly
 * instead of one timeout at a time.
 */
export function setWaitBudget(ms: number): void {
  budget.dsgWaitBudgetMs = ms;
}

function waitBudget(): number {
  return budget.dsgWaitBudgetMs ?? Number(process.env.DSG_EDITOR_WAIT_MS || 20_000);
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the fixture workspace open');
  return folder.uri;
}

export function fixtureUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** Opens a fixture in an editor (not a preview tab, so later opens do not replace it). */
export async function openFixture(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relative));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** This extension's diagnostics for a file, in document order. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

/** The rule id of a diagnostic (`code.value`), or undefined for a diagnostic without one. */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function describeDiagnostics(list: readonly vscode.Diagnostic[]): string {
  if (list.length === 0) return '(none)';
  return list
    .map((d) => {
      const { start, end } = d.range;
      const where = `${start.line}:${start.character}-${end.line}:${end.character}`;
      return `${where} ${ruleOf(d) ?? '-'} ${vscode.DiagnosticSeverity[d.severity]} ${d.message}`;
    })
    .join('\n    ');
}

/**
 * Resolves with this extension's diagnostics for `uri` as soon as `predicate` holds: at once
 * when it already does, otherwise on the `onDidChangeDiagnostics` event that makes it true.
 * Fails after `timeoutMs` with what was there last.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = waitBudget(),
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const check = (): boolean => {
      const current = ours(uri);
      if (!predicate(current)) return false;
      finish();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      finish();
      const last = describeDiagnostics(ours(uri));
      const name = vscode.workspace.asRelativePath(uri);
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} on ${name}; last:\n    ${last}`,
        ),
      );
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Waits until a file has at least one diagnostic of the rule. */
export function waitForRule(uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (list) => list.some((d) => ruleOf(d) === rule), `a ${rule}`);
}

const FENCE = 'fence/compose.yaml';
const FENCE_MOUNT = '    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';

/**
 * A point after which the server has published for every document opened or changed before it.
 * The server handles messages in order and debounces every document alike, so once an edit made
 * now to the fence file has been analysed and published, anything queued earlier has been too.
 * This is how a test knows that "no diagnostics" is the answer and not a reply still on its way.
 */
export async function fence(): Promise<void> {
  const uri = fixtureUri(FENCE);
  const document = await vscode.workspace.openTextDocument(uri);
  const original = document.getText();

  await replaceText(document, original + FENCE_MOUNT);
  await waitForDiagnostics(uri, (list) => list.length > 0, 'the fence finding');
  await replaceText(document, original);
  await waitForDiagnostics(uri, (list) => list.length === 0, 'the fence to be clean again');
}

export async function replaceText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const end = document.lineAt(document.lineCount - 1).range.end;
  edit.replace(document.uri, new vscode.Range(new vscode.Position(0, 0), end), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `edit of ${document.uri.fsPath} applied`);
}

/** Hover texts at a position, all providers together. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    position,
  );
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n---\n');
}

/** Code actions at a range, edits resolved, optionally only of one kind. */
export async function codeActions(
  uri: vscode.Uri,
  range: vscode.Range,
  kind?: vscode.CodeActionKind,
): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind?.value,
    100,
  );
  // A bare Command has a string `command`; a CodeAction's `command` is an object or absent.
  return actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

/**
 * The quick fixes at a finding. The API command returns code actions without their diagnostics,
 * so they cannot be told apart by source; no built-in provider offers any in these file types.
 */
export async function fixesAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = await codeActions(uri, range);
  return all.filter((a) => a.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(a.kind));
}

/** Applies a code action as the light bulb would: its edit, then its command. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) {
    assert.ok(await vscode.workspace.applyEdit(action.edit), `"${action.title}" applied`);
  }
  if (action.command) {
    await vscode.commands.executeCommand(
      action.command.command,
      ...(action.command.arguments ?? []),
    );
  }
}

/** Puts an open file back to its saved text, so one test's edits never reach the next. */
export async function revert(uri: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), {
    preview: false,
  });
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
