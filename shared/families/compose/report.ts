import type { Node } from 'yaml';
import { isTrustedImage } from '../../detect/images';
import type { SourceDocument } from '../../model/document';
import type { Finding, FindingFacts, RelatedLocation, Span } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { rangeOf } from './nodes';
import { isInsideService, serviceOwner, type ComposeFile, type ComposeService } from './services';

/** What every Compose check reads. */
export interface ComposeContext {
  doc: SourceDocument;
  options: ResolvedOptions;
  file: ComposeFile;
}

/** A finding and the service whose walk reached it (none for a top-level volume). */
export interface Hit {
  finding: Finding;
  service?: ComposeService;
}

/** A node's span: its first character to the end of its value, quotes included. */
export function nodeSpan(doc: SourceDocument, node: Node): Span {
  const [start, end] = rangeOf(node);
  return doc.lines.span(start, end);
}

/** The facts every finding about a service carries: its owner, image and whether it is trusted. */
export function serviceFacts(
  ctx: ComposeContext,
  service: ComposeService,
): Pick<FindingFacts, 'owner' | 'image' | 'trusted'> {
  const image = service.image?.resolved;
  const facts: Pick<FindingFacts, 'owner' | 'image' | 'trusted'> = { owner: serviceOwner(service) };
  if (image !== undefined) facts.image = image;
  if (isTrustedImage(image, ctx.options.trustedImages)) facts.trusted = true;
  return facts;
}

/** `privileged: true` of the service as a related location, when it has one. */
export function privilegedRelated(ctx: ComposeContext, service: ComposeService): RelatedLocation[] {
  if (!service.privileged) return [];
  const message = `Service "${service.name}" also runs privileged`;
  return [{ span: nodeSpan(ctx.doc, service.privileged), message }];
}

/**
 * One finding per rule and span. A node defined once (in an anchor, merged or aliased into
 * several services) is reported once at its definition; each service that uses it becomes a
 * related location naming it. A node reached by a single service from outside that service's
 * own mapping gets the same related location, so the reader sees where it takes effect.
 */
export function mergeSharedHits(doc: SourceDocument, hits: readonly Hit[]): Finding[] {
  const groups = new Map<string, Hit[]>();
  for (const hit of hits) {
    const { ruleId, span } = hit.finding;
    const key = `${ruleId}:${span.start}:${span.end}`;
    const group = groups.get(key);
    if (group) group.push(hit);
    else groups.set(key, [hit]);
  }
  return [...groups.values()].map((group) => mergeGroup(doc, group));
}

function mergeGroup(doc: SourceDocument, group: Hit[]): Finding {
  const first = group[0] as Hit;
  const services = unique(group.map((h) => h.service).filter((s) => s !== undefined));
  const related = group.flatMap((h) => h.finding.related);

  const { start, end } = first.finding.span;
  const definitionElsewhere = services.some((s) => !isInsideService(s, start, end));
  if (services.length > 1 || definitionElsewhere) {
    for (const service of services) {
      related.push({
        span: nodeSpan(doc, service.keyNode),
        message: `Used by service "${service.name}"`,
      });
    }
  }

  const finding: Finding = { ...first.finding, related: uniqueRelated(related) };
  if (services.length > 1) {
    const detail = { ...finding.facts.detail, services: services.map((s) => s.name).join(',') };
    finding.facts = { ...finding.facts, detail };
  }
  return finding;
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}

function uniqueRelated(list: RelatedLocation[]): RelatedLocation[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const key = `${r.span.start}:${r.span.end}:${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
