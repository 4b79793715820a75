import { CONVENTIONAL_VARS, KNOWN_PIPES, KNOWN_SOCKETS, SOCKET_FILE_NAMES } from './sockets';

/** Values for `$VAR` / `${VAR}` in paths: a `.env` beside a Compose file, or Make variables. */
export type Variables = Readonly<Record<string, string>>;

/** What the settings add to the built-in socket list. */
export interface PathOptions {
  variables?: Variables;
  extraSocketPaths?: readonly string[];
  extraSocketDirs?: readonly string[];
}

export interface PathVerdict {
  kind: 'socket' | 'socket-dir' | 'pipe';
  normalised: string;
  engine?: string;
}

export interface Interpolated {
  value: string;
  /** a variable had no value and no default */
  unresolved: boolean;
}

const VARIABLE =
  /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$\$/g;

/**
 * Resolves Compose and shell style variables: `${VAR}`, `$VAR`, `${VAR:-default}`,
 * `${VAR-default}`; `$$` is a literal `$`. A variable without value or default is left as written,
 * or replaced by its conventional value (`$XDG_RUNTIME_DIR`, `$HOME`).
 */
export function interpolate(raw: string, variables: Variables = {}): Interpolated {
  let unresolved = false;
  const value = raw.replace(VARIABLE, (whole, braced, operator, word, bare) => {
    if (whole === '$$') return '$';

    const name: string = braced ?? bare;
    const own = Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : undefined;
    const emptyCounts = operator === ':-' || operator === ':?';
    if (operator === '-' || operator === ':-') {
      if (own === undefined || (emptyCounts && own === ''))
        return interpolate(word ?? '', variables).value;
      return own;
    }
    if (operator === '+' || operator === ':+') return own ? (word ?? '') : '';
    if (own !== undefined) return own;

    const conventional = CONVENTIONAL_VARS.get(name);
    if (conventional !== undefined) return conventional;
    unresolved = true;
    return whole;
  });
  return { value, unresolved };
}

/**
 * Normalises a host path so that spellings of one place compare equal: variables resolved,
 * `\` as `/` on Windows-looking paths, repeated and trailing slashes removed, `.` and `..`
 * applied, `/var/run` as `/run`, a home folder as `~`, numeric user ids as `<uid>`.
 */
export function normalisePath(raw: string, variables?: Variables): string {
  let path = interpolate(raw.trim(), variables).value;

  if (/^[A-Za-z]:[\\/]/.test(path)) path = path.slice(2);
  path = path.replace(/\\/g, '/');
  path = path.replace(/^\$\{?HOME\}?(?=\/|$)/, '~');
  path = path.replace(/^\/(?:home\/[^/]+|root|Users\/[^/]+)(?=\/\.docker(?:\/|$))/, '~');

  const absolute = path.startsWith('/');
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
      else if (!absolute) segments.push('..');
      continue;
    }
    segments.push(segment);
  }

  let joined = (absolute ? '/' : '') + segments.join('/');
  if (joined === '') joined = absolute ? '/' : '.';
  joined = joined.replace(/^\/var\/run(?=\/|$)/, '/run');
  joined = joined.replace(/^\/run\/user\/\d+(?=\/|$)/, '/run/user/<uid>');
  return joined;
}

/** Lower-cased pipe name when the path is a Windows named pipe (`\\.\pipe\x`, `//./pipe/x`). */
function pipeName(raw: string): string | undefined {
  const slashed = raw
    .trim()
    .replace(/^npipe:/i, '')
    .replace(/\\/g, '/');
  const match = /^\/{2,}\.\/pipe\/(.+)$/i.exec(slashed);
  return match?.[1]?.toLowerCase();
}

/** `dir` holds `path`; a path under `/run` is also under `/var`, where `/var/run` links to it. */
function isAncestor(dir: string, path: string): boolean {
  if (dir === '/') return path.startsWith('/');
  if (path.startsWith(dir + '/')) return true;
  return path.startsWith('/run/') && `/var${path}`.startsWith(dir + '/');
}

/**
 * Says whether a host path reaches an engine API: the socket itself, a directory that holds one,
 * or a Windows pipe. Returns undefined for every other path (including lookalikes such as
 * `/var/run/docker.sock.bak` or `/var/run/secrets`).
 */
export function classifyHostPath(raw: string, options: PathOptions = {}): PathVerdict | undefined {
  const pipe = pipeName(raw);
  if (pipe !== undefined) {
    const known = KNOWN_PIPES.find((p) => p.name === pipe);
    return known
      ? { kind: 'pipe', normalised: `//./pipe/${pipe}`, engine: known.engine }
      : undefined;
  }

  const normalised = normalisePath(raw, options.variables);
  const extraSockets = (options.extraSocketPaths ?? []).map((p) => normalisePath(p));
  const sockets = [...KNOWN_SOCKETS, ...extraSockets.map((path) => ({ path, engine: 'custom' }))];

  const exact = sockets.find((s) => s.path === normalised);
  if (exact) return { kind: 'socket', normalised, engine: exact.engine };

  const fileName = normalised.slice(normalised.lastIndexOf('/') + 1);
  const byName = SOCKET_FILE_NAMES.get(fileName);
  if (byName !== undefined) return { kind: 'socket', normalised, engine: byName };

  // The home folder holds Docker Desktop's socket, but mounting it is too common to call it one.
  const holder = normalised !== '~' && sockets.find((s) => isAncestor(normalised, s.path));
  if (holder) return { kind: 'socket-dir', normalised, engine: holder.engine };

  const extraDirs = (options.extraSocketDirs ?? []).map((p) => normalisePath(p));
  if (extraDirs.some((dir) => dir === normalised || isAncestor(normalised, dir))) {
    return { kind: 'socket-dir', normalised, engine: 'custom' };
  }
  return undefined;
}
