/**
 * Splitting Compose short-syntax strings (`host:container:mode`, `ip:host:container`) on `:`
 * without cutting through what may hold a colon: `${VAR:-default}` (however nested), `$$`, an
 * IPv6 address in brackets, and a Windows drive letter (`C:\x`, `c:/x`, as Compose reads it: a
 * lone letter followed by a colon and a slash).
 */

export interface SplitOptions {
  /** keep `C:` of `C:\path` whole (volumes) */
  drives?: boolean;
  /** keep `[::1]` whole (ports) */
  brackets?: boolean;
}

export function splitOnColons(spec: string, options: SplitOptions = {}): string[] {
  const parts: string[] = [];
  let buffer = '';

  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i] ?? '';
    const next = spec[i + 1] ?? '';

    const close = groupEnd(spec, i, options);
    if (close !== undefined) {
      buffer += spec.slice(i, close + 1);
      i = close;
      continue;
    }
    if (ch !== ':') {
      buffer += ch;
      continue;
    }

    const drive = options.drives && /^[A-Za-z]$/.test(buffer) && (next === '\\' || next === '/');
    if (drive) {
      buffer += ch;
      continue;
    }
    parts.push(buffer);
    buffer = '';
  }

  parts.push(buffer);
  return parts;
}

/** The index of the last character of a group opening at `i` (`$$`, `${...}`, `[...]`). */
function groupEnd(spec: string, i: number, options: SplitOptions): number | undefined {
  const ch = spec[i];
  const next = spec[i + 1];
  if (ch === '$' && next === '$') return i + 1;
  if (ch === '$' && next === '{') return closing(spec, i + 1, '{', '}');
  if (ch === '[' && options.brackets) return closing(spec, i, '[', ']');
  return undefined;
}

/** The matching closer of the opener at `open`; the end of the text when it is never closed. */
function closing(spec: string, open: number, opener: string, closer: string): number {
  let depth = 0;
  for (let i = open; i < spec.length; i++) {
    if (spec[i] === opener) depth++;
    else if (spec[i] === closer && --depth === 0) return i;
  }
  return spec.length - 1;
}
