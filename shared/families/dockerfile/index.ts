import { emptyResult, type FamilyResult, type SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';

/** Dockerfiles and Containerfiles. */
export function analyseDockerfile(_doc: SourceDocument, _options: ResolvedOptions): FamilyResult {
  return emptyResult();
}
