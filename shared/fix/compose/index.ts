import { isDindImage } from '../../detect/images';
import { buildFixes, type Candidate } from '../steps';
import type { DraftFix, FixContext } from '../types';
import { composeFinding, type ComposeFinding } from './finding';
import { proxy } from './proxy';
import { removeAtFinding, removeNamedVolume } from './remove';
import { sysbox } from './sysbox';
import { tlsForCertDir, tlsForPort } from './tls-daemon';
import { tlsForClient, tlsInsteadOfSocket } from './tls';
import { rangeOf } from '../yaml/tree';

/**
 * The fixes offered for a Compose finding. A trusted consumer (a socket proxy) gets none: it is
 * the one meant to hold the socket. A mount written in an anchor shared by several services can
 * only be removed; the fixes that change the service around it need it written in the service.
 */
export function composeFixes(ctx: FixContext): DraftFix[] {
  const f = ctx.finding.facts.trusted ? undefined : composeFinding(ctx);
  if (!f) return [];
  return buildFixes(ctx, candidates(f));
}

function candidates(f: ComposeFinding): Candidate[] {
  const { exposure, detail = {} } = f.finding.facts;
  switch (exposure) {
    case 'socket-mount':
    case 'socket-dir-mount':
      return typeof detail.volume === 'string' ? namedVolume(f, detail.volume) : mount(f);
    case 'api-socket-flag':
      return apiSocket(f);
    case 'plaintext-tcp':
    case 'tls-unverified':
      return plaintext(f, detail);
    case 'privileged-dind':
      return [['sysbox', 'Run Docker-in-Docker under Sysbox instead of privileged', sysbox(f)]];
  }
}

function mount(f: ComposeFinding): Candidate[] {
  const what = f.finding.ruleId === 'DSG002' ? 'directory' : 'socket';
  const list: Candidate[] = [
    ['remove', `Remove the ${what} mount`, [removeAtFinding(f, 'volumes')]],
  ];
  if (!ownedByService(f)) return list;

  if (f.finding.ruleId === 'DSG001' && dockerEngine(f)) {
    list.push([
      'tls',
      'Connect to the Docker daemon over TLS instead of the socket',
      tlsInsteadOfSocket(f),
    ]);
  }
  list.push(['proxy', 'Route through a filtering socket proxy', proxy(f)]);
  if (f.service?.image && isDindImage(f.service.image.resolved)) {
    list.push(['sysbox', 'Run its own Docker daemon under Sysbox', sysbox(f)]);
  }
  return list;
}

function apiSocket(f: ComposeFinding): Candidate[] {
  return [
    ['remove', 'Remove use_api_socket', [removeAtFinding(f, 'use_api_socket')]],
    ['tls', 'Connect to the Docker daemon over TLS instead of the socket', tlsInsteadOfSocket(f)],
    ['proxy', 'Route through a filtering socket proxy', proxy(f)],
  ];
}

function namedVolume(f: ComposeFinding, name: string): Candidate[] {
  return [['remove', `Remove volume "${name}" and its mounts`, removeNamedVolume(f, name)]];
}

function plaintext(f: ComposeFinding, detail: Record<string, unknown>): Candidate[] {
  if (detail.variable === 'DOCKER_HOST') {
    const title =
      f.finding.ruleId === 'DSG003'
        ? 'Use TLS: port 2376, DOCKER_TLS_VERIFY=1 and client certificates'
        : 'Verify TLS: DOCKER_TLS_VERIFY=1 and client certificates';
    return [['tls', title, tlsForClient(f)]];
  }
  if (detail.variable === 'DOCKER_TLS_CERTDIR') {
    return [['tls', 'Turn TLS on and share the client certificates', tlsForCertDir(f)]];
  }
  if (detail.syntax !== undefined) {
    return [
      ['tls', 'Publish the TLS port 2376 instead of 2375', tlsForPort(f)],
      ['remove', 'Remove the published port', [removeAtFinding(f, 'ports')]],
    ];
  }
  return [];
}

/** The finding's node is written inside its service's own mapping. */
function ownedByService(f: ComposeFinding): boolean {
  const range = rangeOf(f.service?.node);
  const { start, end } = f.finding.span;
  return range !== undefined && range[0] <= start && end <= range[1];
}

function dockerEngine(f: ComposeFinding): boolean {
  const engine = f.finding.facts.engine;
  return engine === undefined || engine === 'docker';
}
