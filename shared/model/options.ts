import { DEFAULT_TRUSTED_IMAGES } from '../detect/images';
import { resolveLimits, type Limits } from '../limits/defaults';
import type { Variables } from '../paths/normalise';

/** What the engine is told besides the text; every field is optional and defaults below. */
export interface EngineOptions {
  /** variables for `${VAR}` in paths, e.g. from a `.env` file beside a Compose file */
  variables?: Variables;
  /** more socket files to treat as engine sockets (after the built-in list) */
  extraSocketPaths?: readonly string[];
  /** more host directories to treat as holding an engine socket */
  extraSocketDirs?: readonly string[];
  /** images trusted to consume the socket (filtering proxies): their findings become information */
  trustedImages?: readonly string[];
  /**
   * Limits on one file (see limits/defaults.ts for each default). A value that is not a positive
   * whole number keeps the default.
   */
  limits?: Partial<Limits>;
  /**
   * The clock the time limit reads, in milliseconds; any monotonic origin. Defaults to
   * `performance.now`. Injected by tests, so that the engine never needs to sleep or touch the
   * process.
   */
  now?: () => number;
}

export interface ResolvedOptions {
  variables: Variables;
  extraSocketPaths: readonly string[];
  extraSocketDirs: readonly string[];
  trustedImages: readonly string[];
  limits: Limits;
  now: () => number;
  /** the clock reading past which the analysis stops at its next check; set by `analyse()` */
  deadline?: number;
}

export function resolveOptions(options: EngineOptions = {}): ResolvedOptions {
  return {
    variables: options.variables ?? {},
    extraSocketPaths: options.extraSocketPaths ?? [],
    extraSocketDirs: options.extraSocketDirs ?? [],
    trustedImages: options.trustedImages ?? DEFAULT_TRUSTED_IMAGES,
    limits: resolveLimits(options.limits),
    now: options.now ?? (() => performance.now()),
  };
}
