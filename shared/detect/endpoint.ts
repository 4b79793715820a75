/**
 * Reading Docker daemon endpoints: DOCKER_HOST values, `-H` flags, daemon `hosts`.
 * Port 2375 is the conventional plaintext port and 2376 the TLS one.
 */

export interface Endpoint {
  scheme: string;
  host: string;
  /** the port as written, or undefined when none was given */
  port: number | undefined;
}

const ENDPOINT = /^\s*([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/:\s]*)(?::(\d+))?/i;

export function parseEndpoint(value: string): Endpoint | undefined {
  const match = ENDPOINT.exec(value);
  if (!match) return undefined;

  const port = match[3] === undefined ? undefined : Number(match[3]);
  return { scheme: (match[1] ?? '').toLowerCase(), host: match[2] ?? '', port };
}

/** DOCKER_TLS_VERIFY is on for any non-empty value other than 0 (the Docker CLI's reading). */
export function tlsVerifyOn(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0';
}

export type ClientVerdict = 'plaintext' | 'tls-unverified' | undefined;

/**
 * Judges a client pointed at `value` (DOCKER_HOST, `docker -H`). `tlsVerify` is the value of
 * DOCKER_TLS_VERIFY in the same scope (undefined when not set there), `tlsFlag` is true when the
 * client gets `--tlsverify`.
 */
export function judgeClientEndpoint(
  value: string,
  tlsVerify: string | undefined,
  tlsFlag = false,
): ClientVerdict {
  const endpoint = parseEndpoint(value);
  if (!endpoint || (endpoint.scheme !== 'tcp' && endpoint.scheme !== 'http')) return undefined;

  const verified = tlsFlag || tlsVerifyOn(tlsVerify);
  if (endpoint.scheme === 'http') return 'plaintext';
  if (endpoint.port === 2375) return 'plaintext';
  if (endpoint.port === undefined) return verified ? undefined : 'plaintext';
  if (endpoint.port === 2376) {
    const explicitlyOff = tlsVerify !== undefined && !tlsVerifyOn(tlsVerify);
    return explicitlyOff && !tlsFlag ? 'tls-unverified' : undefined;
  }
  return undefined;
}

/** Ports that, published from a container, serve the daemon API in plaintext. */
export function isPlaintextDaemonPort(port: number): boolean {
  return port === 2375;
}
