/** Reading the less regular fields of `docker inspect` output. Pure. */

export type Json = Record<string, unknown>;

/**
 * Splits a `HostConfig.Binds` entry, `source:target[:options]`, where either side may be a
 * Windows path with a drive letter (`C:\Users\me:C:\data`) or a named pipe
 * (`\\.\pipe\docker_engine:\\.\pipe\docker_engine`). Returns undefined for a malformed entry.
 */
export function splitBind(
  bind: string,
): { source: string; target: string; readOnly: boolean } | undefined {
  const part = String.raw`((?:[A-Za-z]:(?=[\\/]))?[^:]*)`;
  const match = new RegExp(`^${part}:${part}(?::([^:]*))?$`).exec(bind);
  if (!match || match[1] === '' || match[2] === '') return undefined;

  const options = (match[3] ?? '').split(',');
  return { source: match[1] ?? '', target: match[2] ?? '', readOnly: options.includes('ro') };
}

interface Binding {
  HostIp?: unknown;
  HostPort?: unknown;
}

/**
 * Whether a container port is published: `NetworkSettings.Ports` (what the engine bound, for a
 * running container) or else `HostConfig.PortBindings` (what was asked). A key with `null` or
 * no bindings is exposed but not published. Returns a `docker ps` style label and the endpoint.
 */
export function publishedPorts(
  entry: Json,
  key: string,
): { label: string; endpoint: string } | undefined {
  const bindings =
    bindingsOf(entry.NetworkSettings, 'Ports', key) ??
    bindingsOf(entry.HostConfig, 'PortBindings', key);
  const first = bindings?.[0];
  if (first === undefined) return undefined;

  const hostIp = typeof first.HostIp === 'string' && first.HostIp !== '' ? first.HostIp : '0.0.0.0';
  const hostPort = typeof first.HostPort === 'string' ? first.HostPort : '';
  const host = hostIp.includes(':') ? `[${hostIp}]` : hostIp;
  if (hostPort === '') return { label: key, endpoint: `tcp://${host}` };
  return { label: `${host}:${hostPort}->${key}`, endpoint: `tcp://${host}:${hostPort}` };
}

function bindingsOf(parent: unknown, field: string, key: string): Binding[] | undefined {
  if (typeof parent !== 'object' || parent === null) return undefined;
  const ports = (parent as Json)[field];
  if (typeof ports !== 'object' || ports === null) return undefined;

  const list = (ports as Json)[key];
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.filter((b): b is Binding => typeof b === 'object' && b !== null);
}
