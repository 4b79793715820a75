import type { Node } from 'jsonc-parser';
import { buildFixes } from '../steps';
import { eolOf } from '../text';
import type { DraftFix, FixContext, TextEdit } from '../types';
import { addChildren, end, inline, jsonTree, valueOf } from './edit';

/**
 * daemon.json: the daemon's TCP addresses on 2375 move to 2376 and it verifies clients:
 * `"tlsverify": true` with the CA, certificate and key it lacks (paths under /etc/docker, where
 * the certificates are to be put). One fix clears every finding of the file.
 */
export function daemonJsonFixes(ctx: FixContext): DraftFix[] {
  const title = 'Serve TLS on 2376 with client verification (tlsverify)';
  return buildFixes(ctx, [['tls', title, [(text) => daemonTls(text)]]]);
}

const CERTS: Readonly<Record<string, string>> = {
  tlscacert: '/etc/docker/ca.pem',
  tlscert: '/etc/docker/server-cert.pem',
  tlskey: '/etc/docker/server-key.pem',
};

function daemonTls(text: string): TextEdit[] | undefined {
  const root = jsonTree(text);
  if (root?.type !== 'object') return undefined;
  const edits: TextEdit[] = hostEdits(valueOf(root, 'hosts'));

  const added: string[] = [];
  const verify = valueOf(root, 'tlsverify');
  if (verify) edits.push({ start: verify.offset, end: end(verify), newText: 'true' });
  else added.push('"tlsverify": true');
  for (const [key, path] of Object.entries(CERTS)) {
    if (!valueOf(root, key)) added.push(`${JSON.stringify(key)}: ${inline(path)}`);
  }
  if (added.length > 0) edits.push(addChildren(text, root, added, eolOf(text)));
  return edits;
}

/** `tcp://0.0.0.0:2375`, `0.0.0.0:2375`, `:2375` → port 2376. */
function hostEdits(hosts: Node | undefined): TextEdit[] {
  const nodes = hosts?.type === 'string' ? [hosts] : (hosts?.children ?? []);
  return nodes.flatMap((node) => {
    const value = typeof node.value === 'string' ? node.value : '';
    const tcp = /^tcp:\/\//i.test(value) || !/^[a-z][a-z0-9+.-]*:\/\/|^\//i.test(value);
    if (!tcp || !/:2375$/.test(value)) return [];
    return [
      {
        start: node.offset,
        end: end(node),
        newText: JSON.stringify(value.replace(/2375$/, '2376')),
      },
    ];
  });
}
