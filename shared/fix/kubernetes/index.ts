import { isMap, isScalar, type Node } from 'yaml';
import { buildFixes, type Candidate, type EditStep } from '../steps';
import type { DraftFix, FixContext } from '../types';
import { setScalar } from '../yaml/scalar';
import { documentAt, keyText, pairOf, pathTo, readYaml, scalarString } from '../yaml/tree';
import { removeVolume } from './remove';
import { sysbox } from './sysbox';
import { tlsForCertDir, tlsForClient, tlsInsteadOfHostPath } from './tls';
import { containerAt, manifestFinding, type ManifestFinding } from './view';

/**
 * The fixes offered for a Kubernetes finding: remove and TLS for a hostPath volume of a pod spec
 * (a PersistentVolume needs its source and gets none), TLS for DOCKER_HOST, an empty
 * DOCKER_TLS_CERTDIR and port 2375, Sysbox for privileged Docker-in-Docker. No proxy and no
 * context: a pod reaches a proxy through a Service, which is a deployment decision.
 */
export function kubernetesFixes(ctx: FixContext): DraftFix[] {
  if (ctx.finding.facts.trusted) return [];
  return buildFixes(ctx, candidates(ctx));
}

function candidates(ctx: FixContext): Candidate[] {
  const { exposure, detail = {}, engine } = ctx.finding.facts;
  if (typeof detail.port === 'number') {
    return [['tls', 'Serve the TLS port 2376 instead of 2375', [movePorts(ctx)]]];
  }
  const m = manifestFinding(ctx);
  if (!m) return [];

  if (exposure === 'socket-mount' || exposure === 'socket-dir-mount') {
    const volume = detail.volumeName;
    if (typeof volume !== 'string') return [];
    const list: Candidate[] = [
      ['remove', `Remove volume "${volume}" and its mounts`, removeVolume(m, volume)],
    ];
    if (ctx.finding.ruleId === 'DSG001' && (engine === undefined || engine === 'docker')) {
      const title = 'Connect to the Docker daemon over TLS instead of the socket';
      list.push(['tls', title, tlsInsteadOfHostPath(m, volume)]);
    }
    return list;
  }
  if (exposure === 'privileged-dind') {
    return [['sysbox', 'Run Docker-in-Docker under Sysbox instead of privileged', sysbox(m)]];
  }
  return clientFixes(m);
}

function clientFixes(m: ManifestFinding): Candidate[] {
  const container = containerAt(m.original.spec, m.ctx.finding.span.start);
  const name = container && scalarString(pairOf(container, 'name')?.value);
  const variable = variableAt(m);
  if (!name) return [];
  if (variable === 'DOCKER_HOST') {
    const title =
      m.ctx.finding.ruleId === 'DSG003'
        ? 'Use TLS: port 2376, DOCKER_TLS_VERIFY=1 and client certificates'
        : 'Verify TLS: DOCKER_TLS_VERIFY=1 and client certificates';
    return [['tls', title, tlsForClient(m, name)]];
  }
  if (variable === 'DOCKER_TLS_CERTDIR') {
    return [['tls', 'Turn TLS on and share the client certificates', tlsForCertDir(m, name)]];
  }
  return [];
}

/** The `name` of the env entry the finding is in. */
function variableAt(m: ManifestFinding): string | undefined {
  const { start, end } = m.ctx.finding.span;
  const path = pathTo(m.original.document, start, end);
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = path[depth]?.parent;
    if (isMap(parent) && pairOf(parent, 'name')) return scalarString(pairOf(parent, 'name')?.value);
  }
  return undefined;
}

const PORT_KEYS = new Set(['containerPort', 'hostPort', 'port', 'targetPort']);

/** Port 2375 at the finding, and beside it, becomes 2376. */
function movePorts(ctx: FixContext): EditStep {
  const { start, end } = ctx.finding.span;
  return (text) => {
    const yaml = readYaml(text);
    const document = yaml && documentAt(yaml, start);
    const path = document && pathTo(document, start, end);
    const map = path?.[path.length - 1]?.parent;
    if (!isMap(map)) return undefined;
    return map.items.flatMap((pair) => {
      const value = pair.value as Node | null;
      if (!PORT_KEYS.has(keyText(pair) ?? '') || !isScalar(value)) return [];
      if (String(value.value).trim() !== '2375' || !value.range) return [];
      if (typeof value.value === 'number') {
        return [{ start: value.range[0], end: value.range[1], newText: '2376' }];
      }
      const edit = setScalar(value, '2376');
      return edit ? [edit] : [];
    });
  };
}
