import { emptyResult, type FamilyResult, type SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';

/** Kubernetes manifests and Helm templates. */
export function analyseKubernetes(_doc: SourceDocument, _options: ResolvedOptions): FamilyResult {
  return emptyResult();
}
