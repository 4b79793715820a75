import type { Node } from 'jsonc-parser';
import type { SourceDocument } from '../../model/document';
import type { Finding, Span } from '../../model/finding';
import { makeFinding } from '../../model/build';
import { mountMessage } from '../../model/messages';
import type { ResolvedOptions } from '../../model/options';
import { classifyHostPath } from '../../paths/normalise';
import type { Container } from './checks';
import { innerSpan, propertyValue, stringValue, valuePartSpan } from './json';
import { bindsHostPath, devcontainerPath, parseMountString } from './mounts';

/** A bind mount read from `mounts` or `workspaceMount`, before it is judged. */
interface Mount {
  type: string | undefined;
  source: string;
  sourceSpan: Span;
  target: string | undefined;
  readOnly: boolean;
  setting: string;
}

/** DSG001/DSG002 for `mounts` (strings and objects) and `workspaceMount`. */
export function mountFindings(
  doc: SourceDocument,
  container: Container,
  options: ResolvedOptions,
): Finding[] {
  const mounts: Mount[] = [];
  const list = propertyValue(container.root, 'mounts');
  for (const node of list?.type === 'array' ? (list.children ?? []) : []) {
    const mount = node.type === 'string' ? stringMount(doc, node) : objectMount(doc, node);
    if (mount) mounts.push({ ...mount, setting: 'mounts' });
  }
  const workspace = propertyValue(container.root, 'workspaceMount');
  const workspaceMount = workspace?.type === 'string' ? stringMount(doc, workspace) : undefined;
  if (workspaceMount) mounts.push({ ...workspaceMount, setting: 'workspaceMount' });

  return mounts.flatMap((mount) => judgeMount(container, mount, options));
}

function stringMount(doc: SourceDocument, node: Node): Omit<Mount, 'setting'> | undefined {
  const spec = parseMountString(stringValue(node) ?? '');
  const source = spec.source;
  if (source?.value === undefined || source.value.trim() === '') return undefined;

  const sourceSpan = source.exact
    ? valuePartSpan(doc, node, source.valueStart, source.valueEnd)
    : innerSpan(doc, node);
  return {
    type: spec.type,
    source: source.value,
    sourceSpan,
    target: spec.target,
    readOnly: spec.readOnly,
  };
}

function objectMount(doc: SourceDocument, node: Node): Omit<Mount, 'setting'> | undefined {
  const sourceNode = propertyValue(node, 'source');
  const source = stringValue(sourceNode);
  if (sourceNode === undefined || source === undefined || source.trim() === '') return undefined;

  const readOnly = ['readonly', 'readOnly'].some((key) => propertyValue(node, key)?.value === true);
  return {
    type: stringValue(propertyValue(node, 'type'))?.trim().toLowerCase(),
    source,
    sourceSpan: innerSpan(doc, sourceNode),
    target: stringValue(propertyValue(node, 'target')),
    readOnly,
  };
}

function judgeMount(container: Container, mount: Mount, options: ResolvedOptions): Finding[] {
  if (!bindsHostPath(mount.type, mount.source)) return [];
  const verdict = classifyHostPath(devcontainerPath(mount.source), options);
  if (!verdict) return [];

  const dir = verdict.kind === 'socket-dir';
  const message = mountMessage(container.owner, verdict, mount.source, mount.readOnly);
  return [
    makeFinding(dir ? 'DSG002' : 'DSG001', mount.sourceSpan, message, {
      exposure: dir ? 'socket-dir-mount' : 'socket-mount',
      owner: container.owner,
      hostPath: mount.source,
      normalisedPath: verdict.normalised,
      engine: verdict.engine,
      readOnly: mount.readOnly,
      target: mount.target,
      image: container.image,
      trusted: container.trusted || undefined,
      detail: { setting: mount.setting },
    }),
  ];
}
