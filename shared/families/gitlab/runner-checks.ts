import { judgeClientEndpoint } from '../../detect/endpoint';
import { isDindImage } from '../../detect/images';
import { makeFinding } from '../../model/build';
import type { SourceDocument } from '../../model/document';
import type { Finding, Owner, RelatedLocation, Span } from '../../model/finding';
import {
  plaintextClientMessage,
  privilegedDindMessage,
  tlsUnverifiedMessage,
} from '../../model/messages';
import { trimmedRange } from '../yaml-embed/mapped';
import type { TomlEntry, TomlValue } from './toml';

/** Reading one runner's sections of config.toml, and the checks of its executor settings. */

/** The keys of one table (or dotted-key group), its path relative to `runners`. */
export interface Section {
  path: string;
  values: Map<string, TomlEntry>;
}

export interface Runner {
  owner: Owner;
  nameSpan: Span;
  sections: Section[];
}

/** The keys of every section at `path`, a later one winning. */
export function section(all: readonly Section[], path: string): Map<string, TomlEntry> {
  const merged = new Map<string, TomlEntry>();
  for (const found of sections(all, path))
    for (const [key, entry] of found.values) merged.set(key, entry);
  return merged;
}

export function sections(all: readonly Section[], path: string): Section[] {
  return all.filter((found) => found.path === path);
}

export function stringOf(entry: TomlEntry | undefined): string | undefined {
  return entry?.value.kind === 'string' ? entry.value.text.text : undefined;
}

function isTrue(entry: TomlEntry | undefined): entry is TomlEntry {
  return entry?.value.kind === 'bool' && entry.value.value;
}

/** `key = value`, as a finding points at a setting. */
export function entrySpan(doc: SourceDocument, entry: TomlEntry): Span {
  return doc.lines.span(entry.keyStart, entry.value.end);
}

/** A string value's content inside its quotes, trimmed; undefined for other values. */
export function stringSpan(doc: SourceDocument, entry: TomlEntry): Span | undefined {
  return valueSpan(doc, entry.value);
}

function valueSpan(doc: SourceDocument, value: TomlValue): Span | undefined {
  if (value.kind !== 'string') return undefined;
  const [from, to] = trimmedRange(value.text.text);
  if (to <= from) return doc.lines.span(value.start, value.end);
  return doc.lines.span(value.text.toDocument(from), value.text.toDocumentEnd(to));
}

interface DindRef {
  image: string;
  span: Span;
}

function dindImage(doc: SourceDocument, runner: Runner, executor: string): DindRef | undefined {
  const entry = section(runner.sections, executor).get('image');
  const image = stringOf(entry);
  const span = entry && stringSpan(doc, entry);
  return image !== undefined && span && isDindImage(image) ? { image, span } : undefined;
}

/** A dind `[[runners.<executor>.services]]`, or a dind name in `services`/`allowed_services`. */
function dindService(doc: SourceDocument, runner: Runner, executor: string): DindRef | undefined {
  const candidates: TomlValue[] = [];
  for (const service of sections(runner.sections, `${executor}.services`)) {
    const name = service.values.get('name');
    if (name) candidates.push(name.value);
  }
  const own = section(runner.sections, executor);
  for (const key of ['services', 'allowed_services', 'allowed_privileged_services']) {
    const value = own.get(key)?.value;
    if (value?.kind === 'array') candidates.push(...value.items);
  }

  for (const value of candidates) {
    const span = valueSpan(doc, value);
    if (value.kind === 'string' && span && isDindImage(value.text.text)) {
      return { image: value.text.text.trim(), span };
    }
  }
  return undefined;
}

/** The Docker-in-Docker daemon a runner's jobs start, if its settings show one. */
export function dindOf(doc: SourceDocument, runner: Runner, executor: string): DindRef | undefined {
  return dindImage(doc, runner, executor) ?? dindService(doc, runner, executor);
}

/**
 * DSG005: `privileged = true` with a dind image, and `privileged` (or `services_privileged`,
 * which overrides it for services) with a dind service. A privileged runner without any sign of
 * dind is not reported: the flag alone says nothing about Docker-in-Docker.
 */
export function privilegedFindings(
  doc: SourceDocument,
  runner: Runner,
  executor: string,
): Finding[] {
  const own = section(runner.sections, executor);
  const privileged = own.get('privileged');
  const servicesPrivileged = own.has('services_privileged')
    ? own.get('services_privileged')
    : privileged;
  const findings: Finding[] = [];
  const report = (entry: TomlEntry, dind: DindRef): void => {
    const related: RelatedLocation[] = [
      { span: dind.span, message: `Docker-in-Docker image ${dind.image}` },
    ];
    findings.push(
      makeFinding(
        'DSG005',
        entrySpan(doc, entry),
        privilegedDindMessage(runner.owner, dind.image),
        {
          exposure: 'privileged-dind',
          owner: runner.owner,
          image: dind.image,
          detail: { runner: runner.owner.name, executor },
        },
        related,
      ),
    );
  };

  const image = dindImage(doc, runner, executor);
  const service = dindService(doc, runner, executor);
  if (isTrue(privileged) && image) report(privileged, image);
  if (isTrue(servicesPrivileged) && service && !(servicesPrivileged === privileged && image)) {
    report(servicesPrivileged, service);
  }
  return findings;
}

/** DSG003/DSG004 for `[runners.docker] host`, with `tls_verify` (off unless set true). */
export function hostFindings(
  doc: SourceDocument,
  runner: Runner,
  docker: Map<string, TomlEntry>,
): Finding[] {
  const entry = docker.get('host');
  const host = stringOf(entry)?.trim();
  const span = entry && stringSpan(doc, entry);
  if (host === undefined || !span) return [];

  const tls = docker.get('tls_verify');
  const verdict = judgeClientEndpoint(host, isTrue(tls) ? '1' : '0');
  if (verdict === undefined) return [];

  const plaintext = verdict === 'plaintext';
  const related: RelatedLocation[] =
    !plaintext && tls
      ? [{ span: entrySpan(doc, tls), message: 'tls_verify = false turns verification off' }]
      : [];
  return [
    makeFinding(
      plaintext ? 'DSG003' : 'DSG004',
      span,
      plaintext
        ? plaintextClientMessage(runner.owner, 'host', host)
        : tlsUnverifiedMessage(runner.owner, host),
      {
        exposure: plaintext ? 'plaintext-tcp' : 'tls-unverified',
        owner: runner.owner,
        endpoint: host,
        detail: { runner: runner.owner.name, executor: 'docker' },
      },
      related,
    ),
  ];
}
