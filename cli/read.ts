import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { detectKind } from '../shared/detect/kind';
import type { FileKind } from '../shared/model/finding';
import { describeError } from './errors';
import type { ReportNotice } from './report';
import type { Candidate } from './walk';

export type ReadOutcome =
  | { outcome: 'read'; text: string; kind: FileKind }
  | { outcome: 'skipped' }
  | { outcome: 'notice'; notice: ReportNotice };

/** How much of a file is read to recognise it by its content. */
export const HEAD_BYTES = 64 * 1024;

/** A NUL byte this early means a binary file (Git's rule of thumb). */
const BINARY_PROBE_BYTES = 8 * 1024;

const SNIFFED_EXTENSIONS = new Set(['', '.yml', '.yaml', '.tpl']);

/**
 * Reads a candidate if its family is recognised: by name first; YAML and extensionless files
 * (any file named on the command line) by a bounded head of their content. Binary and unreadable
 * files become notices when their name says they should have been read.
 */
export function readCandidate(candidate: Candidate): ReadOutcome {
  const byName = candidate.kind ?? detectKind(candidate.absPath, '');
  const sniff =
    byName === undefined &&
    (candidate.explicit || SNIFFED_EXTENSIONS.has(extname(candidate.absPath).toLowerCase()));
  if (byName === undefined && !sniff) return { outcome: 'skipped' };

  let bytes: Buffer;
  try {
    bytes = byName !== undefined ? readFileSync(candidate.absPath) : readHead(candidate.absPath);
  } catch (error) {
    return notice(candidate, 'warning', `cannot read: ${describeError(error)}`);
  }

  if (isBinary(bytes)) {
    if (byName === undefined) return { outcome: 'skipped' };
    return notice(candidate, 'information', 'skipped: binary file');
  }
  if (byName !== undefined) return { outcome: 'read', text: bytes.toString('utf8'), kind: byName };
  return readSniffed(candidate, bytes);
}

function readSniffed(candidate: Candidate, head: Buffer): ReadOutcome {
  const kind = detectKind(candidate.absPath, head.toString('utf8'));
  if (kind === undefined) return { outcome: 'skipped' };
  if (head.length < HEAD_BYTES) return { outcome: 'read', text: head.toString('utf8'), kind };

  try {
    const text = readFileSync(candidate.absPath, 'utf8');
    return { outcome: 'read', text, kind: detectKind(candidate.absPath, text) ?? kind };
  } catch (error) {
    return notice(candidate, 'warning', `cannot read: ${describeError(error)}`);
  }
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const length = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

export function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, BINARY_PROBE_BYTES).includes(0);
}

function notice(
  candidate: Candidate,
  severity: ReportNotice['severity'],
  message: string,
): ReadOutcome {
  return { outcome: 'notice', notice: { severity, message, path: candidate.displayPath } };
}
