import * as assert from 'assert';
import * as vscode from 'vscode';
import { analyse } from '../../../shared';
import {
  FIXTURES,
  PLAIN_YAML,
  SUPPRESSED,
  type ExpectedFinding,
  type FixtureExpectation,
} from './expectations';
import {
  describeDiagnostics,
  fence,
  openFixture,
  ours,
  ruleOf,
  waitForDiagnostics,
  waitForRule,
} from './helpers';

const RULE_PAGE = /\/docs\/rules\/(DSG00\d)\.md$/;

function startLines(expected: ExpectedFinding): readonly number[] {
  return typeof expected.line === 'number' ? [expected.line] : expected.line;
}

function messageMatches(expected: ExpectedFinding, message: string): boolean {
  return typeof expected.message === 'string'
    ? message === expected.message
    : expected.message.test(message);
}

function matches(
  document: vscode.TextDocument,
  diagnostic: vscode.Diagnostic,
  expected: ExpectedFinding,
): boolean {
  return (
    ruleOf(diagnostic) === expected.rule &&
    startLines(expected).includes(diagnostic.range.start.line) &&
    (expected.covers === undefined || document.getText(diagnostic.range).includes(expected.covers))
  );
}

/** Everything a person sees of one finding: rule, link, severity, wording, place, related. */
function assertFinding(
  document: vscode.TextDocument,
  list: readonly vscode.Diagnostic[],
  expected: ExpectedFinding,
): void {
  const where = `${expected.rule} on line ${startLines(expected).join(' or ')}`;
  const found = list.find((d) => matches(document, d, expected));
  assert.ok(found, `${where} expected; got:\n    ${describeDiagnostics(list)}`);

  assert.strictEqual(found.severity, expected.severity, `${where}: severity`);
  assert.ok(messageMatches(expected, found.message), `${where}: message "${found.message}"`);
  assert.strictEqual(
    found.range.start.line,
    found.range.end.line,
    `${where}: one line, not a block`,
  );

  const code = found.code;
  assert.ok(typeof code === 'object', `${where}: code carries the rule page link`);
  assert.strictEqual(String(code.value), expected.rule);
  assert.match(code.target.toString(), RULE_PAGE, `${where}: link to the rule page`);
  assert.strictEqual(RULE_PAGE.exec(code.target.toString())?.[1], expected.rule);

  for (const line of expected.relatedLines ? [expected.relatedLines] : []) {
    const related = found.relatedInformation ?? [];
    assert.ok(
      related.some((r) => line.includes(r.location.range.start.line)),
      `${where}: related information on line ${line.join(' or ')}`,
    );
  }
}

/** The server forwards the engine's findings unchanged: same rule, same range, same message. */
function assertEngineParity(
  document: vscode.TextDocument,
  list: readonly vscode.Diagnostic[],
): void {
  const result = analyse({
    fileName: document.uri.fsPath,
    text: document.getText(),
    languageId: document.languageId,
  });
  for (const diagnostic of list.filter((d) => /^DSG00\d$/.test(ruleOf(d) ?? ''))) {
    const { start, end } = diagnostic.range;
    const twin = result.findings.find(
      (f) =>
        f.ruleId === ruleOf(diagnostic) &&
        f.span.range.start.line === start.line &&
        f.span.range.start.character === start.character &&
        f.span.range.end.line === end.line &&
        f.span.range.end.character === end.character,
    );
    const at = `${ruleOf(diagnostic)} at ${start.line}:${start.character}-${end.line}:${end.character}`;
    assert.ok(twin, `${at}: the engine reports the same range`);
    assert.strictEqual(diagnostic.message, twin.message, `${at}: the engine's message`);
  }
}

async function checkFixture(fixture: FixtureExpectation): Promise<void> {
  const { document } = await openFixture(fixture.file);
  const list = await waitForDiagnostics(
    document.uri,
    (current) => current.length > 0,
    `diagnostics of the ${fixture.family} fixture`,
  );

  for (const expected of fixture.findings) assertFinding(document, list, expected);
  if (fixture.complete) {
    const rules = list.filter((d) => ruleOf(d)?.startsWith('DSG'));
    assert.strictEqual(
      rules.length,
      fixture.findings.length,
      `exactly the expected findings; got:\n    ${describeDiagnostics(list)}`,
    );
  }
  assertEngineParity(document, list);
}

describe('Diagnostics of every file family', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture.family}: ${fixture.file}`, () => checkFixture(fixture));
  }
});

describe('Files and lines that must stay quiet', () => {
  it('a plain YAML file (neither Compose nor Kubernetes) gets no diagnostics', async () => {
    const { document } = await openFixture(PLAIN_YAML);
    assert.strictEqual(document.languageId, 'yaml');
    await fence();

    assert.deepStrictEqual(describeDiagnostics(ours(document.uri)), '(none)');
  });

  it('a line suppressed with a reason gets none; one suppressed without a reason is reported', async () => {
    const { document } = await openFixture(SUPPRESSED);
    const list = await waitForRule(document.uri, 'DSG001');

    const onLine = (line: number): vscode.Diagnostic[] =>
      list.filter((d) => d.range.start.line === line);
    assert.deepStrictEqual(onLine(5), [], 'the mount under a reasoned suppression is silent');

    const reasonless = onLine(9);
    assert.strictEqual(
      reasonless.length,
      1,
      `one warning on the bare suppression:\n    ${describeDiagnostics(list)}`,
    );
    assert.strictEqual(reasonless[0]?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(reasonless[0]?.message ?? '', /reason/i);

    const stillReported = onLine(10);
    assert.deepStrictEqual(
      stillReported.map((d) => [ruleOf(d), d.severity]),
      [['DSG001', vscode.DiagnosticSeverity.Error]],
      'a suppression without a reason suppresses nothing',
    );
  });
});
