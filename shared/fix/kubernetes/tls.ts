import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { isDindImage } from '../../detect/images';
import { CLIENT_CERTS, endpointHost, tlsPortChange } from '../endpoint';
import { DAEMON_HOST } from '../holes';
import type { EditStep } from '../steps';
import type { TextEdit } from '../types';
import type { YValue } from '../yaml/insert';
import { replaceInScalar } from '../yaml/scalar';
import { pairOf, pathTo, scalarString } from '../yaml/tree';
import { addToList, named, setEnv, type EnvVars } from './edit';
import { mountersOf, removeVolume } from './remove';
import { containerNamed, containersOf, type ManifestFinding, type ManifestView } from './view';

/**
 * TLS in a pod: the client certificates come from the Secret `docker-client-certs`, mounted
 * read-only at /certs/client, or, when a Docker-in-Docker container of the same pod serves the
 * API, from the emptyDir `docker-certs-client` it writes them into. Clients get DOCKER_HOST on
 * port 2376, DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH.
 */

export const SECRET_VOLUME = 'docker-client-certs';
export const SHARED_VOLUME = 'docker-certs-client';
const VERIFY: EnvVars = [
  ['DOCKER_TLS_VERIFY', '1'],
  ['DOCKER_CERT_PATH', CLIENT_CERTS],
];
const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

type ViewStep = (view: ManifestView) => TextEdit[] | TextEdit | undefined;

function inView(m: ManifestFinding, step: ViewStep): EditStep {
  return (text) => {
    const view = m.view(text);
    return view && step(view);
  };
}

function onContainer(
  m: ManifestFinding,
  name: string,
  edit: (v: ManifestView, c: YAMLMap) => ReturnType<ViewStep>,
): EditStep {
  return inView(m, (view) => {
    const container = containerNamed(view.spec, name);
    return container && edit(view, container);
  });
}

/** A hostPath socket volume becomes the Secret of client certificates, mounted where it was used. */
export function tlsInsteadOfHostPath(m: ManifestFinding, volume: string): EditStep[] {
  const users = mountersOf(m.original, volume);
  const host: EnvVars = [['DOCKER_HOST', `tcp://${DAEMON_HOST.plain}:2376`], ...VERIFY];
  const steps = [...removeVolume(m, volume), inView(m, (view) => secretVolume(view))];
  for (const name of users) {
    steps.push(onContainer(m, name, (view, c) => certsMount(view, c, SECRET_VOLUME, true)));
    steps.push(onContainer(m, name, (view, c) => setEnv(view, c, host)));
  }
  return steps;
}

function secretVolume(view: ManifestView) {
  if (named(pairOf(view.spec, 'volumes')?.value, SECRET_VOLUME)) return [];
  const volume = { name: SECRET_VOLUME, secret: { secretName: SECRET_VOLUME } };
  return addToList(view, view.spec, 'volumes', [volume]);
}

function sharedVolume(view: ManifestView) {
  if (named(pairOf(view.spec, 'volumes')?.value, SHARED_VOLUME)) return [];
  return addToList(view, view.spec, 'volumes', [{ name: SHARED_VOLUME, emptyDir: {} }]);
}

/** Mounts the certificates at /certs/client unless the container mounts something there. */
function certsMount(view: ManifestView, container: YAMLMap, volume: string, readOnly: boolean) {
  const mounts = pairOf(container, 'volumeMounts')?.value;
  const taken = (isSeq(mounts) ? mounts.items : []).some(
    (item) => isMap(item) && scalarString(pairOf(item, 'mountPath')?.value) === CLIENT_CERTS,
  );
  if (taken) return [];
  const mount: YValue = readOnly
    ? { name: volume, mountPath: CLIENT_CERTS, readOnly: true }
    : { name: volume, mountPath: CLIENT_CERTS };
  return addToList(view, container, 'volumeMounts', [mount]);
}

/** DSG003/DSG004 on DOCKER_HOST in `env`: port 2376, verification and certificates. */
export function tlsForClient(m: ManifestFinding, containerName: string): EditStep[] | undefined {
  const value = valueAt(m.original, m.ctx.finding.span.start);
  if (!value) return undefined;
  const change = m.ctx.finding.ruleId === 'DSG003' ? tlsPortChange(String(value.value)) : undefined;
  if (m.ctx.finding.ruleId === 'DSG003' && !change) return undefined;

  const dind = LOCAL.has(endpointHost(String(value.value)) ?? '') ? dindOf(m.original) : undefined;
  const { start } = m.ctx.finding.span;
  const steps: EditStep[] = [
    (text) => {
      const view = m.view(text);
      const node = view && valueAt(view, start);
      if (!view || !node || !change) return [];
      return replaceInScalar(node, text, change.from, change.to, change.replacement);
    },
    onContainer(m, containerName, (view, c) => setEnv(view, c, VERIFY)),
  ];
  if (dind) steps.push(...shareCerts(m, dind, [containerName]));
  else {
    steps.push(inView(m, secretVolume));
    steps.push(onContainer(m, containerName, (v, c) => certsMount(v, c, SECRET_VOLUME, true)));
  }
  return steps;
}

/** The scalar at an offset (the finding's value). */
function valueAt(view: ManifestView, offset: number): Scalar | undefined {
  const path = pathTo(view.document, offset, offset);
  const node = path[path.length - 1]?.node;
  return isScalar(node) ? node : undefined;
}

function dindOf(view: ManifestView): string | undefined {
  const container = containersOf(view.spec).find((c) =>
    isDindImage(scalarString(pairOf(c, 'image')?.value) ?? ''),
  );
  return container && scalarString(pairOf(container, 'name')?.value);
}

/** The Docker-in-Docker container writes the client certificates into an emptyDir the clients mount. */
function shareCerts(m: ManifestFinding, dind: string, clients: readonly string[]): EditStep[] {
  return [
    inView(m, sharedVolume),
    onContainer(m, dind, (view, c) => certsMount(view, c, SHARED_VOLUME, false)),
    ...clients.map((name) => onContainer(m, name, (v, c) => certsMount(v, c, SHARED_VOLUME, true))),
  ];
}

/** DSG003 on an empty DOCKER_TLS_CERTDIR of a Docker-in-Docker container. */
export function tlsForCertDir(m: ManifestFinding, dind: string): EditStep[] {
  const clients = containersOf(m.original.spec)
    .filter((c) => LOCAL.has(endpointHost(envValue(c, 'DOCKER_HOST') ?? '') ?? ''))
    .map((c) => scalarString(pairOf(c, 'name')?.value) ?? '')
    .filter((name) => name !== dind && name !== '');
  return [
    onContainer(m, dind, (view, c) => setEnv(view, c, [['DOCKER_TLS_CERTDIR', '/certs']])),
    ...shareCerts(m, dind, clients),
  ];
}

function envValue(container: YAMLMap, name: string): string | undefined {
  const entry = named(pairOf(container, 'env')?.value, name);
  return entry && scalarString(pairOf(entry, 'value')?.value);
}
