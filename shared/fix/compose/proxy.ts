import { isMap, isSeq, isScalar } from 'yaml';
import { isTrustedImage, DEFAULT_TRUSTED_IMAGES } from '../../detect/images';
import type { ComposeService } from '../../families/compose';
import type { EditStep } from '../steps';
import { addPairs, type YValue } from '../yaml/insert';
import { addToServiceList, ensureTopLevel } from './edit';
import { setOnService } from './env';
import { withService, type ComposeFinding } from './finding';
import { removeAtFinding } from './remove';
import { ownPair, renderLike, serviceNamed, servicesMap, type ComposeView } from './view';

/**
 * Routing a consumer through a filtering socket proxy: a `docker-socket-proxy` service
 * (tecnativa/docker-socket-proxy) holds the socket read-only and answers only the API sections
 * enabled in its environment (containers, read-only); it sits on an internal network
 * `docker-api` with no published port. The consumer loses its socket mount, joins that network
 * (keeping `default`) and gets DOCKER_HOST=tcp://docker-socket-proxy:2375. A second consumer
 * reuses the proxy and the network.
 */

export const PROXY_SERVICE = 'docker-socket-proxy';
export const PROXY_IMAGE = 'tecnativa/docker-socket-proxy';
export const PROXY_NETWORK = 'docker-api';
const PROXY_HOST = `tcp://${PROXY_SERVICE}:2375`;

export function proxy(f: ComposeFinding): EditStep[] | undefined {
  const service = f.service;
  if (!service || !usable(f.original, service)) return undefined;
  const socket = socketPath(f);
  if (socket === undefined) return undefined;
  const key = f.finding.facts.exposure === 'api-socket-flag' ? 'use_api_socket' : 'volumes';

  return [
    removeAtFinding(f, key),
    (text) =>
      withService(f, text, (view, s) => setOnService(view, s, [['DOCKER_HOST', PROXY_HOST]])),
    (text) => withService(f, text, joinNetwork),
    (text) => {
      const view = f.view(text);
      return view && addProxyService(view, socket);
    },
    (text) => {
      const view = f.view(text);
      return view && ensureTopLevel(view, 'networks', PROXY_NETWORK, { internal: true });
    },
  ];
}

/** A service on the host's network, or another's, cannot join the proxy's network. */
function usable(view: ComposeView, service: ComposeService): boolean {
  if (service.get('network_mode') !== undefined) return false;
  const existing = serviceNamed(view, PROXY_SERVICE);
  return existing === undefined || isTrustedImage(existing.image?.resolved, DEFAULT_TRUSTED_IMAGES);
}

/**
 * The socket the proxy mounts: the one the finding names (Docker's, or Podman's Docker-compatible
 * API), the usual path for a directory or `use_api_socket`. The proxy speaks the Docker API only,
 * so containerd, CRI-O and Windows pipes get no proxy.
 */
function socketPath(f: ComposeFinding): string | undefined {
  const { hostPath, exposure, engine, normalisedPath } = f.finding.facts;
  if (engine !== undefined && engine !== 'docker' && engine !== 'podman') return undefined;
  if (/pipe/i.test(normalisedPath ?? hostPath ?? '')) return undefined;
  return exposure === 'socket-mount' && hostPath ? hostPath : '/var/run/docker.sock';
}

/** Adds `docker-api` to the service's networks; without any, it keeps `default` too. */
function joinNetwork(view: ComposeView, service: ComposeService): ReturnType<EditStep> {
  const pair = ownPair(service, 'networks');
  const value = pair?.value;
  if (!pair) {
    if (service.get('networks') !== undefined) return undefined;
    return addToServiceList(view, service, 'networks', ['default', PROXY_NETWORK]);
  }
  if (isSeq(value)) {
    const names = value.items.map((item) => (isScalar(item) ? String(item.value) : ''));
    return names.includes(PROXY_NETWORK)
      ? []
      : addToServiceList(view, service, 'networks', [PROXY_NETWORK]);
  }
  if (isMap(value)) {
    const has = value.items.some((p) => isScalar(p.key) && String(p.key.value) === PROXY_NETWORK);
    return has ? [] : addPairs(value, { [PROXY_NETWORK]: {} }, renderLike(view, undefined));
  }
  return undefined;
}

function addProxyService(view: ComposeView, socket: string): ReturnType<EditStep> {
  if (serviceNamed(view, PROXY_SERVICE)) return [];
  const services = servicesMap(view);
  if (!services) return undefined;
  const definition: { [key: string]: YValue } = {
    image: PROXY_IMAGE,
    environment: { CONTAINERS: 1, POST: 0 },
    volumes: [`${socket}:/var/run/docker.sock:ro`],
    networks: [PROXY_NETWORK],
  };
  return addPairs(services, { [PROXY_SERVICE]: definition }, renderLike(view, undefined));
}
