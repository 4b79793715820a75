import { emptyResult, type FamilyResult, type SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';

/** Dev container configuration. */
export function analyseDevcontainer(_doc: SourceDocument, _options: ResolvedOptions): FamilyResult {
  return emptyResult();
}
