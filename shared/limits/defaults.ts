/**
 * The limits that keep one analysis short whatever the file holds. Every default is stated here
 * once; the settings (`dockerSocketGuard.limits.*`), the CLI flags and the engine options read
 * them from here.
 */
export interface Limits {
  /**
   * Files larger than this many bytes (UTF-8, as the text would be saved) are not analysed.
   * The editor re-analyses as the user types, so the default is far above any configuration file
   * and far below what would stall it.
   */
  maxFileBytes: number;
  /**
   * YAML, JSON and TOML nested deeper than this (block indentation levels plus open brackets)
   * are not analysed. The YAML parser runs out of stack from about 850 open flow sequences on
   * Node's default stack; the default leaves room for callers deep in their own stack.
   */
  maxNesting: number;
  /**
   * Milliseconds one file may take. Analysis is synchronous, so the clock is read between
   * phases (after the pre-checks, before each document of a Kubernetes stream), never inside a
   * parser: a file is stopped at the first check past the limit.
   */
  maxMillisPerFile: number;
}

export type LimitName = keyof Limits;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxFileBytes: 5 * 1024 * 1024,
  maxNesting: 500,
  maxMillisPerFile: 2000,
};

export const LIMIT_NAMES: readonly LimitName[] = ['maxFileBytes', 'maxNesting', 'maxMillisPerFile'];

/** How a user raises each limit: the editor setting and the CLI flag. */
export const LIMIT_CONTROLS: Readonly<Record<LimitName, { setting: string; flag: string }>> = {
  maxFileBytes: { setting: 'dockerSocketGuard.limits.maxFileBytes', flag: '--max-file-bytes' },
  maxNesting: { setting: 'dockerSocketGuard.limits.maxNesting', flag: '--max-nesting' },
  maxMillisPerFile: {
    setting: 'dockerSocketGuard.limits.maxMillisPerFile',
    flag: '--max-millis-per-file',
  },
};

/** A limit is a positive whole number; anything else is not a limit. */
export function isLimitValue(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Fills the limits not given (or given as something other than a positive whole number). */
export function resolveLimits(limits: Partial<Limits> = {}): Limits {
  const resolved = { ...DEFAULT_LIMITS };
  for (const name of LIMIT_NAMES) {
    const value = limits[name];
    if (isLimitValue(value)) resolved[name] = value;
  }
  return resolved;
}
