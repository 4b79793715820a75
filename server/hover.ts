import { MarkupKind, type Hover, type HoverParams, type Position } from 'vscode-languageserver';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { explainFindings } from '../shared/explain';
import type { Finding } from '../shared/model/finding';
import { describeError, type Logger } from './logger';
import type { Validator } from './validation';

export interface HoverDeps {
  documents: TextDocuments<TextDocument>;
  validator: Validator;
  logger: Logger;
}

/**
 * The threat model of the findings under the cursor, as Markdown; null anywhere else. The
 * findings are those of the document's current version under the current settings.
 */
export async function provideHover(params: HoverParams, deps: HoverDeps): Promise<Hover | null> {
  try {
    const document = deps.documents.get(params.textDocument.uri);
    if (!document) return null;

    const { analysis, text } = await deps.validator.current(document);
    const under = analysis.findings.filter((finding) => covers(finding, params.position));
    const first = under[0];
    if (!first) return null;

    return {
      contents: { kind: MarkupKind.Markdown, value: explainFindings(under, analysis.kind, text) },
      range: first.span.range,
    };
  } catch (error) {
    deps.logger.error(`Hover in ${params.textDocument.uri} failed: ${describeError(error)}`);
    return null;
  }
}

/** The finding's range holds the position: from its start up to, not including, its end. */
function covers(finding: Finding, position: Position): boolean {
  const { start, end } = finding.span.range;
  return compare(start, position) <= 0 && compare(position, end) < 0;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
