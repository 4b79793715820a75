import { emptyResult, type FamilyResult, type SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';

/** Makefiles. */
export function analyseMakefile(_doc: SourceDocument, _options: ResolvedOptions): FamilyResult {
  return emptyResult();
}
