import { emptyResult, type FamilyResult, type SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';

/** GitHub Actions workflows. */
export function analyseGithubWorkflow(
  _doc: SourceDocument,
  _options: ResolvedOptions,
): FamilyResult {
  return emptyResult();
}
