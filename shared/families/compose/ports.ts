import type { Node } from 'yaml';
import { makeFinding } from '../../model/build';
import { plaintextPortMessage } from '../../model/messages';
import type { Variables } from '../../paths/normalise';
import { interpolate } from '../../paths/normalise';
import { asMap, asSeq, entry, items, scalarText } from './nodes';
import { nodeSpan, serviceFacts, type ComposeContext, type Hit } from './report';
import type { ComposeService } from './services';
import { splitOnColons } from './split';

/**
 * DSG003 for `ports:`: a service that publishes container port 2375, where a Docker daemon
 * serves its API without TLS. Only the container side counts (publishing host port 2375 to a
 * TLS daemon on 2376 is fine), ranges count when they hold 2375, and UDP never does.
 */

export interface PublishedPort {
  /** the port as the message shows it (the short spec, or `published:target`) */
  label: string;
  container: string;
  published: string | undefined;
  hostIp: string | undefined;
  protocol: string;
}

/** Reads `[[IP:]HOST:]CONTAINER[/PROTOCOL]` after resolving variables. */
export function parseShortPort(spec: string, variables: Variables = {}): PublishedPort | undefined {
  const resolved = interpolate(spec.trim(), variables).value;
  const parts = splitOnColons(resolved, { brackets: true });
  if (parts.length > 3) return undefined;

  const last = parts[parts.length - 1] ?? '';
  const protocolMatch = /\/([A-Za-z]+)$/.exec(last);
  const container = protocolMatch ? last.slice(0, protocolMatch.index) : last;
  const protocol = protocolMatch?.[1]?.toLowerCase() ?? 'tcp';
  const published = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  const hostIp = parts.length === 3 ? parts[0] : undefined;
  return { label: spec.trim(), container, published, hostIp, protocol };
}

const PLAINTEXT_PORT = 2375;

/** True when a container port or range (`2375`, `2370-2380`) includes the plaintext port. */
export function includesPlaintextPort(container: string): boolean {
  const match = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(container);
  if (!match) return false;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low <= PLAINTEXT_PORT && PLAINTEXT_PORT <= high;
}

export function checkPorts(ctx: ComposeContext, service: ComposeService): Hit[] {
  const hits: Hit[] = [];

  items(asSeq(service.get('ports')?.value), ctx.file.anchors).forEach((node, index) => {
    if (node === undefined) return;
    const read = asMap(node) ? readLongPort(ctx, node) : readShortPort(ctx, node);
    if (!read || read.port.protocol !== 'tcp') return;
    if (!includesPlaintextPort(read.port.container)) return;

    const { port, spanNode, syntax } = read;
    const facts = {
      ...serviceFacts(ctx, service),
      exposure: 'plaintext-tcp' as const,
      ...endpointOf(port),
      detail: { service: service.name, index, syntax },
    };
    const message = plaintextPortMessage(facts.owner, port.label);
    hits.push({
      finding: makeFinding('DSG003', nodeSpan(ctx.doc, spanNode), message, facts),
      service,
    });
  });
  return hits;
}

interface ReadPort {
  port: PublishedPort;
  spanNode: Node;
  syntax: 'short' | 'long';
}

function readShortPort(ctx: ComposeContext, node: Node): ReadPort | undefined {
  const spec = scalarText(node, ctx.file.text);
  const port = spec === undefined ? undefined : parseShortPort(spec, ctx.options.variables);
  return port && { port, spanNode: node, syntax: 'short' };
}

function readLongPort(ctx: ComposeContext, node: Node): ReadPort | undefined {
  const { anchors, text } = ctx.file;
  const get = (key: string) => entry(asMap(node), key, anchors, text)?.value;

  const targetNode = get('target');
  const written = scalarText(targetNode, text);
  if (!targetNode || written === undefined) return undefined;
  const container = interpolate(written, ctx.options.variables).value;

  const published = scalarText(get('published'), text);
  const protocol = (scalarText(get('protocol'), text) ?? 'tcp').trim().toLowerCase();
  const label = published === undefined ? written : `${published}:${written}`;
  const hostIp = scalarText(get('host_ip'), text);
  return {
    port: { label, container, published, hostIp, protocol },
    spanNode: targetNode,
    syntax: 'long',
  };
}

/** `tcp://IP:PORT` when the host side is one port; nothing for a range or a random port. */
function endpointOf(port: PublishedPort): { endpoint?: string } {
  if (port.published === undefined || !/^\d+$/.test(port.published.trim())) return {};
  const ip = port.hostIp === undefined || port.hostIp === '' ? '0.0.0.0' : port.hostIp;
  return { endpoint: `tcp://${ip}:${port.published.trim()}` };
}
