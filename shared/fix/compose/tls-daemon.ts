import { isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { endpointHost } from '../endpoint';
import { readEnvironment } from '../../families/compose';
import { sourceDocument } from '../../model/document';
import type { EditStep } from '../steps';
import type { TextEdit } from '../types';
import { setScalar } from '../yaml/scalar';
import { pathAt, serviceNamed, type ComposeView } from './view';
import { CERTS_VOLUME, shareCerts } from './tls';
import { setIn } from './env';
import { mountsAt, addToServiceList, removeEntry } from './edit';
import { CLIENT_CERTS } from '../endpoint';
import type { ComposeFinding } from './finding';
import { variableAt } from './variables';

/**
 * TLS on the daemon side: a Docker-in-Docker service with DOCKER_TLS_CERTDIR empty gets
 * `/certs` (its entrypoint then creates certificates and serves TLS on 2376) and shares the
 * client certificates with the services that point DOCKER_HOST at it; a published container
 * port 2375 becomes 2376.
 */

export function tlsForCertDir(f: ComposeFinding): EditStep[] | undefined {
  const dind = f.service;
  if (!dind) return undefined;
  const clients = clientsOf(f.original, dind.name);
  const steps: EditStep[] = [
    (text) => {
      const view = f.view(text);
      const at = view && variableAt(view, f.finding.span.start, 'DOCKER_TLS_CERTDIR');
      return view && at
        ? setIn(view, at.collection, [['DOCKER_TLS_CERTDIR', '/certs']])
        : undefined;
    },
    ...shareCerts(f, dind.name),
  ];
  for (const name of clients) {
    steps.push((text) => {
      const view = f.view(text);
      const service = view && serviceNamed(view, name);
      if (!view || !service) return undefined;
      if (mountsAt(view, service, CLIENT_CERTS)) return [];
      return addToServiceList(view, service, 'volumes', [`${CERTS_VOLUME}:${CLIENT_CERTS}:ro`]);
    });
  }
  return steps;
}

/** The services whose DOCKER_HOST names the Docker-in-Docker service. */
function clientsOf(view: ComposeView, dind: string): string[] {
  const service = serviceNamed(view, dind);
  const names = new Set([dind, ...aliases(service)].map((n) => n.toLowerCase()));
  const doc = sourceDocument('', view.yaml.text);
  return view.file.services
    .filter((s) => s.name !== dind)
    .filter((s) => {
      const host = readEnvironment(s, view.file, doc).get('DOCKER_HOST')?.resolved ?? '';
      return names.has(endpointHost(host) ?? '');
    })
    .map((s) => s.name);
}

function aliases(service: ReturnType<typeof serviceNamed>): string[] {
  if (!service) return [];
  return ['hostname', 'container_name'].flatMap((key) => {
    const value = service.get(key)?.value;
    return isScalar(value) && value.value !== null ? [String(value.value)] : [];
  });
}

/** `2375:2375` → `2376:2376`, `target: 2375` → `target: 2376`; a range cannot move. */
export function tlsForPort(f: ComposeFinding): EditStep[] | undefined {
  const step: EditStep = (text) => {
    const view = f.view(text);
    const path = view && pathAt(view, f.finding.span.start, f.finding.span.end);
    const node = path?.[path.length - 1]?.node;
    if (!view || !path || !node || !isScalar(node)) return undefined;
    if (f.finding.facts.detail?.syntax === 'long') return movePortNumber(node);
    const moved = moveShortPort(node);
    // The list already publishes the moved port: the entry goes instead of doubling it.
    if (moved && publishes(path[path.length - 1]?.parent, moved.newText, node)) {
      return removeEntry(view, f.finding.span.start, f.finding.span.end, 'ports');
    }
    return moved;
  };
  return [step, ...(f.finding.facts.detail?.syntax === 'long' ? [publishedStep(f)] : [])];
}

function movePortNumber(node: Node): TextEdit | undefined {
  if (!isScalar(node) || String(node.value).trim() !== '2375') return undefined;
  const range = node.range;
  if (typeof node.value === 'number' && range)
    return { start: range[0], end: range[1], newText: '2376' };
  return setScalar(node, '2376');
}

function publishes(list: unknown, written: string, except: Node): boolean {
  const items = isSeq(list) ? list.items : [];
  const value = (node: unknown) => (isScalar(node) ? String(node.value) : undefined);
  const wanted = value(parseDocument(written).contents);
  return items.some((item) => item !== except && value(item) === wanted);
}

/** `[[IP:]HOST:]CONTAINER[/PROTOCOL]` with the container port, and a host port 2375, moved. */
function moveShortPort(node: Node): TextEdit | undefined {
  if (!isScalar(node)) return undefined;
  const spec = String(node.value ?? '');
  const match = /^(.*?)(?:(\d+):)?2375(\/[A-Za-z]+)?$/.exec(spec);
  if (!match) return undefined;
  const [, lead = '', published, protocol = ''] = match;
  if (published === undefined && /\d$/.test(lead)) return undefined;
  const host = published === undefined ? '' : `${published === '2375' ? '2376' : published}:`;
  const moved = `${lead}${host}2376${protocol}`;
  const range = node.range;
  if (typeof node.value === 'number' && range)
    return { start: range[0], end: range[1], newText: moved };
  return setScalar(node, moved);
}

/** The long syntax's `published: 2375` beside the moved target. */
function publishedStep(f: ComposeFinding): EditStep {
  return (text) => {
    const view = f.view(text);
    const path = view && pathAt(view, f.finding.span.start, f.finding.span.end);
    const mapping = path?.[path.length - 1]?.parent;
    const published = mapping?.items.find(
      (p) =>
        isScalar((p as { key?: unknown }).key) &&
        String((p as { key: { value: unknown } }).key.value) === 'published',
    ) as { value?: Node } | undefined;
    const value = published?.value;
    if (!value || !isScalar(value) || String(value.value).trim() !== '2375') return [];
    return movePortNumber(value);
  };
}
