import type { Logger } from './logger';
import type { InitializationOptions } from './protocol';

/** The debounce delay when the client does not set one. */
export const DEFAULT_DEBOUNCE_MS = 150;

export interface StartOptions {
  debounceMs: number;
  settings: unknown;
}

/** Reads `initializationOptions`, logging what cannot be used. */
export function readInitializationOptions(raw: unknown, logger: Logger): StartOptions {
  const options: StartOptions = { debounceMs: DEFAULT_DEBOUNCE_MS, settings: undefined };
  if (raw === undefined || raw === null) return options;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    logger.warn('initializationOptions must be an object; using the defaults');
    return options;
  }

  const record = raw as InitializationOptions;
  const debounce = record.debounceMs;
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0) {
    options.debounceMs = debounce;
  } else if (debounce !== undefined) {
    logger.warn(
      `initializationOptions.debounceMs must be a number >= 0; using ${DEFAULT_DEBOUNCE_MS}`,
    );
  }
  options.settings = record.settings;
  return options;
}
