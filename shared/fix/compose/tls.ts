import { isScalar, type Node } from 'yaml';
import { isDindImage } from '../../detect/images';
import { readEnvironment, type ComposeService } from '../../families/compose';
import { DAEMON_HOST } from '../holes';
import { CLIENT_CERTS, endpointHost, tlsPortChange } from '../endpoint';
import type { EditStep } from '../steps';
import type { TextEdit } from '../types';
import { replaceInScalar, setScalar } from '../yaml/scalar';
import { addToServiceList, ensureTopLevel, mountsAt } from './edit';
import { setIn, setOnService } from './env';
import { withService, type ComposeFinding } from './finding';
import { removeAtFinding } from './remove';
import { inside, variableAt } from './variables';
import { pathAt, serviceNamed, type ComposeView } from './view';
import { sourceDocument } from '../../model/document';

/**
 * TLS fixes. A socket mount becomes a read-only bind of the client certificates
 * (`./docker-certs:/certs/client:ro`) and the service points DOCKER_HOST at the daemon's TLS
 * port; a DOCKER_HOST on 2375 moves to 2376 and gets DOCKER_TLS_VERIFY=1, DOCKER_CERT_PATH and
 * the certificates; a Docker-in-Docker service with TLS off gets DOCKER_TLS_CERTDIR=/certs and
 * shares its client certificates with its clients through the named volume docker-certs-client.
 */

export const CERTS_BIND = `./docker-certs:${CLIENT_CERTS}:ro`;
export const CERTS_VOLUME = 'docker-certs-client';

const VERIFY: ReadonlyArray<readonly [string, string]> = [
  ['DOCKER_TLS_VERIFY', '1'],
  ['DOCKER_CERT_PATH', CLIENT_CERTS],
];

/** DSG001 (a socket mount or `use_api_socket`): TLS client settings instead of the socket. */
export function tlsInsteadOfSocket(f: ComposeFinding): EditStep[] | undefined {
  const service = f.service;
  if (!service) return undefined;
  const short = f.finding.facts.detail?.syntax === 'short';
  const replaceInPlace = short && !mountsAt(f.original, service, CLIENT_CERTS);
  const first: EditStep = replaceInPlace
    ? (text) => certsInPlace(f, text)
    : removeAtFinding(f, isApiFlag(f) ? 'use_api_socket' : 'volumes');
  const host: ReadonlyArray<readonly [string, string]> = [
    ['DOCKER_HOST', `tcp://${DAEMON_HOST.plain}:2376`],
    ...VERIFY,
  ];
  return [
    first,
    (text) => withService(f, text, (view, s) => setOnService(view, s, host)),
    (text) => withService(f, text, (view, s) => certsMount(view, s, CERTS_BIND)),
  ];
}

function isApiFlag(f: ComposeFinding): boolean {
  return f.finding.facts.exposure === 'api-socket-flag';
}

function certsInPlace(f: ComposeFinding, text: string): TextEdit | undefined {
  const view = f.view(text);
  const node = view && deepestNode(view, f.finding.span.start, f.finding.span.end);
  return node ? setScalar(node, CERTS_BIND) : undefined;
}

function deepestNode(view: ComposeView, start: number, end: number): Node | undefined {
  const path = pathAt(view, start, end);
  return path[path.length - 1]?.node;
}

/** A mount of the certificates, unless the service already mounts something there. */
function certsMount(view: ComposeView, service: ComposeService, spec: string) {
  if (mountsAt(view, service, CLIENT_CERTS)) return [];
  return addToServiceList(view, service, 'volumes', [spec]);
}

