import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileInput } from './analysis';
import { uriToFileName } from './uri';

/** The open documents, synced incrementally from the client. */
export function createDocuments(): TextDocuments<TextDocument> {
  return new TextDocuments(TextDocument);
}

/**
 * What the engine is given for an open document. Every synced document goes through the
 * engine's recognition (name, language id, content); one it does not recognise costs a few
 * regular expressions and yields nothing.
 */
export function documentInput(document: TextDocument): FileInput {
  return {
    fileName: uriToFileName(document.uri),
    text: document.getText(),
    languageId: document.languageId,
  };
}
