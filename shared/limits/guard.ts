import type { SourceDocument } from '../model/document';
import type { FileKind, Notice } from '../model/finding';
import type { Limits } from './defaults';
import { bracketsTooDeep, yamlTooDeep } from './nesting';
import { nestingNotice } from './notices';

type DepthScan = (text: string, limit: number) => number | undefined;

const jsonc: DepthScan = (text, limit) => bracketsTooDeep(text, limit, 'jsonc');
const toml: DepthScan = (text, limit) => bracketsTooDeep(text, limit, 'toml');

/** The families whose parsers recurse per level of nesting, and how their syntax nests. */
const DEPTH_SCANS: Partial<Record<FileKind, DepthScan>> = {
  compose: yamlTooDeep,
  kubernetes: yamlTooDeep,
  helm: yamlTooDeep,
  'github-actions': yamlTooDeep,
  'gitlab-ci': yamlTooDeep,
  devcontainer: jsonc,
  'daemon-json': jsonc,
  'gitlab-runner': toml,
};

/**
 * The notice for a file that nests deeper than the limit, or undefined. Only YAML, JSON and TOML
 * are scanned: Dockerfiles, shell scripts, Makefiles and the line-based daemon files have no
 * parser that recurses per indentation or bracket (nested `$(...)` in shell is left to the shell
 * reader, and anything it throws is caught by `analyse()`).
 */
export function nestingCheck(
  kind: FileKind,
  doc: SourceDocument,
  limits: Limits,
): Notice | undefined {
  const scan = DEPTH_SCANS[kind];
  const offset = scan?.(doc.text, limits.maxNesting);
  return offset === undefined ? undefined : nestingNotice(doc, offset, limits);
}
