import { CONVENTIONAL_VARS } from '../../paths/sockets';

/**
 * Dev container mount strings: the `--mount` syntax, comma-separated `key=value` fields in any
 * order, each field optionally wrapped in double quotes (a doubled quote inside stands for one).
 */

/** A field of a mount string; `valueStart`/`valueEnd` index the mount string. */
export interface MountField {
  key: string;
  value: string | undefined;
  valueStart: number;
  valueEnd: number;
  /** the value's characters are the string's characters (no doubled quotes in between) */
  exact: boolean;
}

export interface MountSpec {
  type: string | undefined;
  source: MountField | undefined;
  target: string | undefined;
  readOnly: boolean;
}

const SOURCE_KEYS = new Set(['source', 'src']);
const TARGET_KEYS = new Set(['target', 'destination', 'dst']);
const READ_ONLY_KEYS = new Set(['readonly', 'ro']);

export function parseMountString(text: string): MountSpec {
  const spec: MountSpec = {
    type: undefined,
    source: undefined,
    target: undefined,
    readOnly: false,
  };
  for (const field of mountFields(text)) {
    const key = field.key.trim().toLowerCase();
    if (key === 'type') spec.type = field.value?.trim().toLowerCase();
    else if (SOURCE_KEYS.has(key)) spec.source = field;
    else if (TARGET_KEYS.has(key)) spec.target = field.value;
    else if (READ_ONLY_KEYS.has(key)) spec.readOnly = !/^(?:false|0)$/i.test(field.value ?? '');
  }
  return spec;
}

function mountFields(text: string): MountField[] {
  const fields: MountField[] = [];
  let i = 0;
  while (i <= text.length) {
    const quoted = text[i] === '"';
    const field = quoted ? readQuotedField(text, i) : readPlainField(text, i);
    fields.push(field.field);
    i = field.next + 1;
  }
  return fields;
}

function readPlainField(text: string, start: number): { field: MountField; next: number } {
  const comma = text.indexOf(',', start);
  const end = comma < 0 ? text.length : comma;
  return { field: splitField(text.slice(start, end), start, true), next: end };
}

function readQuotedField(text: string, start: number): { field: MountField; next: number } {
  let content = '';
  let exact = true;
  let i = start + 1;
  for (; i < text.length; i++) {
    if (text[i] !== '"') {
      content += text[i];
    } else if (text[i + 1] === '"') {
      content += '"';
      exact = false;
      i++;
    } else {
      break;
    }
  }

  const comma = text.indexOf(',', i);
  const next = comma < 0 ? text.length : comma;
  return { field: splitField(content, start + 1, exact), next };
}

/** Splits `key=value`; offsets of a field whose quotes were doubled are not exact. */
function splitField(content: string, base: number, exact: boolean): MountField {
  const equals = content.indexOf('=');
  if (equals < 0) {
    return { key: content, value: undefined, valueStart: base, valueEnd: base, exact };
  }
  const value = content.slice(equals + 1);
  const valueStart = base + equals + 1;
  return {
    key: content.slice(0, equals),
    value,
    valueStart,
    valueEnd: valueStart + value.length,
    exact,
  };
}

/** A mount binds a host path: `type=bind`, or no type and a source that is a path, not a name. */
export function bindsHostPath(type: string | undefined, source: string): boolean {
  if (type !== undefined) return type === 'bind';
  return /[/\\]/.test(source) || source.startsWith('~') || source.startsWith('$');
}

const VARIABLE = new RegExp(
  [
    '\\$\\{(?:',
    '(?:localEnv|env):([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?',
    '|localWorkspaceFolder(Basename)?',
    ')\\}',
  ].join(''),
  'g',
);

/** A rewritten path and, for each of its characters, the index of the character it came from. */
export interface RewrittenPath {
  value: string;
  sources: number[];
}

/**
 * Rewrites dev container variables into the shell spelling the path normaliser reads:
 * `${localEnv:HOME}` is `${HOME}`, `${localEnv:X:fallback}` is `${X:-fallback}`. An unset local
 * variable is empty in a dev container (`${localEnv:HOME}${localEnv:USERPROFILE}` is the home
 * folder on every system), so it reads as `${X:-}`; HOME and XDG_RUNTIME_DIR keep their
 * conventional values. The workspace folder is a project folder, never an engine's socket
 * directory, so it reads as a relative path.
 */
export function rewriteDevcontainerPath(raw: string): RewrittenPath {
  const out: RewrittenPath = { value: '', sources: [] };
  const add = (text: string, from: number, step = 1): void => {
    for (let k = 0; k < text.length; k++) out.sources.push(from + k * step);
    out.value += text;
  };

  let last = 0;
  for (const match of raw.matchAll(VARIABLE)) {
    const at = match.index ?? 0;
    add(raw.slice(last, at), last);
    last = at + match[0].length;

    const [whole, name, fallback, basename] = match;
    if (name === undefined) {
      add(basename ? 'workspace' : '.', at, 0);
      continue;
    }
    const nameAt = at + whole.indexOf(':') + 1;
    add('${', at);
    add(name, nameAt);
    if (fallback !== undefined) {
      add(':-', nameAt + name.length, 0);
      add(fallback, nameAt + name.length + 1);
    } else if (!CONVENTIONAL_VARS.has(name)) {
      add(':-', last - 1, 0);
    }
    add('}', last - 1);
  }
  add(raw.slice(last), last);
  return out;
}

/** The rewritten spelling of a dev container path (see `rewriteDevcontainerPath`). */
export function devcontainerPath(raw: string): string {
  return rewriteDevcontainerPath(raw).value;
}
