import type { PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisInput } from '../shared/analyse';
import { createAnalysisCache } from '../shared/incremental';
import { stripBom } from '../shared/text/lines';
import { analyseFile, NOTHING, type FileAnalysis } from './analysis';
import { toDiagnostics } from './diagnostics';
import { documentInput } from './documents';
import { isExcluded } from './exclude';
import type { WorkspaceFolders } from './folders';
import { describeError, type Logger } from './logger';
import type { SettingsStore } from './settings';

/** A document's analysis for one version, kept for hovers. */
export interface Analysed {
  version: number;
  text: string;
  analysis: FileAnalysis;
}

export interface PublishOptions {
  /** the document version the diagnostics belong to (open documents) */
  version?: number;
  /** publish a clean file only to clear earlier diagnostics */
  onlyIfAny?: boolean;
}

export interface ValidatorDeps {
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  folders: WorkspaceFolders;
  logger: Logger;
  publish(params: PublishDiagnosticsParams): void;
  debounceMs: number;
}

/**
 * Analyses open documents and publishes their diagnostics: debounced per document, and in
 * order: a run publishes only if it is still the latest run for its document and the document
 * is still at the version it analysed, so an older version never overwrites a newer one.
 */
export class Validator {
  /** how to cancel the pending run of each document */
  private readonly pending = new Map<string, () => void>();
  /** each open document's last analysis, so that an edit re-analyses only what it touched */
  private readonly cache = createAnalysisCache();
  private readonly latestRun = new Map<string, number>();
  private readonly results = new Map<string, Analysed>();
  /** how many diagnostics each URI has on the client, for URIs we ever published */
  private readonly published = new Map<string, number>();
  private runs = 0;

  constructor(private readonly deps: ValidatorDeps) {}

  /** A change: analyse once the document has been quiet for the debounce delay. */
  schedule(uri: string): void {
    this.cancelTimer(uri);
    const run = () => void this.validate(uri);

    // With no debounce, a timer would still wait a millisecond or more; an immediate does not.
    if (this.deps.debounceMs === 0) {
      const immediate = setImmediate(run);
      this.pending.set(uri, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(run, this.deps.debounceMs);
      this.pending.set(uri, () => clearTimeout(timer));
    }
  }

  /** Analyse now (open, save, settings change) and publish if still current. */
  async validate(uri: string): Promise<Analysed | undefined> {
    this.cancelTimer(uri);
    const run = ++this.runs;
    this.latestRun.set(uri, run);

    try {
      const document = this.deps.documents.get(uri);
      if (!document) return undefined;

      const analysed = await this.analyse(document);
      const current = this.deps.documents.get(uri);
      if (this.latestRun.get(uri) !== run || current?.version !== analysed.version)
        return undefined;

      this.results.set(uri, analysed);
      this.publishAnalysis(uri, analysed.analysis, { version: analysed.version });
      return analysed;
    } catch (error) {
      this.deps.logger.error(`Validating ${uri} failed: ${describeError(error)}`);
      if (this.latestRun.get(uri) === run) this.publishAnalysis(uri, NOTHING);
      return undefined;
    }
  }

  /** The analysis of a document's current version, from the last run or computed now. */
  async current(document: TextDocument): Promise<Analysed> {
    const cached = this.results.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    return this.analyse(document);
  }

  /** A closed document: drop pending work and clear what it showed. */
  close(uri: string): void {
    this.cancelTimer(uri);
    this.latestRun.set(uri, ++this.runs);
    this.results.delete(uri);
    this.cache.forget(uri);
    if (this.published.has(uri)) this.deps.publish({ uri, diagnostics: [] });
    this.published.delete(uri);
    this.latestRun.delete(uri);
  }

  /** Settings changed: analyse every open document again. */
  revalidateAll(): Promise<unknown> {
    return Promise.all(this.deps.documents.all().map((document) => this.validate(document.uri)));
  }

  /**
   * Publishes one file's diagnostics. A file the engine does not read (or excluded, or with
   * the extension disabled) publishes nothing, except one empty list to clear earlier ones;
   * so does a clean file when `onlyIfAny` is set (the workspace scan).
   */
  publishAnalysis(uri: string, analysis: FileAnalysis, options: PublishOptions = {}): number {
    const diagnostics = toDiagnostics(uri, analysis);
    const before = this.published.get(uri) ?? 0;
    const quiet = analysis.kind === undefined || options.onlyIfAny === true;
    if (quiet && diagnostics.length === 0 && before === 0) return 0;

    this.published.set(uri, diagnostics.length);
    const { version } = options;
    this.deps.publish(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    return diagnostics.length;
  }

  private async analyse(document: TextDocument): Promise<Analysed> {
    const version = document.version;
    const input = documentInput(document);
    const settings = await this.deps.settings.forDocument(document.uri);
    const excluded = isExcluded(this.deps.folders.relativePath(document.uri), settings.exclude);
    const engine = (i: AnalysisInput) => this.cache.analyse(i, document.uri);
    const analysis = analyseFile(input, settings, excluded, this.deps.logger, engine);
    // Finding offsets refer to the text without a byte-order mark, as the engine saw it.
    return { version, text: stripBom(input.text), analysis };
  }

  private cancelTimer(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
  }
}
