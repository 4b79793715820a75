/** File system errors in words, without the absolute path Node puts in its messages. */
const WORDS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && WORDS[code] !== undefined) return WORDS[code];
  return error instanceof Error ? error.message : String(error);
}

/** An error for a message line: file system errors in words, others by message or stack. */
export function errorText(error: unknown, withStack = false): string {
  if (withStack && error instanceof Error && error.stack) return error.stack;
  return describeError(error);
}
