import type { Node } from 'jsonc-parser';
import { sourceDocument, type FamilyResult, type SourceDocument } from '../../model/document';
import type { Finding, Owner } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { isTrustedImage } from '../../detect/images';
import { stripBom } from '../../text/lines';
import { analyseContainerFlags, type Word } from '../shell/embed';
import { analyseDind, analyseEnv, analyseFeatures, type Container } from './checks';
import {
  innerSpan,
  parseJsonc,
  propertyValue,
  stringElements,
  stringOffsets,
  stringValue,
  type JsonTree,
} from './json';
import { rewriteDevcontainerPath } from './mounts';
import { mountFindings } from './report';

/**
 * Dev container configuration (`devcontainer.json`, `.devcontainer.json`): mounts, `runArgs`,
 * the Docker features, `privileged` and the Docker client environment. A referenced Compose file
 * is analysed as a Compose file by the caller (see `composeFilesOf`).
 */
export function analyseDevcontainer(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  const { root, notices } = parseJsonc(doc, 'This dev container configuration');
  if (root?.type !== 'object') return { findings: [], notices };

  const container = readContainer(doc, root, options);
  const findings: Finding[] = [
    ...mountFindings(doc, container, options),
    ...runArgFindings(doc, root, container, options),
    ...analyseFeatures(doc, container),
    ...analyseDind(doc, container),
    ...analyseEnv(doc, container),
  ];
  return { findings, notices };
}

/** `runArgs` are `docker run` flags; the image tells whether `--privileged` runs dind. */
function runArgFindings(
  doc: SourceDocument,
  root: Node,
  container: Container,
  options: ResolvedOptions,
): Finding[] {
  const imageNode = propertyValue(root, 'image');
  const imageSpan = imageNode ? innerSpan(doc, imageNode) : undefined;
  return analyseContainerFlags(doc, container.runArgs, options, {
    owner: container.owner,
    variables: options.variables,
    image: container.image,
    imageSpan,
  });
}

function readContainer(doc: SourceDocument, root: Node, options: ResolvedOptions): Container {
  const image = stringValue(propertyValue(root, 'image'));
  const owner: Owner = {
    kind: 'devcontainer',
    name: stringValue(propertyValue(root, 'name')) ?? baseName(doc.fileName),
  };
  return {
    root,
    owner,
    image,
    trusted: isTrustedImage(image, options.trustedImages),
    runArgs: stringElements(propertyValue(root, 'runArgs')).map((node) => argWord(doc, node)),
  };
}

/**
 * One word per `runArgs` element, spanning the text inside its quotes. Dev container variables
 * (`${localEnv:HOME}`) are rewritten into the shell spelling the path checks read; each value
 * character keeps the offset of the text it came from.
 */
function argWord(doc: SourceDocument, node: Node): Word & { offsetOf?(index: number): number } {
  const offsets = stringOffsets(doc.text, node);
  const { value, sources } = rewriteDevcontainerPath(stringValue(node) ?? '');
  const start = offsets?.[0] ?? node.offset + 1;
  const end = offsets?.[offsets.length - 1] ?? node.offset + node.length - 1;
  if (!offsets) return { value, start, end };
  return { value, start, end, offsetOf: (index) => offsets[sources[index] ?? -1] ?? end };
}

function baseName(fileName: string): string {
  const path = fileName.replace(/\\/g, '/');
  return path.slice(path.lastIndexOf('/') + 1) || 'devcontainer.json';
}

/**
 * The Compose files a dev container configuration names in `dockerComposeFile`, as written
 * (relative to the configuration's folder), for the caller to analyse as Compose files.
 */
export function composeFilesOf(text: string): string[] {
  // Most dev containers name none: no parse for them.
  if (!text.includes('dockerComposeFile')) return [];
  const tree: JsonTree = parseJsonc(sourceDocument('', stripBom(text)), 'devcontainer.json');
  const value = propertyValue(tree.root, 'dockerComposeFile');
  const single = stringValue(value);
  if (single !== undefined) return single.trim() === '' ? [] : [single];
  return stringElements(value)
    .map((node) => stringValue(node) ?? '')
    .filter((path) => path.trim() !== '');
}