/** DSG003/DSG004 on DOCKER_HOST: the TLS port, verification, certificates for every consumer. */
export function tlsForClient(f: ComposeFinding): EditStep[] | undefined {
  const host = variableAt(f.original, f.finding.span.start, 'DOCKER_HOST');
  if (!host) return undefined;
  const consumers = consumersOf(f);
  const dind = dindNamed(f.original, endpointHost(host.value) ?? '');
  const spec = dind ? `${CERTS_VOLUME}:${CLIENT_CERTS}:ro` : CERTS_BIND;

  const steps: EditStep[] = [(text) => clientSettings(f, text, consumers)];
  if (dind) steps.push(...shareCerts(f, dind.name));
  for (const name of consumers) {
    steps.push((text) => {
      const view = f.view(text);
      const service = view && serviceNamed(view, name);
      return view && service ? certsMount(view, service, spec) : undefined;
    });
  }
  return steps;
}

function consumersOf(f: ComposeFinding): string[] {
  const detail = f.finding.facts.detail ?? {};
  const listed = typeof detail.services === 'string' ? detail.services.split(',') : [];
  const own = typeof detail.service === 'string' ? [detail.service] : [];
  return [...new Set([...own, ...listed])];
}

/** Port, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH beside DOCKER_HOST, and overriding verifies. */
function clientSettings(f: ComposeFinding, text: string, consumers: readonly string[]) {
  const view = f.view(text);
  const host = view && variableAt(view, f.finding.span.start, 'DOCKER_HOST');
  if (!view || !host) return undefined;

  const edits: TextEdit[] = [];
  const change = f.finding.ruleId === 'DSG003' ? tlsPortChange(host.value) : undefined;
  if (f.finding.ruleId === 'DSG003' && !change) return undefined;
  if (change) {
    const at = host.valueFrom;
    const { from, to, replacement } = change;
    const edit = host.node && replaceInScalar(host.node, text, at + from, at + to, replacement);
    if (!edit) return undefined;
    edits.push(edit);
  }
  const beside = setIn(view, host.collection, VERIFY);
  if (!beside) return undefined;
  edits.push(...beside, ...overridingVerifies(view, host.collection, consumers));
  return edits;
}

/** A consumer's own DOCKER_TLS_VERIFY elsewhere (it wins over the one set beside DOCKER_HOST). */
function overridingVerifies(view: ComposeView, collection: Node, consumers: readonly string[]) {
  const edits = new Map<number, TextEdit>();
  for (const name of consumers) {
    const service = serviceNamed(view, name);
    const env = service && readEnvironment(service, view.file, sourceDocument('', view.yaml.text));
    const verify = env?.get('DOCKER_TLS_VERIFY');
    if (!verify || inside(verify.node, collection)) continue;
    const value = verify.form === 'list' ? 'DOCKER_TLS_VERIFY=1' : '1';
    const edit = setScalar(verify.node, value);
    if (edit) edits.set(edit.start, edit);
  }
  return [...edits.values()];
}

/** The Docker-in-Docker service a client names by host (service name, hostname, container_name). */
export function dindNamed(view: ComposeView, host: string): ComposeService | undefined {
  return view.file.services.find((service) => {
    if (!service.image || !isDindImage(service.image.resolved)) return false;
    const names = [
      service.name,
      ...['hostname', 'container_name'].map((key) => scalarOf(service, key)),
    ];
    return names.some((name) => name?.toLowerCase() === host);
  });
}

function scalarOf(service: ComposeService, key: string): string | undefined {
  const value = service.get(key)?.value;
  return isScalar(value) && value.value !== null ? String(value.value) : undefined;
}

/** The Docker-in-Docker service writes its client certificates into the shared volume. */
export function shareCerts(f: ComposeFinding, dind: string): EditStep[] {
  return [
    (text) => {
      const view = f.view(text);
      const service = view && serviceNamed(view, dind);
      return view && service
        ? certsMount(view, service, `${CERTS_VOLUME}:${CLIENT_CERTS}`)
        : undefined;
    },
    (text) => {
      const view = f.view(text);
      return view && ensureTopLevel(view, 'volumes', CERTS_VOLUME, {});
    },
  ];
}
