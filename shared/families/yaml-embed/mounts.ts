import { isTrustedImage } from '../../detect/images';
import { makeFinding } from '../../model/build';
import type { SourceDocument } from '../../model/document';
import type { Finding, Owner, RelatedLocation, Span } from '../../model/finding';
import { mountMessage } from '../../model/messages';
import type { ResolvedOptions } from '../../model/options';
import { classifyHostPath } from '../../paths/normalise';
import { trimmedRange, type MappedText } from './mapped';

/**
 * Docker volume strings of CI files (`host:container[:options]`, as GitHub Actions `volumes:` and
 * the GitLab Runner's `volumes = [...]` write them) and the finding for one that binds a socket.
 */

export interface VolumeSpec {
  /** value offsets of the host path, trimmed */
  hostStart: number;
  hostEnd: number;
  host: string;
  target: string;
  readOnly: boolean;
}

/**
 * Splits a volume string; undefined for an anonymous volume (`/cache`) or a named volume
 * (`docker-sock:/var/run/docker.sock`), which bind nothing of the host. A `:` inside `${...}` or
 * after a drive letter (`C:\x`) does not split.
 */
export function parseVolumeSpec(value: string): VolumeSpec | undefined {
  const [from, to] = trimmedRange(value);
  const parts = splitColons(value, from, to);
  const host = parts[0];
  const target = parts[1];
  if (!host || !target || !/^(?:[/.~$\\]|[A-Za-z]:[\\/])/.test(host.text)) return undefined;

  const modes = (parts[2]?.text ?? '').split(',').map((m) => m.trim().toLowerCase());
  const readOnly = modes.includes('ro') || modes.includes('readonly');
  return {
    hostStart: host.start,
    hostEnd: host.end,
    host: host.text,
    target: target.text,
    readOnly,
  };
}

interface Part {
  text: string;
  start: number;
  end: number;
}

function splitColons(value: string, from: number, to: number): Part[] {
  const parts: Part[] = [];
  let start = from;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const ch = value[i];
    if (ch === '$' && value[i + 1] === '{') {
      depth++;
      i++;
    } else if (ch === '}' && depth > 0) {
      depth--;
    } else if (ch === ':' && depth === 0 && !isDrive(value, start, i, parts.length)) {
      parts.push({ text: value.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  parts.push({ text: value.slice(start, to), start, end: to });
  return parts;
}

function isDrive(value: string, start: number, colon: number, index: number): boolean {
  const next = value[colon + 1];
  return colon - start === 1 &&
    /[A-Za-z]/.test(value[start] ?? '') &&
    (next === '\\' || next === '/')
    ? index <= 1
    : false;
}

export interface MountContext {
  owner: Owner;
  image?: string;
  detail?: Record<string, string | number | boolean>;
  related?: RelatedLocation[];
}

/** DSG001/DSG002 for a volume string whose host path reaches an engine socket. */
export function volumeFinding(
  doc: SourceDocument,
  text: MappedText,
  options: ResolvedOptions,
  context: MountContext,
): Finding | undefined {
  const spec = parseVolumeSpec(text.text);
  if (!spec) return undefined;
  const start = text.toDocument(spec.hostStart);
  const span = doc.lines.span(start, Math.max(start, text.toDocumentEnd(spec.hostEnd)));
  return hostPathFinding(span, spec, options, context);
}

/** DSG001/DSG002 for a host path (at `span`) bound into a container, when it reaches a socket. */
export function hostPathFinding(
  span: Span,
  mount: { host: string; target: string; readOnly: boolean },
  options: ResolvedOptions,
  context: MountContext,
): Finding | undefined {
  const verdict = classifyHostPath(mount.host, options);
  if (!verdict) return undefined;

  const directory = verdict.kind === 'socket-dir';
  return makeFinding(
    directory ? 'DSG002' : 'DSG001',
    span,
    mountMessage(context.owner, verdict, mount.host, mount.readOnly),
    {
      exposure: directory ? 'socket-dir-mount' : 'socket-mount',
      owner: context.owner,
      hostPath: mount.host,
      normalisedPath: verdict.normalised,
      ...(verdict.engine === undefined ? {} : { engine: verdict.engine }),
      readOnly: mount.readOnly,
      target: mount.target,
      ...(context.image === undefined ? {} : { image: context.image }),
      ...(isTrustedImage(context.image, options.trustedImages) ? { trusted: true } : {}),
      ...(context.detail === undefined ? {} : { detail: context.detail }),
    },
    context.related ?? [],
  );
}
