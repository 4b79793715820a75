import * as assert from 'assert';
import * as vscode from 'vscode';
import { describeDiagnostics, fixtureUri, ours, ruleOf, waitForDiagnostics } from './helpers';

const COMMAND = 'dockerSocketGuard.scanWorkspace';

/** Files no other test opens: their findings can only come from the workspace scan. */
const SCANNED = [
  { file: 'scan/compose.yaml', rule: 'DSG001', line: 5 },
  { file: 'scan/deploy.sh', rule: 'DSG001', line: 2 },
];

/** Skipped by the scan: hidden by files.exclude, and ignored by scan/.gitignore. */
const SKIPPED = ['scan/excluded/compose.yaml', 'scan/generated/compose.yaml'];

const GENERATED = `services:
  generated:
    image: ci-agent:1.4
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
`;

function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
}

describe('Workspace scan', () => {
  before(async () => {
    // Written now because a committed copy would be ignored by git as well.
    await vscode.workspace.fs.writeFile(fixtureUri(SKIPPED[1] ?? ''), Buffer.from(GENERATED));
  });

  it(`${COMMAND} is registered`, async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(COMMAND));
  });

  it('reports findings of files that were never opened, and skips excluded ones', async () => {
    for (const { file } of SCANNED) assert.ok(!isOpen(fixtureUri(file)), `${file} not open yet`);

    await vscode.commands.executeCommand(COMMAND);
    for (const { file, rule, line } of SCANNED) {
      const uri = fixtureUri(file);
      await waitForDiagnostics(
        uri,
        (list) => list.some((d) => ruleOf(d) === rule && d.range.start.line === line),
        `${rule} on line ${line} from the scan`,
      );
      assert.ok(!isOpen(uri), `${file} was scanned, not opened`);
    }

    for (const file of SKIPPED) {
      const list = ours(fixtureUri(file));
      assert.deepStrictEqual(describeDiagnostics(list), '(none)', `${file} is skipped`);
    }
  });
});
