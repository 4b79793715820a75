import type { Node } from 'jsonc-parser';
import type { FamilyResult, SourceDocument } from '../../model/document';
import type { Finding, RelatedLocation } from '../../model/finding';
import { makeFinding } from '../../model/build';
import { plaintextDaemonMessage, tlsUnverifiedMessage } from '../../model/messages';
import type { ResolvedOptions } from '../../model/options';
import { innerSpan, parseJsonc, propertyValue, stringElements } from '../devcontainer/json';
import { DAEMON_OWNER } from './options';

/**
 * daemon.json: TCP entries of `hosts` without TLS are DSG003 each; `"tls": true` without
 * `"tlsverify": true` while the daemon listens on TCP is DSG004 on the `tls` value.
 */
export function analyseDaemonJson(doc: SourceDocument, _options: ResolvedOptions): FamilyResult {
  const { root, notices } = parseJsonc(doc, 'This daemon.json');
  if (root?.type !== 'object') return { findings: [], notices };

  const tcpHosts = hostNodes(propertyValue(root, 'hosts')).filter((node) =>
    isTcpHost(String(node.value)),
  );
  if (tcpHosts.length === 0) return { findings: [], notices };

  const tls = propertyValue(root, 'tls');
  const verify = propertyValue(root, 'tlsverify');
  if (verify?.value === true) return { findings: [], notices };

  const findings =
    tls?.value === true
      ? [unverified(doc, tls, verify, tcpHosts)]
      : tcpHosts.map((node) => plaintext(doc, node, [tls, verify]));
  return { findings, notices };
}

/** `hosts` as the daemon reads it: a list, or (leniently) one string. */
function hostNodes(hosts: Node | undefined): Node[] {
  if (hosts?.type === 'string') return [hosts];
  return stringElements(hosts);
}

/** dockerd reads an address without a scheme (`0.0.0.0:2375`, `:2375`) as TCP. */
function isTcpHost(value: string): boolean {
  const host = value.trim();
  if (host === '') return false;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(host)?.[1];
  return scheme === undefined ? !host.startsWith('/') : scheme.toLowerCase() === 'tcp';
}

function plaintext(doc: SourceDocument, host: Node, switches: Array<Node | undefined>): Finding {
  const endpoint = String(host.value);
  const related: RelatedLocation[] = [];
  for (const node of switches) {
    if (node?.value === false) {
      const name = node.parent?.children?.[0]?.value;
      related.push({ span: innerSpan(doc, node), message: `${String(name)} is false` });
    }
  }
  return makeFinding(
    'DSG003',
    innerSpan(doc, host),
    plaintextDaemonMessage(DAEMON_OWNER, endpoint),
    { exposure: 'plaintext-tcp', owner: DAEMON_OWNER, endpoint, detail: { setting: 'hosts' } },
    related,
  );
}

function unverified(
  doc: SourceDocument,
  tls: Node,
  verify: Node | undefined,
  hosts: Node[],
): Finding {
  const endpoint = String(hosts[0]?.value ?? '');
  const related: RelatedLocation[] = hosts.map((node) => ({
    span: innerSpan(doc, node),
    message: 'TCP address the daemon listens on',
  }));
  if (verify) related.push({ span: innerSpan(doc, verify), message: 'tlsverify is not true' });
  return makeFinding(
    'DSG004',
    innerSpan(doc, tls),
    tlsUnverifiedMessage(DAEMON_OWNER, endpoint),
    { exposure: 'tls-unverified', owner: DAEMON_OWNER, endpoint, detail: { setting: 'tls' } },
    related,
  );
}
