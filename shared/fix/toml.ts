import type { Node } from 'jsonc-parser';

/**
 * Just enough TOML to edit a GitLab Runner config.toml in place: the elements of an inline array
 * (`volumes = ["/a:/b", "/cache"]`, over several lines, with comments and a trailing comma) with
 * their offsets, and the table a line belongs to.
 */

export interface TomlArray {
  /** offset of the key that holds the array */
  keyStart: number;
  close: number;
  elements: Array<Pick<Node, 'offset' | 'length'>>;
}

/** The inline array whose brackets hold `offset`. */
export function arrayAt(text: string, offset: number): TomlArray | undefined {
  const keys = [...text.slice(0, offset).matchAll(/^[ \t]*([A-Za-z0-9_.-]+)[ \t]*=[ \t]*\[/gm)];
  for (const key of keys.reverse()) {
    const open = (key.index ?? 0) + key[0].length - 1;
    const array = scanArray(text, open);
    if (array && open < offset && offset < array.close)
      return { ...array, keyStart: (key.index ?? 0) + key[0].indexOf(key[1] ?? '') };
  }
  return undefined;
}

function scanArray(text: string, open: number): Omit<TomlArray, 'keyStart'> | undefined {
  const elements: TomlArray['elements'] = [];
  let at = open + 1;
  while (at < text.length) {
    const ch = text[at] ?? '';
    if (ch === ']') return { close: at, elements };
    if (/[\s,]/.test(ch)) at++;
    else if (ch === '#') at = lineEnd(text, at);
    else {
      const end = elementEnd(text, at);
      if (end === undefined) return undefined;
      elements.push({ offset: at, length: end - at });
      at = end;
    }
  }
  return undefined;
}

/** The end of a string or bare value; nested arrays and multi-line strings are not read. */
function elementEnd(text: string, at: number): number | undefined {
  const ch = text[at];
  if (text.startsWith('"""', at) || text.startsWith("'''", at) || ch === '[' || ch === '{')
    return undefined;
  if (ch === "'") {
    const close = text.indexOf("'", at + 1);
    return close < 0 ? undefined : close + 1;
  }
  if (ch === '"') {
    for (let i = at + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
      else if (text[i] === '\n') return undefined;
    }
    return undefined;
  }
  const match = /^[^\s,\]#]+/.exec(text.slice(at));
  return match ? at + match[0].length : undefined;
}

function lineEnd(text: string, at: number): number {
  const match = /[\r\n]/.exec(text.slice(at));
  return match ? at + match.index : text.length;
}

const HEADER = /^[ \t]*\[/;

/** The lines of the table (`[x]` or `[[x]]` header to the next header) that holds `offset`. */
export function tableAround(
  text: string,
  offset: number,
): { start: number; end: number } | undefined {
  const lines = [...text.matchAll(/[^\r\n]*(?:\r\n|\r|\n|$)/g)].filter((m) => m[0] !== '');
  let start: number | undefined;
  let end = text.length;
  for (const line of lines) {
    const at = line.index ?? 0;
    if (!HEADER.test(line[0])) continue;
    if (at <= offset) start = at;
    else {
      end = at;
      break;
    }
  }
  if (start === undefined) return undefined;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

/** The table's own keys: the text from its header to the next header. */
export function tableText(text: string, offset: number): string {
  const table = tableAround(text, offset);
  return table ? text.slice(table.start, table.end) : '';
}
