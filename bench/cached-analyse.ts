/**
 * Stands in for shared/analyse in a bench-only build of the language server: one analysis
 * cache for the process, as the proposed server patch keeps one per open document. It measures
 * what the patch gives before server/ takes it.
 */
import type { AnalysisInput } from '../shared/analyse';
import type { AnalysisResult } from '../shared/model/finding';
import { createAnalysisCache } from '../shared/incremental';

const cache = createAnalysisCache();

export function analyse(input: AnalysisInput): AnalysisResult {
  return cache.analyse(input);
}
