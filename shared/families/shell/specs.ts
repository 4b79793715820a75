/**
 * Reading the values of `-v`, `--mount` and `-p`: where the host path sits inside the value, so
 * that a finding can span exactly it.
 */

export interface VolumeSpec {
  /** host path: `value.slice(hostStart, hostEnd)` */
  hostStart: number;
  hostEnd: number;
  target: string;
  readOnly: boolean;
}

const DRIVE = /^[A-Za-z]:[\\/]/;
/** Docker's named volume names: such a source is a volume, never a host path. */
const VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Splits `host:container[:mode]`. A Windows drive (`C:\x`) and a colon inside `${...}` or
 * `$(...)` do not split. Undefined for a lone container path or a named volume.
 */
export function splitVolume(value: string): VolumeSpec | undefined {
  const hostEnd = colonAfter(value, DRIVE.test(value) ? 2 : 0);
  if (hostEnd < 0 || hostEnd === 0) return undefined;
  if (VOLUME_NAME.test(value.slice(0, hostEnd))) return undefined;

  const rest = value.slice(hostEnd + 1);
  const targetEnd = colonAfter(rest, DRIVE.test(rest) ? 2 : 0);
  const target = targetEnd < 0 ? rest : rest.slice(0, targetEnd);
  const mode = targetEnd < 0 ? '' : rest.slice(targetEnd + 1);
  const readOnly = mode.split(',').some((option) => option === 'ro' || option === 'readonly');
  return { hostStart: 0, hostEnd, target, readOnly };
}

/** The first `:` at or after `from` outside `${...}` and `$(...)`; -1 when there is none. */
function colonAfter(text: string, from: number): number {
  const closers: string[] = [];
  for (let at = from; at < text.length; at++) {
    const c = text[at];
    if (c === '$' && (text[at + 1] === '{' || text[at + 1] === '(')) {
      closers.push(text[at + 1] === '{' ? '}' : ')');
      at++;
    } else if (closers.length > 0 && c === closers[closers.length - 1]) {
      closers.pop();
    } else if (c === ':' && closers.length === 0) {
      return at;
    }
  }
  return -1;
}

/** One `key=value` field of a CSV flag value. */
export interface Field {
  key: string;
  value: string;
  /** the value's place in the whole text */
  valueStart: number;
  valueEnd: number;
}

/**
 * Splits `key=value,key=value` as Docker's CSV reader does: a field (or its value) may be
 * quoted with `"` to hold commas. Keys are lower case.
 */
export function csvFields(text: string): Field[] {
  const fields: Field[] = [];
  let start = 0;
  let quoted = false;
  for (let at = 0; at <= text.length; at++) {
    const c = text[at];
    if (c === '"') quoted = !quoted;
    if (at < text.length && (c !== ',' || quoted)) continue;

    const field = unquote(text, start, at);
    const equals = text.indexOf('=', field.start);
    const hasValue = equals >= 0 && equals < field.end;
    const key = text
      .slice(field.start, hasValue ? equals : field.end)
      .trim()
      .toLowerCase();
    const value = hasValue
      ? unquote(text, equals + 1, field.end)
      : { start: field.end, end: field.end };
    fields.push({
      key,
      value: text.slice(value.start, value.end),
      valueStart: value.start,
      valueEnd: value.end,
    });
    start = at + 1;
  }
  return fields;
}

function unquote(text: string, start: number, end: number): { start: number; end: number } {
  const quoted = end - start >= 2 && text[start] === '"' && text[end - 1] === '"';
  return quoted ? { start: start + 1, end: end - 1 } : { start, end };
}

/** What a `--mount` value says. */
export interface MountSpec {
  type: string;
  source?: Field;
  target: string;
  readOnly: boolean;
}

/** Reads a `--mount` value: type, source (with its place), target, read-only. */
export function readMount(text: string): MountSpec {
  const spec: MountSpec = { type: 'volume', target: '', readOnly: false };
  for (const field of csvFields(text)) {
    if (field.key === 'type') spec.type = field.value.trim().toLowerCase();
    else if (field.key === 'source' || field.key === 'src') spec.source = field;
    else if (['target', 'dst', 'destination'].includes(field.key)) spec.target = field.value;
    else if (field.key === 'readonly' || field.key === 'ro') {
      spec.readOnly = !/^(?:false|0)$/i.test(field.value.trim());
    }
  }
  return spec;
}

/**
 * Whether a `-p` value publishes container port 2375: `2375`, `2375:2375`,
 * `0.0.0.0:2375:2375/tcp`, a range holding 2375, or `target=2375` (`docker service create`).
 */
export function publishesPlaintextPort(text: string): boolean {
  const container = text.includes('=')
    ? (csvFields(text).find((field) => field.key === 'target')?.value ?? '')
    : ((text.split('/')[0] ?? '').split(':').pop() ?? '');

  const range = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(container.split('/')[0] ?? '');
  if (!range) return false;
  const low = Number(range[1]);
  const high = range[2] === undefined ? low : Number(range[2]);
  return low <= 2375 && 2375 <= high;
}
