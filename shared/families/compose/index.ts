import { parseAllDocuments, type Document } from 'yaml';
import { withoutStackTraces } from '../../limits/errors';
import { emptyResult, type FamilyResult, type SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';
import { mayHoldFinding } from '../../detect/prefilter';
import { readEnvironment } from './environment';
import { rangeOf } from './nodes';
import { yamlSyntaxNotice, type YamlProblem } from '../../model/yaml-notice';
import { duplicateKeys } from './duplicates';
import { checkApiSocketFlag, checkPrivilegedDind } from './flags';
import { checkNamedVolumes, checkServiceMounts } from './mounts';
import { checkPorts } from './ports';
import { mergeSharedHits, type ComposeContext, type Hit } from './report';
import { readComposeFile, type ComposeService } from './services';
import { checkDindTls, checkDockerHost } from './tls';
import { readServiceMounts, type ServiceMount } from './volumes';

export { readComposeFile, type ComposeFile, type ComposeService } from './services';
export { readServiceMounts, parseShortVolume, type ServiceMount } from './volumes';
export { readEnvironment, type EnvironmentVariable } from './environment';
export { parseShortPort } from './ports';

/**
 * Compose files. Each YAML document with a mapping at its top is read; a YAML error does not
 * stop the analysis: findings come from what parsed, and one notice names the first error.
 *
 * Where findings point: a short-syntax volume or port at its whole list scalar, quotes included;
 * a long-syntax mount at its `source` value and a long port at its `target`; a named volume at
 * its `device` (or `mountpoint`); DOCKER_HOST at its value (after `=` inside a list scalar);
 * an empty DOCKER_TLS_CERTDIR at key and value together; flags at their `true`. A node shared
 * through an anchor is reported once, where it is written, naming each service that uses it.
 *
 * Not handled: `extends` and `include` (they name other files or merge services in ways YAML
 * cannot show), `volumes_from`, and `env_file` (the engine reads no files).
 */
export function analyseCompose(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  try {
    return analyseParsed(doc, options);
  } catch (error) {
    const message = `Compose analysis stopped: ${error instanceof Error ? error.message : error}`;
    return {
      findings: [],
      notices: [{ severity: 'warning', message, span: doc.lines.span(0, 0) }],
    };
  }
}

function analyseParsed(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  // Repeated keys are found in linear time by duplicateKeys(), not by the parser's own check.
  const parsed = withoutStackTraces(() =>
    parseAllDocuments(doc.text, { prettyErrors: false, merge: true, uniqueKeys: false }),
  );
  if (!Array.isArray(parsed)) return emptyResult();
  const documents: Document[] = parsed;

  const hits = documents.flatMap((document) => analyseDocument(doc, options, document));
  const parserFirst: YamlProblem | undefined = documents.flatMap((d) => d.errors)[0];
  const repeated = documents
    .flatMap(duplicateKeys)
    .reduce<YamlProblem | undefined>((a, b) => (a && a.pos[0] <= b.pos[0] ? a : b), undefined);
  const firstError =
    repeated && (!parserFirst || repeated.pos[0] < parserFirst.pos[0]) ? repeated : parserFirst;
  return {
    findings: mergeSharedHits(doc, hits),
    notices: firstError ? [yamlSyntaxNotice(doc, firstError)] : [],
  };
}

function analyseDocument(doc: SourceDocument, options: ResolvedOptions, document: Document): Hit[] {
  const file = readComposeFile(document, doc.text, options.variables);
  const ctx: ComposeContext = { doc, options, file };
  const hits: Hit[] = [];
  const allMounts: ServiceMount[] = [];

  for (const service of file.services) {
    const mounts = readServiceMounts(service, file, options.variables);
    allMounts.push(...mounts);
    if (!serviceMayFire(doc, options, service)) continue;
    const env = readEnvironment(service, file, doc, options.variables);

    hits.push(
      ...checkServiceMounts(ctx, mounts),
      ...checkApiSocketFlag(ctx, service),
      ...checkDockerHost(ctx, service, env),
      ...checkDindTls(ctx, service, env),
      ...checkPorts(ctx, service),
      ...checkPrivilegedDind(ctx, service),
    );
  }
  hits.push(...checkNamedVolumes(ctx, allMounts));
  return hits;
}

/**
 * The file pre-filter on one service's own text, key included: a service that names no socket,
 * port or flag the checks look for is not checked (its mounts still count for named volumes).
 * A service that takes entries from elsewhere (an alias, a merge key) is always checked.
 */
function serviceMayFire(
  doc: SourceDocument,
  options: ResolvedOptions,
  service: ComposeService,
): boolean {
  const [keyStart, keyEnd] = rangeOf(service.keyNode);
  const [start, , end] = rangeOf(service.node);
  if (!service.node || start < keyEnd) return true;
  const text = doc.text.slice(keyStart, end);
  return text.includes('*') || text.includes('<<') || mayHoldFinding(text, options);
}
