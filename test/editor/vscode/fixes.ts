import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMPOSE } from './expectations';
import {
  SOURCE,
  describeDiagnostics,
  openFixture,
  fixesAt,
  ruleOf,
  waitForDiagnostics,
  waitForRule,
} from './helpers';

/** The fix kinds of the quick-fix specification, told apart by their titles. */
export type FixKind = 'remove' | 'tls' | 'context' | 'sysbox' | 'proxy' | 'suppress';

const TITLES: Readonly<Record<FixKind, { is: RegExp; not?: RegExp }>> = {
  remove: { is: /\bremove\b/i, not: /sysbox|proxy|suppress|ignore/i },
  tls: { is: /\bTLS\b/, not: /\bcontext\b|proxy|sysbox|suppress|ignore/i },
  context: { is: /\bcontext\b/i, not: /suppress|ignore/i },
  sysbox: { is: /sysbox/i },
  proxy: { is: /proxy/i },
  suppress: { is: /suppress|ignore/i },
};

export function isKind(action: vscode.CodeAction, kind: FixKind): boolean {
  const { is, not } = TITLES[kind];
  return is.test(action.title) && !(not?.test(action.title) ?? false);
}

export function titles(actions: readonly vscode.CodeAction[]): string {
  return actions.map((a) => `"${a.title}"`).join(', ') || '(none)';
}

/** A finding in an open fixture: its document and diagnostic. */
export interface OpenFinding {
  document: vscode.TextDocument;
  diagnostic: vscode.Diagnostic;
}

export async function openFinding(
  file: string,
  rule: string,
  lines: readonly number[],
): Promise<OpenFinding> {
  const { document } = await openFixture(file);
  const list = await waitForRule(document.uri, rule);
  const diagnostic = list.find((d) => ruleOf(d) === rule && lines.includes(d.range.start.line));
  assert.ok(diagnostic, `${rule} on line ${lines.join(' or ')} of ${file}`);
  return { document, diagnostic };
}

/** The one quick fix of a kind offered for a finding. */
export async function fixOf(finding: OpenFinding, kind: FixKind): Promise<vscode.CodeAction> {
  const actions = await fixesAt(finding.document.uri, finding.diagnostic.range);
  const matching = actions.filter((a) => isKind(a, kind));
  assert.strictEqual(matching.length, 1, `one "${kind}" quick fix among ${titles(actions)}`);
  const [action] = matching;
  assert.ok(action);
  assert.ok(
    action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind),
    `"${action.title}" is a quickfix`,
  );
  return action;
}

let offersFixes: boolean | undefined;

/**
 * Whether the server offers code actions at all. Quick fixes are built after diagnostics, so
 * the suites that apply them skip, saying why, until the first action appears.
 */
export async function serverOffersFixes(): Promise<boolean> {
  if (offersFixes === undefined) {
    const finding = await openFinding(COMPOSE, 'DSG001', [5]);
    const actions = await fixesAt(finding.document.uri, finding.diagnostic.range);
    offersFixes = actions.length > 0;
  }
  return offersFixes;
}

export const NO_FIXES_REASON =
  'SKIPPED: the language server offers no code actions for its diagnostics yet ' +
  '(quick fixes are the quick-fix task); these tests run as soon as it does';

/** Waits until none of this file's diagnostics is an error or warning of a DSG rule. */
export function waitUntilNoneSevere(uri: vscode.Uri, what: string): Promise<vscode.Diagnostic[]> {
  const severe = (d: vscode.Diagnostic): boolean =>
    /^DSG/.test(ruleOf(d) ?? '') && d.severity <= vscode.DiagnosticSeverity.Warning;
  return waitForDiagnostics(uri, (list) => !list.some(severe), what);
}

/** Waits until the finding a fix addressed is gone from its line. */
export function waitUntilGone(finding: OpenFinding): Promise<vscode.Diagnostic[]> {
  const rule = ruleOf(finding.diagnostic);
  const line = finding.diagnostic.range.start.line;
  return waitForDiagnostics(
    finding.document.uri,
    (list) => !list.some((d) => ruleOf(d) === rule && d.range.start.line === line),
    `${rule} on line ${line} to go`,
  );
}

/**
 * True when `after` keeps every line of `before` except `dropped`, in order and unchanged:
 * a fix edits its nodes and leaves every other byte alone.
 */
export function keepsOtherLines(
  before: string,
  after: string,
  dropped: readonly number[],
): boolean {
  const wanted = before.split('\n').filter((_, i) => !dropped.includes(i));
  const have = after.split('\n');
  let at = 0;
  for (const line of have) if (at < wanted.length && line === wanted[at]) at++;
  return at === wanted.length;
}

export function assertNoneSevere(uri: vscode.Uri): void {
  const list = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
  const severe = list.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
  assert.deepStrictEqual(severe, [], `no new warning or error:\n    ${describeDiagnostics(list)}`);
}
