import type { ConfigurationItem } from 'vscode-languageserver';
import { defaultSettings, readSettings, type Settings } from '../shared/settings';
import { describeError, type Logger } from './logger';
import { SETTINGS_SECTION } from './protocol';

/** Asks the client for configuration sections (`workspace/configuration`). */
export type ConfigurationFetcher = (items: ConfigurationItem[]) => Promise<unknown[]>;

/**
 * The `dockerSocketGuard.*` settings of each document. With a client that answers
 * `workspace/configuration`, they are asked per document (scopeUri) and cached until the
 * configuration changes; otherwise they come from `didChangeConfiguration` or, before any,
 * from `initializationOptions.settings`.
 */
export class SettingsStore {
  private readonly perDocument = new Map<string, Promise<Settings>>();
  private global: Settings;

  constructor(
    private readonly logger: Logger,
    private readonly fetch: ConfigurationFetcher | undefined,
    initial: unknown,
  ) {
    this.global = this.read(initial, 'initialization options');
  }

  forDocument(uri: string): Promise<Settings> {
    if (!this.fetch) return Promise.resolve(this.global);

    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.pull(uri);
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  /** The patterns of the client's `files.exclude` for a folder; none without configuration. */
  async filesExclude(scopeUri: string): Promise<unknown> {
    if (!this.fetch) return undefined;
    try {
      const [files] = await this.fetch([{ scopeUri, section: 'files' }]);
      return (files as { exclude?: unknown } | null | undefined)?.exclude;
    } catch (error) {
      this.logger.warn(`Could not read files.exclude: ${describeError(error)}`);
      return undefined;
    }
  }

  /** `workspace/didChangeConfiguration`: forget cached settings, take pushed ones. */
  changed(pushed: unknown): void {
    this.perDocument.clear();
    if (this.fetch) return;

    const record = pushed as Record<string, unknown> | null | undefined;
    const section = record && typeof record === 'object' ? record[SETTINGS_SECTION] : undefined;
    if (section !== undefined) this.global = this.read(section, 'didChangeConfiguration');
  }

  private async pull(uri: string): Promise<Settings> {
    try {
      const [raw] = await this.fetch!([{ scopeUri: uri, section: SETTINGS_SECTION }]);
      return this.read(raw, uri);
    } catch (error) {
      this.logger.warn(`Could not read settings for ${uri}: ${describeError(error)}`);
      this.perDocument.delete(uri);
      return defaultSettings();
    }
  }

  private read(raw: unknown, origin: string): Settings {
    const { settings, problems } = readSettings(raw);
    for (const problem of problems) {
      const key = problem.key === '' ? SETTINGS_SECTION : `${SETTINGS_SECTION}.${problem.key}`;
      this.logger.warn(`Settings (${origin}): ${key}: ${problem.message}; using the default`);
    }
    return settings;
  }
}
