import type {
  CancellationToken,
  TextDocuments,
  WorkDoneProgressReporter,
  WorkspaceFolder,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseFile } from './analysis';
import { discoverFiles, readCandidate, type Candidate } from './discovery';
import { enabledPatterns } from './exclude';
import type { WorkspaceFolders } from './folders';
import type { Logger } from './logger';
import type { ScanSummary } from './protocol';
import type { SettingsStore } from './settings';
import { uriToFsPath } from './uri';
import type { Validator } from './validation';

export interface ScanDeps {
  folders: WorkspaceFolders;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  validator: Validator;
  logger: Logger;
}

const TITLE = 'Docker Socket Guard: scanning the workspace';

/**
 * Analyses every matching file under the workspace folders and publishes diagnostics for the
 * files with findings. Open documents are analysed from the editor's text, the rest from disk.
 * Each folder uses the settings of its folder (one `workspace/configuration` request), not of
 * each file. Folders that are not on disk (virtual workspaces) are skipped.
 */
export async function scanWorkspace(
  deps: ScanDeps,
  progress: WorkDoneProgressReporter,
  token?: CancellationToken,
): Promise<ScanSummary> {
  const summary: ScanSummary = { files: 0, findings: 0 };
  let skipped = 0;
  progress.begin(TITLE, 0, 'Listing files', true);
  try {
    const work = await listWork(deps, token);
    const open = openDocuments(deps.documents);
    let lastPercent = -1;
    for (const [index, item] of work.entries()) {
      if (token?.isCancellationRequested) break;

      const counted = await scanOne(deps, item, open.get(item.candidate.fsPath));
      summary.files += counted.files;
      summary.findings += counted.findings;
      skipped += counted.skipped;
      const percent = Math.floor(((index + 1) * 100) / work.length);
      if (percent !== lastPercent) progress.report(percent, item.candidate.relative);
      lastPercent = percent;
    }
  } finally {
    progress.done();
  }

  // The summary answered to the client has no room for them: the skipped files (each logged
  // with its reason) are counted in the log line.
  deps.logger.info(
    `Workspace scan: ${summary.findings} findings in ${summary.files} files, ` +
      `${skipped} files skipped`,
  );
  return summary;
}

interface WorkItem {
  folder: WorkspaceFolder;
  candidate: Candidate;
}

async function listWork(deps: ScanDeps, token?: CancellationToken): Promise<WorkItem[]> {
  const work: WorkItem[] = [];
  for (const folder of deps.folders.list()) {
    const root = uriToFsPath(folder.uri);
    if (root === undefined) {
      deps.logger.info(`Workspace scan skips ${folder.uri}: not a folder on disk`);
      continue;
    }

    const settings = await deps.settings.forDocument(folder.uri);
    if (!settings.enable) continue;
    const filesExclude = enabledPatterns(await deps.settings.filesExclude(folder.uri));
    const options = { filesExclude, exclude: settings.exclude, logger: deps.logger, token };
    const candidates = await discoverFiles(root, options);
    work.push(...candidates.map((candidate) => ({ folder, candidate })));
  }
  return work;
}

interface Counted extends ScanSummary {
  /** files skipped with a log line saying why */
  skipped: number;
}

async function scanOne(
  deps: ScanDeps,
  item: WorkItem,
  openUri: string | undefined,
): Promise<Counted> {
  if (openUri !== undefined) {
    const analysed = await deps.validator.validate(openUri);
    const analysis = analysed?.analysis;
    return {
      files: analysis?.kind ? 1 : 0,
      findings: analysis?.findings.length ?? 0,
      skipped: 0,
    };
  }

  const read = await readCandidate(item.candidate.fsPath, deps.logger);
  if (!('text' in read)) {
    return { files: 0, findings: 0, skipped: read.skipped === 'reported' ? 1 : 0 };
  }
  const text = read.text;

  const uri = childUri(item.folder.uri, item.candidate.relative);
  const settings = await deps.settings.forDocument(item.folder.uri);
  const languageId = item.candidate.relative.toLowerCase().endsWith('.toml') ? 'toml' : undefined;
  const input = { fileName: item.candidate.fsPath, text, languageId };
  const analysis = analyseFile(input, settings, false, deps.logger);
  deps.validator.publishAnalysis(uri, analysis, { onlyIfAny: true });
  return { files: analysis.kind ? 1 : 0, findings: analysis.findings.length, skipped: 0 };
}

/** Open documents by file system path: the scan takes their text from the editor. */
function openDocuments(documents: TextDocuments<TextDocument>): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const document of documents.all()) {
    const fsPath = uriToFsPath(document.uri);
    if (fsPath !== undefined) byPath.set(fsPath, document.uri);
  }
  return byPath;
}

/** A file's URI under its folder's, encoded the way editors encode path segments. */
function childUri(folderUri: string, relative: string): string {
  const base = folderUri.endsWith('/') ? folderUri.slice(0, -1) : folderUri;
  const encoded = relative
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, escapeChar))
    .join('/');
  return `${base}/${encoded}`;
}

function escapeChar(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}
