import type { SourceDocument } from '../../model/document';
import type { Finding, FindingFacts, Span } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import type { MapNode, ScalarNode } from './tree';
import { scalarAt } from './tree';
import type { Workload } from './walk';

/** What the checks of one manifest document share; findings are pushed onto `findings`. */
export interface ManifestContext {
  doc: SourceDocument;
  options: ResolvedOptions;
  /** the document's place in the stream, counting documents with content from 0 */
  documentIndex: number;
  findings: Finding[];
}

/** The span of a node (or a judged value) of the analysed text. */
export function spanOf(ctx: ManifestContext, node: { start: number; end: number }): Span {
  return ctx.doc.lines.span(node.start, node.end);
}

/** The detail every finding of a workload carries. */
export function workloadDetail(
  ctx: ManifestContext,
  workload: Workload,
): NonNullable<FindingFacts['detail']> {
  return {
    workloadKind: workload.kind,
    workloadName: workload.name,
    documentIndex: ctx.documentIndex,
  };
}

/** A YAML true (`true`, `True`, `TRUE`); a quoted `"true"` is read the same way. */
export function isTrue(node: ScalarNode | undefined): boolean {
  return node !== undefined && node.value.toLowerCase() === 'true';
}

/** The scalar under `key` is true. */
export function isTrueAt(map: MapNode, key: string): boolean {
  return isTrue(scalarAt(map, key));
}
