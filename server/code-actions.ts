import {
  CodeActionKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type SnippetTextEdit,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, fixesFor, type Fix, type FixInput, type FixKind } from '../shared/fix';
import type { Finding } from '../shared/model/finding';
import { engineOptions, type Settings } from '../shared/settings';
import { LineIndex } from '../shared/text/lines';
import type { FileAnalysis } from './analysis';
import { documentInput } from './documents';
import { describeError, type Logger } from './logger';
import { DIAGNOSTIC_SOURCE } from './protocol';
import type { SettingsStore } from './settings';
import type { Validator } from './validation';

/** The code action kind of "fix every finding of this file" (editor.codeActionsOnSave). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dockerSocketGuard`;

/** The kinds the server declares in `codeActionProvider.codeActionKinds`. */
export const CODE_ACTION_KINDS: readonly string[] = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** How the client can take a workspace edit, read once from its capabilities. */
export interface EditSupport {
  /** `workspace.workspaceEdit.documentChanges`: versioned edits */
  documentChanges: boolean;
  /** `workspace.workspaceEdit.snippetEditSupport` (LSP 3.18): snippet edits, with placeholders */
  snippets: boolean;
}

export function editSupportOf(capabilities: ClientCapabilities): EditSupport {
  const edit = capabilities.workspace?.workspaceEdit;
  const documentChanges = edit?.documentChanges === true;
  // Snippet edits only exist inside documentChanges.
  return { documentChanges, snippets: documentChanges && edit?.snippetEditSupport === true };
}

export interface CodeActionDeps {
  documents: TextDocuments<TextDocument>;
  validator: Validator;
  settings: SettingsStore;
  logger: Logger;
  editSupport: EditSupport;
}

/** One document version as the fixes see it: the engine's input and its current findings. */
interface Subject {
  uri: string;
  version: number;
  input: FixInput;
  analysis: FileAnalysis;
  index: LineIndex;
  settings: Settings;
}

/**
 * `textDocument/codeAction`: one `quickfix` per fix of each of our diagnostics in the request
 * (matched by code and range to the analysis of the document's current version, so a
 * diagnostic already fixed gets nothing), and `source.fixAll.dockerSocketGuard` applying every
 * fix of the preferred kind. Errors are logged and answer an empty list.
 */
export async function provideCodeActions(
  params: CodeActionParams,
  deps: CodeActionDeps,
): Promise<CodeAction[]> {
  try {
    const subject = await subjectOf(params.textDocument.uri, deps);
    if (!subject || subject.analysis.findings.length === 0) return [];

    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wanted(only, CodeActionKind.QuickFix)) {
      actions.push(...quickFixes(subject, params.context.diagnostics, deps.editSupport));
    }
    if (wanted(only, FIX_ALL_KIND) && (only !== undefined || ours(params.context.diagnostics))) {
      actions.push(...fixAllAction(subject, deps.editSupport));
    }
    return actions;
  } catch (error) {
    const uri = params.textDocument.uri;
    deps.logger.error(`Code actions in ${uri} failed: ${describeError(error)}`);
    return [];
  }
}

async function subjectOf(uri: string, deps: CodeActionDeps): Promise<Subject | undefined> {
  const document = deps.documents.get(uri);
  if (!document) return undefined;

  const { analysis, text, version } = await deps.validator.current(document);
  const settings = await deps.settings.forDocument(uri);
  const input: FixInput = {
    ...documentInput(document),
    text,
    ...(analysis.kind ? { kind: analysis.kind } : {}),
    options: engineOptions(settings),
  };
  return { uri, version, input, analysis, index: new LineIndex(text), settings };
}

/** A requested kind covers an action's kind when equal or a parent (`source` covers ours). */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  if (only === undefined) return true;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

function ours(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE);
}

function quickFixes(
  subject: Subject,
  diagnostics: readonly Diagnostic[],
  support: EditSupport,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const finding = findingOf(subject.analysis, diagnostic);
    if (!finding) continue;

    const fixes = fixesFor(subject.input, finding, { snippets: support.snippets });
    actions.push(...fixes.map((fix) => quickFix(subject, diagnostic, fix, support)));
  }
  return actions;
}

/** The current finding a diagnostic stands for: same source, rule and range. */
function findingOf(analysis: FileAnalysis, diagnostic: Diagnostic): Finding | undefined {
  if (diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const { start, end } = diagnostic.range;
  return analysis.findings.find((finding) => {
    const range = finding.span.range;
    return (
      finding.ruleId === diagnostic.code &&
      range.start.line === start.line &&
      range.start.character === start.character &&
      range.end.line === end.line &&
      range.end.character === end.character
    );
  });
}

function quickFix(subject: Subject, diagnostic: Diagnostic, fix: Fix, support: EditSupport) {
  const action: CodeAction = {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(subject, fix.edits, fix.snippet, support),
  };
  if (fix.preferred === true) action.isPreferred = true;
  return action;
}

function fixAllAction(subject: Subject, support: EditSupport): CodeAction[] {
  const kind: FixKind = subject.settings.fixAll.preferredFix;
  const result = fixAll(subject.input, kind);
  if (result.applied === 0) return [];

  const count = result.applied === 1 ? '1 fix' : `${result.applied} fixes`;
  const title = `Fix all Docker Socket Guard findings (${kind}: ${count})`;
  return [
    { title, kind: FIX_ALL_KIND, edit: workspaceEdit(subject, result.edits, false, support) },
  ];
}

type OffsetEdit = Fix['edits'][number];

function workspaceEdit(
  subject: Subject,
  edits: readonly OffsetEdit[],
  snippet: boolean,
  support: EditSupport,
): WorkspaceEdit {
  const range = (edit: OffsetEdit) => ({
    start: subject.index.positionAt(edit.start),
    end: subject.index.positionAt(edit.end),
  });
  if (!support.documentChanges) {
    const plain = edits.map((edit): TextEdit => ({ range: range(edit), newText: edit.newText }));
    return { changes: { [subject.uri]: plain } };
  }

  const converted = edits.map((edit): TextEdit | SnippetTextEdit =>
    snippet
      ? { range: range(edit), snippet: { kind: 'snippet', value: edit.newText } }
      : { range: range(edit), newText: edit.newText },
  );
  const textDocument = { uri: subject.uri, version: subject.version };
  return { documentChanges: [{ textDocument, edits: converted }] };
}
