import * as vscode from 'vscode';
import { COMPOSE, DIND } from './expectations';
import { openFixture, ruleOf, waitForDiagnostics, waitForRule } from './helpers';

const SETTING = 'dockerSocketGuard.rules';

function update(value: Record<string, string> | undefined): Thenable<void> {
  return vscode.workspace
    .getConfiguration()
    .update(SETTING, value, vscode.ConfigurationTarget.Workspace);
}

function severityOf(list: readonly vscode.Diagnostic[], rule: string): vscode.DiagnosticSeverity[] {
  return list.filter((d) => ruleOf(d) === rule).map((d) => d.severity);
}

describe('Settings change what the editor shows', () => {
  after(async () => {
    await update(undefined);
    const { document } = await openFixture(COMPOSE);
    await waitForDiagnostics(
      document.uri,
      (list) => severityOf(list, 'DSG001').join() === String(vscode.DiagnosticSeverity.Error),
      'DSG001 back at its default severity',
    );
  });

  it('a rule set to "warning" turns its errors into warnings', async () => {
    const { document } = await openFixture(COMPOSE);
    await waitForRule(document.uri, 'DSG001');

    await update({ DSG001: 'warning' });
    await waitForDiagnostics(
      document.uri,
      (list) => severityOf(list, 'DSG001').join() === String(vscode.DiagnosticSeverity.Warning),
      'DSG001 as a warning',
    );
  });

  it('a rule set to "off" disappears, and only that rule', async () => {
    const compose = (await openFixture(COMPOSE)).document;
    const dind = (await openFixture(DIND)).document;
    await waitForRule(dind.uri, 'DSG005');

    await update({ DSG001: 'off' });
    await waitForDiagnostics(
      compose.uri,
      (list) => !list.some((d) => ruleOf(d) === 'DSG001'),
      'DSG001 to go',
    );
    await waitForRule(dind.uri, 'DSG005');
  });
});
