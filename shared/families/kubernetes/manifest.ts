import { parseAllDocuments, type Document } from 'yaml';
import { withoutStackTraces } from '../../limits/errors';
import type { FamilyResult, SourceDocument } from '../../model/document';
import type { Notice } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { spanOf, type ManifestContext } from './context';
import { checkContainers } from './containers';
import { parseByIndentation } from './fallback';
import { checkService } from './services';
import { maskTemplates } from './template';
import { fromYaml, seqAt, shifted, stringAt, type KNode } from './tree';
import { checkHostPaths } from './volumes';
import { collectParts, workloadOf } from './walk';

/** A document of a stream: `[start, end)` offsets of the analysed text. */
export interface DocumentRange {
  start: number;
  end: number;
}

/** Kinds whose values are data for a program, never configuration of a container. */
const DATA_KINDS: readonly string[] = ['ConfigMap', 'Secret'];

/**
 * Analyses one document of a manifest stream, given by its range in `doc.text`, so that an edit
 * can re-analyse only the documents it touched. The document is parsed as YAML with Helm
 * directives masked; when that fails, it is read by indentation instead (fallback.ts) and a
 * notice says so.
 */
export function analyseManifestDocument(
  doc: SourceDocument,
  range: DocumentRange,
  documentIndex: number,
  options: ResolvedOptions,
): FamilyResult {
  const original = doc.text.slice(range.start, range.end);
  const masked = maskTemplates(original);
  const ctx: ManifestContext = { doc, options, documentIndex, findings: [] };

  const { parsed, error } = parseYaml(masked);
  if (error) {
    const tree = parseByIndentation(masked, original);
    if (tree) analyseRoot(ctx, shifted(tree, range.start), 0);
    return { findings: ctx.findings, notices: [fallbackNotice(ctx, range, error)] };
  }

  for (const yamlDoc of parsed) {
    const tree = fromYaml(yamlDoc.contents, range.start, doc.text);
    if (tree) analyseRoot(ctx, tree, 0);
  }
  return { findings: ctx.findings, notices: [] };
}

interface ParseProblem {
  message: string;
  /** offsets in the parsed slice */
  pos: [number, number];
}

function parseYaml(text: string): { parsed: Document.Parsed[]; error?: ParseProblem } {
  try {
    const parsed = withoutStackTraces(() =>
      parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false }),
    );
    const error = parsed.flatMap((d) => d.errors)[0];
    return error ? { parsed, error } : { parsed };
  } catch {
    // The parser recurses per nesting level; text nested thousands deep exhausts the stack.
    return { parsed: [], error: { message: 'nesting too deep for the YAML parser', pos: [0, 0] } };
  }
}

/** A document is read when it is an object (`apiVersion` and `kind`); a List's items are too. */
function analyseRoot(ctx: ManifestContext, root: KNode, depth: number): void {
  if (root.type !== 'map' || depth > 8) return;
  const kind = stringAt(root, 'kind');
  if (kind === undefined || stringAt(root, 'apiVersion') === undefined) return;
  if (DATA_KINDS.includes(kind)) return;

  const items = seqAt(root, 'items');
  if (kind.endsWith('List') && items) {
    for (const item of items.items) analyseRoot(ctx, item, depth + 1);
    return;
  }

  const parts = collectParts(root);
  checkHostPaths(ctx, parts.hostPaths);
  checkContainers(ctx, parts.podSpecs);
  if (kind === 'Service') checkService(ctx, root, workloadOf(root) ?? { kind, name: '<unnamed>' });
}

function fallbackNotice(ctx: ManifestContext, range: DocumentRange, error: ParseProblem): Notice {
  const lines = ctx.doc.lines;
  const first = lines.positionAt(range.start).line + 1;
  const last = lines.positionAt(Math.max(range.start, range.end - 1)).line + 1;
  const at = Math.min(range.start + error.pos[0], range.end);
  const errorEnd = Math.min(range.start + error.pos[1], range.end);
  const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
  const where = `line ${lines.positionAt(at).line + 1}`;

  return {
    severity: 'information',
    message:
      `Document ${ctx.documentIndex + 1} (lines ${first}-${last}) could not be parsed as YAML ` +
      `(${reason}, ${where}); it was scanned line by line instead`,
    span: spanOf(ctx, { start: at, end: Math.max(at, errorEnd) }),
  };
}
