import type { Finding, Notice } from './finding';
import type { ResolvedOptions } from './options';
import { LineIndex } from '../text/lines';

/** The analysed text with its line index; shared by every detector of one analysis. */
export interface SourceDocument {
  /** a path or URI path; only its name and folders are looked at */
  fileName: string;
  /** the text without a leading byte-order mark */
  text: string;
  lines: LineIndex;
}

export function sourceDocument(fileName: string, text: string): SourceDocument {
  return { fileName, text, lines: new LineIndex(text) };
}

/** What one family's detector returns. */
export interface FamilyResult {
  findings: Finding[];
  notices: Notice[];
}

export type FamilyAnalyser = (doc: SourceDocument, options: ResolvedOptions) => FamilyResult;

export function emptyResult(): FamilyResult {
  return { findings: [], notices: [] };
}
