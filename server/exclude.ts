import picomatch from 'picomatch';

type Matcher = (path: string) => boolean;

const cache = new Map<string, Matcher>();

/**
 * Whether a workspace-relative path matches one of the glob patterns. A pattern naming a
 * folder (`vendor`, `examples/**`) excludes everything under it, as in `.gitignore`.
 */
export function isExcluded(relativePath: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;

  const matcher = compile(patterns);
  const parts = relativePath.split('/');
  for (let end = parts.length; end > 0; end--) {
    if (matcher(parts.slice(0, end).join('/'))) return true;
  }
  return false;
}

function compile(patterns: readonly string[]): Matcher {
  const key = patterns.join('\0');
  let matcher = cache.get(key);
  if (!matcher) {
    const usable = patterns.filter((pattern) => pattern.trim() !== '');
    matcher = usable.length === 0 ? () => false : picomatch(usable, { dot: true });
    cache.set(key, matcher);
  }
  return matcher;
}

/** The patterns of a `files.exclude` setting: the keys set to `true` (conditions are skipped). */
export function enabledPatterns(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  return Object.entries(raw as Record<string, unknown>)
    .filter(([, value]) => value === true)
    .map(([pattern]) => pattern);
}
