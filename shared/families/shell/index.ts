import { emptyResult, type FamilyResult, type SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';

/** Shell scripts. */
export function analyseShell(_doc: SourceDocument, _options: ResolvedOptions): FamilyResult {
  return emptyResult();
}
