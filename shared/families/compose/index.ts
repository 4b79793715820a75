import { parseAllDocuments, type Document, type YAMLError } from 'yaml';
import { emptyResult, type FamilyResult, type SourceDocument } from '../../model/document';
import type { Notice } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { readEnvironment } from './environment';
import { checkApiSocketFlag, checkPrivilegedDind } from './flags';
import { checkNamedVolumes, checkServiceMounts } from './mounts';
import { checkPorts } from './ports';
import { mergeSharedHits, type ComposeContext, type Hit } from './report';
import { readComposeFile } from './services';
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
  const parsed = parseAllDocuments(doc.text, { prettyErrors: false, merge: true });
  if (!Array.isArray(parsed)) return emptyResult();
  const documents: Document[] = parsed;

  const hits = documents.flatMap((document) => analyseDocument(doc, options, document));
  const firstError = documents.flatMap((d) => d.errors)[0];
  return {
    findings: mergeSharedHits(doc, hits),
    notices: firstError ? [syntaxNotice(doc, firstError)] : [],
  };
}

function analyseDocument(doc: SourceDocument, options: ResolvedOptions, document: Document): Hit[] {
  const file = readComposeFile(document, doc.text, options.variables);
  const ctx: ComposeContext = { doc, options, file };
  const hits: Hit[] = [];
  const allMounts: ServiceMount[] = [];

  for (const service of file.services) {
    const mounts = readServiceMounts(service, file, options.variables);
    const env = readEnvironment(service, file, doc, options.variables);
    allMounts.push(...mounts);

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

function syntaxNotice(doc: SourceDocument, error: YAMLError): Notice {
  const [start, end] = error.pos;
  const span = doc.lines.span(start, Math.max(start, end));
  const { line, character } = span.range.start;
  const reason = error.message.split('\n')[0] ?? error.message;
  return {
    severity: 'information',
    message:
      `YAML error at line ${line + 1}, column ${character + 1}: ${reason}. ` +
      'Findings cover only the part that could be read.',
    span,
  };
}
