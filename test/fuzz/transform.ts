import { isAlias, isScalar, parseAllDocuments, visit, type YAMLMap } from 'yaml';
import type { FileKind } from '../../shared/model/finding';
import { lineStarts, safeLineStarts } from './safe-lines';

/**
 * Edits that keep what a file means, for the metamorphic properties: comment lines, blank lines,
 * CRLF line ends, and YAML mapping keys in another order. Each takes the text without a
 * byte-order mark (see `keepBom`).
 */

const YAML_KINDS: readonly FileKind[] = [
  'compose',
  'kubernetes',
  'helm',
  'github-actions',
  'gitlab-ci',
];

/** The comment a family's format allows on a line of its own; daemon.json allows none. */
function commentFor(kind: FileKind): string | undefined {
  if (kind === 'daemon-json') return undefined;
  return kind === 'devcontainer' ? '// dsg-fuzz note' : '# dsg-fuzz note';
}

export function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Applies `edit` to the text after its byte-order mark, and puts the mark back. */
export function keepBom(text: string, edit: (text: string) => string): string {
  return text.startsWith('\ufeff') ? '\ufeff' + edit(text.slice(1)) : edit(text);
}

/**
 * Inserts a comment line before each chosen safe line (every one when `pick` is omitted),
 * indented like that line in YAML and JSONC. Undefined when the format has no comments.
 */
export function insertComments(
  kind: FileKind,
  text: string,
  pick?: (index: number) => boolean,
): string | undefined {
  const comment = commentFor(kind);
  if (comment === undefined) return undefined;

  const indented = YAML_KINDS.includes(kind) || kind === 'devcontainer';
  const eol = lineBreakOf(text);
  return insertBefore(kind, text, pick, (at) => {
    const indent = indented ? (/^[ \t]*/.exec(text.slice(at))?.[0] ?? '') : '';
    return `${indent}${comment}${eol}`;
  });
}

/** Inserts a blank line before each chosen safe line. */
export function insertBlankLines(
  kind: FileKind,
  text: string,
  pick?: (index: number) => boolean,
): string {
  const eol = lineBreakOf(text);
  return insertBefore(kind, text, pick, () => eol);
}

function insertBefore(
  kind: FileKind,
  text: string,
  pick: ((index: number) => boolean) | undefined,
  line: (at: number) => string,
): string {
  const chosen = safeLineStarts(kind, text).filter((_, index) => pick?.(index) ?? true);
  let result = '';
  let from = 0;
  for (const at of chosen) {
    result += text.slice(from, at) + line(at);
    from = at;
  }
  return result + text.slice(from);
}

export function toCrlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

/** A block mapping whose keys each start a line: the offsets of its entries' lines. */
export interface Reorderable {
  /** where each entry's first line starts; an entry runs to the next one */
  starts: number[];
  /** the start of the line after the last entry */
  end: number;
}

/**
 * The block mappings of a YAML text whose entries can change places: in documents that parse
 * without error and use no alias (moving an anchor after its alias would break the file), with
 * two or more distinct keys each first on its line.
 */
export function reorderableMaps(kind: FileKind, text: string): Reorderable[] {
  if (!YAML_KINDS.includes(kind)) return [];
  const found: Reorderable[] = [];
  for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
    if (doc.errors.length > 0 || hasAlias(doc)) continue;
    visit(doc, {
      Map: (_, map) => {
        const reorderable = asReorderable(text, map);
        if (reorderable) found.push(reorderable);
      },
    });
  }
  return found;
}

function hasAlias(doc: Parameters<typeof visit>[0]): boolean {
  let alias = false;
  visit(doc, {
    Alias: () => {
      alias = true;
      return visit.BREAK;
    },
  });
  return alias;
}

function asReorderable(text: string, map: YAMLMap): Reorderable | undefined {
  if (map.flow || map.items.length < 2) return undefined;
  const starts: number[] = [];
  const keys = new Set<string>();
  let last = 0;
  for (const item of map.items) {
    if (!isScalar(item.key) || !item.key.range || isAlias(item.value)) return undefined;
    const keyStart = item.key.range[0];
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
    if (!/^[ \t]*$/.test(text.slice(lineStart, keyStart))) return undefined;
    starts.push(lineStart);
    keys.add(String(item.key.value));
    const valueEnd = (item.value as { range?: number[] } | null)?.range?.[1] ?? item.key.range[1];
    last = Math.max(last, valueEnd - 1, item.key.range[1]);
  }
  if (keys.size < starts.length) return undefined;
  const after = text.indexOf('\n', last);
  return { starts, end: after < 0 ? text.length : after + 1 };
}

/** The text with the map's entries in reverse order. */
export function reverseEntries(text: string, map: Reorderable): string {
  const eol = lineBreakOf(text);
  const chunks = map.starts.map((start, i) => {
    const chunk = text.slice(start, map.starts[i + 1] ?? map.end);
    return /\r?\n$/.test(chunk) ? chunk : chunk + eol;
  });
  const first = map.starts[0] ?? 0;
  return text.slice(0, first) + chunks.reverse().join('') + text.slice(map.end);
}

export { lineStarts };
