import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
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
 * (any file named on the command line) by a bounded head of their content. Only regular files
 * are opened. Binary files, unreadable files and special files (pipes, devices) become notices
 * when they would have been read.
 */
export function readCandidate(candidate: Candidate): ReadOutcome {
  const byName = candidate.kind ?? detectKind(candidate.absPath, '');
  const sniff =
    byName === undefined &&
    (candidate.explicit || SNIFFED_EXTENSIONS.has(extname(candidate.absPath).toLowerCase()));
  if (byName === undefined && !sniff) return { outcome: 'skipped' };

  if (candidate.special !== undefined) return skippedSpecial(candidate, candidate.special);
  let read: RegularRead;
  try {
    const limit = byName !== undefined ? undefined : HEAD_BYTES;
    read = readRegular(candidate.absPath, limit, candidate.regular === true);
  } catch (error) {
    return notice(candidate, 'warning', `cannot read: ${describeError(error)}`);
  }
  if ('special' in read) return skippedSpecial(candidate, read.special);
  const bytes = read.bytes;

  if (isBinary(bytes)) {
    if (byName === undefined) return { outcome: 'skipped' };
    return notice(candidate, 'information', 'skipped: binary file');
  }
  if (byName !== undefined) return { outcome: 'read', text: bytes.toString('utf8'), kind: byName };
  return readSniffed(candidate, bytes.toString('utf8'), bytes.length);
}

function readSniffed(candidate: Candidate, head: string, bytes: number): ReadOutcome {
  const kind = detectKind(candidate.absPath, head);
  if (kind === undefined) return { outcome: 'skipped' };
  if (bytes < HEAD_BYTES) return { outcome: 'read', text: head, kind };

  let read: RegularRead;
  try {
    read = readRegular(candidate.absPath, undefined, candidate.regular === true);
  } catch (error) {
    return notice(candidate, 'warning', `cannot read: ${describeError(error)}`);
  }
  if ('special' in read) return skippedSpecial(candidate, read.special);
  const text = read.bytes.toString('utf8');
  return { outcome: 'read', text, kind: detectKind(candidate.absPath, text) ?? kind };
}

function skippedSpecial(candidate: Candidate, special: string): ReadOutcome {
  return notice(candidate, 'information', `skipped: not a regular file (${special})`);
}

/** The bytes of a regular file, or what the path is instead (a named pipe, a device...). */
export type RegularRead = { bytes: Buffer } | { special: string };

// Opening a named pipe without O_NONBLOCK waits for a writer, forever; Windows has no such flag.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

// A path listed as a regular file is opened without a stat first; should a link have taken its
// place since, the open fails rather than follow it (Windows has no such flag).
const LISTED_FLAGS = OPEN_FLAGS | (constants.O_NOFOLLOW ?? 0);

/**
 * Reads a regular file (whole, or its first `limit` bytes) and nothing else. The path is
 * stat'ed before it is opened, since opening a pipe blocks and opening a device may act, unless
 * its folder's listing said it is a regular file (`listed`); the open file is checked again, in
 * case the path was replaced in between. Throws on errors.
 */
export function readRegular(path: string, limit?: number, listed = false): RegularRead {
  if (!listed) {
    const special = specialKind(statSync(path));
    if (special !== undefined) return { special };
  }

  const fd = openSync(path, listed ? LISTED_FLAGS : OPEN_FLAGS);
  try {
    const stats = fstatSync(fd);
    const opened = specialKind(stats);
    if (opened !== undefined) return { special: opened };
    return { bytes: readAll(fd, limit ?? Infinity, stats.size) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Up to `limit` bytes from the start of an open file of `size` bytes by its stat. Reading stops
 * there: bytes written after the stat are not waited for, as in any snapshot of a changing file.
 * A size of 0 may be a file system that does not know it (procfs, some FUSE mounts): such a file
 * is read to its end.
 */
function readAll(fd: number, limit: number, size: number): Buffer {
  if (size === 0) return readToEnd(fd, limit);

  const wanted = Math.min(limit, size);
  const buffer = Buffer.allocUnsafe(wanted);
  let length = 0;
  while (length < wanted) {
    const read = readSync(fd, buffer, length, wanted - length, length);
    if (read === 0) break;
    length += read;
  }
  return buffer.subarray(0, length);
}

function readToEnd(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit - length));
    const read = readSync(fd, chunk, 0, chunk.length, length);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    length += read;
  }
  return Buffer.concat(chunks, length);
}

/** What a non-regular file is, in words; undefined for a regular file. */
export function specialKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
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
