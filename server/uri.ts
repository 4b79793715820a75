import { fileURLToPath } from 'node:url';

/**
 * The file name the engine sees for a document URI: the file system path for `file:` URIs,
 * the decoded URI path for other schemes (virtual workspaces).
 */
export function uriToFileName(uri: string): string {
  try {
    const url = new URL(uri);
    if (url.protocol === 'file:') return fileURLToPath(url);
    return decodeURIComponent(url.pathname);
  } catch {
    return uri;
  }
}

/** The file system path of a `file:` URI, or undefined for other schemes. */
export function uriToFsPath(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'file:' ? fileURLToPath(url) : undefined;
  } catch {
    return undefined;
  }
}
