import { emptyResult, type FamilyResult, type SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';

/** GitLab CI files. */
export function analyseGitlabCi(_doc: SourceDocument, _options: ResolvedOptions): FamilyResult {
  return emptyResult();
}

/** GitLab Runner config.toml. */
export function analyseRunnerConfig(_doc: SourceDocument, _options: ResolvedOptions): FamilyResult {
  return emptyResult();
}
