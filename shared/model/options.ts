import { DEFAULT_TRUSTED_IMAGES } from '../detect/images';
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
}

export interface ResolvedOptions {
  variables: Variables;
  extraSocketPaths: readonly string[];
  extraSocketDirs: readonly string[];
  trustedImages: readonly string[];
}

export function resolveOptions(options: EngineOptions = {}): ResolvedOptions {
  return {
    variables: options.variables ?? {},
    extraSocketPaths: options.extraSocketPaths ?? [],
    extraSocketDirs: options.extraSocketDirs ?? [],
    trustedImages: options.trustedImages ?? DEFAULT_TRUSTED_IMAGES,
  };
}
