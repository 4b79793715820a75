import { emptyResult, type FamilyResult, type SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';

/** Compose files. */
export function analyseCompose(_doc: SourceDocument, _options: ResolvedOptions): FamilyResult {
  return emptyResult();
}
