import type { WorkspaceFolder, WorkspaceFoldersChangeEvent } from 'vscode-languageserver';

/** The workspace folders the client opened, kept up to date by change notifications. */
export class WorkspaceFolders {
  private folders: WorkspaceFolder[];

  constructor(initial: WorkspaceFolder[] | null | undefined, rootUri?: string | null) {
    if (initial && initial.length > 0) this.folders = [...initial];
    else if (rootUri) this.folders = [{ uri: rootUri, name: rootUri }];
    else this.folders = [];
  }

  list(): readonly WorkspaceFolder[] {
    return this.folders;
  }

  update(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((folder) => trimSlash(folder.uri)));
    this.folders = this.folders.filter((folder) => !removed.has(trimSlash(folder.uri)));
    this.folders.push(...event.added);
  }

  /** The folder holding a document (the innermost one when folders nest). */
  folderOf(uri: string): WorkspaceFolder | undefined {
    let best: WorkspaceFolder | undefined;
    for (const folder of this.folders) {
      const base = trimSlash(folder.uri);
      if (!uri.startsWith(`${base}/`)) continue;
      if (!best || base.length > trimSlash(best.uri).length) best = folder;
    }
    return best;
  }

  /**
   * The path the exclude patterns see: relative to the folder holding the document, with
   * forward slashes; a document outside every folder is matched by its whole path.
   */
  relativePath(uri: string): string {
    const folder = this.folderOf(uri);
    const rest = folder ? uri.slice(trimSlash(folder.uri).length + 1) : uri.replace(/^\w+:\/+/, '');
    return safeDecode(rest);
  }
}

function trimSlash(uri: string): string {
  return uri.endsWith('/') ? uri.slice(0, -1) : uri;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
