import { outOfTime, timeNotice } from '../../limits/notices';
import { sortFindings } from '../../model/build';
import type { FamilyResult, SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';
import { analyseManifestDocument, type DocumentRange } from './manifest';

export { analyseManifestDocument, type DocumentRange } from './manifest';

/** A `---` marker line: it starts a new document. */
const MARKER = /^---(?=[ \t\r\n]|$)/gm;

/** A line with YAML content: not blank, not a comment, not a marker, not a template directive. */
export const CONTENT = /^[ \t]*(?!#|\{\{|(?:---|\.\.\.)(?=[ \t\r\n]|$))\S/m;

/**
 * The documents of a stream, split at `---` lines. A document ends where the next marker starts
 * (YAML ends a document there too, even inside a block scalar), so a syntax error in one document
 * cannot hide the others.
 */
export function splitStream(text: string): DocumentRange[] {
  const ranges: DocumentRange[] = [];
  let start = 0;
  for (const match of text.matchAll(MARKER)) {
    if (match.index > start) ranges.push({ start, end: match.index });
    start = match.index;
  }
  ranges.push({ start, end: text.length });
  return ranges;
}

/**
 * Kubernetes manifests and Helm templates (kinds 'kubernetes' and 'helm'): hostPath volumes of
 * engine sockets and the directories holding them, PersistentVolumes, DOCKER_HOST and
 * DOCKER_TLS_CERTDIR in container env, privileged Docker-in-Docker, and port 2375. The time
 * limit is checked before each document: past it, the rest of the stream gets one notice.
 */
export function analyseKubernetes(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  const result: FamilyResult = { findings: [], notices: [] };
  let documentIndex = 0;

  for (const range of splitStream(doc.text)) {
    if (!CONTENT.test(doc.text.slice(range.start, range.end))) continue;
    if (outOfTime(options)) {
      result.notices.push(timeNotice(doc, range.start, options));
      break;
    }

    const one = analyseManifestDocument(doc, range, documentIndex, options);
    result.findings.push(...one.findings);
    result.notices.push(...one.notices);
    documentIndex++;
  }
  return { findings: sortFindings(result.findings), notices: result.notices };
}
