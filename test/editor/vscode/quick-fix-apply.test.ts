import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMPOSE, DIND, DOCKERFILE, FIX_ALL, KUBERNETES, SHELL } from './expectations';
import {
  NO_FIXES_REASON,
  assertNoneSevere,
  fixOf,
  keepsOtherLines,
  openFinding,
  serverOffersFixes,
  waitUntilGone,
  waitUntilNoneSevere,
  type FixKind,
  type OpenFinding,
} from './fixes';
import { applyAction, codeActions, openFixture, revert, ruleOf, waitForRule } from './helpers';

const touched = new Set<string>();

/** Applies the fix of `kind` for a finding; returns the text before and after. */
async function apply(
  file: string,
  rule: string,
  lines: readonly number[],
  kind: FixKind,
): Promise<{ finding: OpenFinding; before: string; after: string }> {
  const finding = await openFinding(file, rule, lines);
  const before = finding.document.getText();
  touched.add(file);
  await applyAction(await fixOf(finding, kind));
  return { finding, before, after: finding.document.getText() };
}

function withoutLines(text: string, dropped: readonly number[]): string {
  return text
    .split('\n')
    .filter((_, i) => !dropped.includes(i))
    .join('\n');
}

async function skipWithoutFixes(this: Mocha.Context): Promise<void> {
  if (!(await serverOffersFixes())) {
    console.log(`    ${NO_FIXES_REASON}`);
    this.skip();
  }
}

async function revertTouched(): Promise<void> {
  for (const file of touched) await revert(vscode.Uri.joinPath(root(), ...file.split('/')));
  touched.clear();
}

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return folder.uri;
}

describe('Quick fixes applied through the editor', function () {
  before(skipWithoutFixes);
  afterEach(revertTouched);

  it('remove: deletes the Compose volume entry and nothing else', async () => {
    const { finding, before, after } = await apply(COMPOSE, 'DSG001', [5], 'remove');
    assert.strictEqual(after, withoutLines(before, [5]));
    await waitUntilGone(finding);
  });

  it('remove: deletes the hostPath volume and its volumeMount, and the emptied keys', async () => {
    const { finding, before, after } = await apply(KUBERNETES, 'DSG001', [22, 23, 24], 'remove');
    assert.strictEqual(after, withoutLines(before, [17, 18, 19, 20, 21, 22, 23, 24, 25]));
    await waitUntilGone(finding);
  });

  it('TLS: replaces the Compose socket mount by a verified TLS connection', async () => {
    const { finding, before, after } = await apply(COMPOSE, 'DSG001', [5], 'tls');
    assert.doesNotMatch(after, /- \/var\/run\/docker\.sock:\/var\/run\/docker\.sock/);
    for (const needed of ['DOCKER_HOST', ':2376', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) {
      assert.ok(after.includes(needed), `TLS result sets ${needed}:\n${after}`);
    }
    assert.ok(keepsOtherLines(before, after, [5]), `every other line kept:\n${after}`);
    await waitUntilNoneSevere(finding.document.uri, 'no warning or error after the TLS fix');
  });

  it('TLS: moves a Dockerfile client from 2375 to verified TLS on 2376', async () => {
    const { finding, before, after } = await apply(DOCKERFILE, 'DSG003', [1], 'tls');
    assert.match(after, /tcp:\/\/docker:2376/);
    assert.match(after, /DOCKER_TLS_VERIFY=1/);
    assert.ok(keepsOtherLines(before, after, [1]), `every other line kept:\n${after}`);
    await waitUntilNoneSevere(finding.document.uri, 'no warning or error after the TLS fix');
  });

  it('proxy: routes the Compose consumer through a filtering socket proxy', async () => {
    const { finding, before, after } = await apply(COMPOSE, 'DSG001', [5], 'proxy');
    assert.match(after, /docker-socket-proxy/);
    assert.match(after, /DOCKER_HOST[=:]\s*"?tcp:\/\/[\w.-]+:2375/);
    assert.ok(keepsOtherLines(before, after, [5]), `every other line kept:\n${after}`);
    const list = await waitUntilNoneSevere(finding.document.uri, 'the proxy as the one consumer');
    assert.ok(
      list.some(
        (d) => ruleOf(d) === 'DSG001' && d.severity === vscode.DiagnosticSeverity.Information,
      ),
      "the proxy's own read-only mount is reported as information",
    );
  });

  it('Sysbox: runs Docker-in-Docker unprivileged under sysbox-runc', async () => {
    const { finding, after } = await apply(DIND, 'DSG005', [1, 2, 3], 'sysbox');
    assert.match(after, /^\s+runtime: sysbox-runc$/m);
    assert.doesNotMatch(after, /privileged: true/);
    await waitUntilGone(finding);
    assertNoneSevere(finding.document.uri);
  });

  it('context: rewrites the docker call to a TLS Docker context', async () => {
    const { finding, after } = await apply(SHELL, 'DSG003', [6], 'context');
    assert.match(after, /^docker --context [\w.-]+ ps$/m);
    assert.match(after, /^#.*docker context create\b.*--docker\b.*\bca=.*\bcert=.*\bkey=/m);
    assert.doesNotMatch(after, /-H tcp:\/\/build-host:2375/);
    await waitUntilGone(finding);
  });

  it('suppress: inserts a reasoned suppression comment above the line', async () => {
    const { before, after } = await apply(COMPOSE, 'DSG001', [5], 'suppress');
    const lines = after.split('\n');
    assert.match(lines[5] ?? '', /^ {6}# docker-socket-guard-ignore DSG001: \S/);
    assert.strictEqual(withoutLines(after, [5]), before);
  });
});

describe('Fix all in a file (source.fixAll.dockerSocketGuard)', function () {
  before(skipWithoutFixes);
  afterEach(revertTouched);

  it('one action fixes every finding and leaves the rest of the file alone', async () => {
    const { document } = await openFixture(FIX_ALL);
    await waitForRule(document.uri, 'DSG001');
    const before = document.getText();
    touched.add(FIX_ALL);

    const kind = vscode.CodeActionKind.SourceFixAll.append('dockerSocketGuard');
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = (await codeActions(document.uri, whole, kind)).filter(
      (a) => a.kind?.value === kind.value,
    );
    assert.strictEqual(actions.length, 1, 'one fix-all action');
    await applyAction(actions[0] as vscode.CodeAction);

    const after = document.getText();
    assert.notStrictEqual(after, before, 'fix-all changed the file');
    for (const kept of [0, 1, 2, 3, 6, 7]) {
      const line = before.split('\n')[kept] ?? '';
      assert.ok(after.split('\n').includes(line), `line ${kept} kept: "${line}"`);
    }
    await waitUntilNoneSevere(document.uri, 'no warning or error after fix-all');
  });
});
