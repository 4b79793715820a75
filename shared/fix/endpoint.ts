/**
 * Moving a Docker endpoint to the TLS port: `tcp://docker:2375` becomes `tcp://docker:2376`,
 * `tcp://docker` gets `:2376`, `http://` becomes `tcp://`. The answer is the smallest part of
 * the value to replace, so that a fix touches nothing else of it. A value that names variables
 * (`tcp://${HOST}:${PORT}`) is left alone: what it becomes is not known here.
 */
export interface ValueChange {
  from: number;
  to: number;
  replacement: string;
}

const ENDPOINT = /^(\s*)(tcp|http)(:\/\/)(\[[^\]]*\]|[^/:\s]*)(?::(\d+))?/i;

export function tlsPortChange(value: string): ValueChange | undefined {
  if (value.includes('$')) return undefined;
  const match = ENDPOINT.exec(value);
  if (!match) return undefined;
  const [whole, lead = '', scheme = '', slashes = '', host = '', port] = match;

  if (scheme.toLowerCase() === 'http') {
    return { from: lead.length, to: whole.length, replacement: `tcp${slashes}${host}:2376` };
  }
  if (port === undefined) {
    return { from: whole.length, to: whole.length, replacement: ':2376' };
  }
  if (port === '2376') return undefined;
  return { from: whole.length - port.length, to: whole.length, replacement: '2376' };
}

/** The host of an endpoint (`docker` of `tcp://docker:2375`), lower case. */
export function endpointHost(value: string): string | undefined {
  return ENDPOINT.exec(value)?.[4]?.toLowerCase();
}

/** Where client certificates are mounted in a container: the Docker-in-Docker convention. */
export const CLIENT_CERTS = '/certs/client';
