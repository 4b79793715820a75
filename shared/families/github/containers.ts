import { isMap, isScalar, type Node } from 'yaml';
import { isDindImage } from '../../detect/images';
import type { Finding, Owner, Span } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import type { Variables } from '../../paths/normalise';
import { analyseContainerFlags, splitWords, type Word } from '../shell/embed';
import type { Settings } from '../yaml-embed/ci-env';
import { volumeFinding } from '../yaml-embed/mounts';
import { readSettings, type OwnerAt } from '../yaml-embed/settings';
import { itemsOf, spanOf, stringOf, textOf, valueOf, type YamlFile } from '../yaml-embed/tree';

/**
 * The job container and the service containers of a GitHub Actions job: their `volumes:`, their
 * `options:` (flags of `docker create`) and their `env:`.
 */

export interface ContainerSpec {
  owner: Owner;
  /** where the container is named: the `container` key or the service's key */
  nameSpan: Span;
  image?: string;
  imageSpan?: Span;
  env: Settings;
  /** the `volumes:`, `ports:` and `options:` nodes */
  volumes?: Node;
  ports?: Node;
  options?: Node;
  detail: Record<string, string>;
}

/** Reads `container:` (an image string or a mapping) or one entry of `services:`. */
export function readContainer(
  file: YamlFile,
  node: Node | undefined,
  where: { owner: Owner; nameSpan: Span; ownerAt: OwnerAt; detail: Record<string, string> },
): ContainerSpec | undefined {
  if (isScalar(node)) {
    const image = stringOf(file, node);
    return { ...where, env: new Map(), image, imageSpan: spanOf(file, node) };
  }
  if (!isMap(node)) return undefined;

  const imageNode = valueOf(file, node, 'image');
  return {
    ...where,
    image: stringOf(file, imageNode),
    imageSpan: imageNode ? spanOf(file, imageNode) : undefined,
    env: readSettings(file, valueOf(file, node, 'env'), where.ownerAt),
    volumes: valueOf(file, node, 'volumes'),
    ports: valueOf(file, node, 'ports'),
    options: valueOf(file, node, 'options'),
  };
}

export function isDindContainer(spec: ContainerSpec): boolean {
  return spec.image !== undefined && isDindImage(spec.image);
}

/** `ports:` entries are `docker create --publish` values; the flag itself is not written. */
function publishWords(file: YamlFile, ports: Node | undefined): Word[] {
  const words: Word[] = [];
  for (const item of itemsOf(file, ports)) {
    const text = textOf(file, item);
    if (!text) continue;
    const at = text.toDocument(0);
    words.push({ value: '--publish', start: at, end: at });
    words.push(...splitWords(text.text, 0, text.toDocument));
  }
  return words;
}

/**
 * DSG001/DSG002 for `volumes:`. The `ports:` and `options:` flags (mounts, published 2375,
 * `-e DOCKER_HOST`, `--privileged` on a Docker-in-Docker image) are read by the shell family's
 * flag reader.
 */
export function analyseContainer(
  file: YamlFile,
  spec: ContainerSpec,
  options: ResolvedOptions,
  variables: Variables,
): Finding[] {
  const findings: Finding[] = [];
  const context = { owner: spec.owner, image: spec.image, detail: spec.detail };
  for (const item of itemsOf(file, spec.volumes)) {
    const text = textOf(file, item);
    const finding = text && volumeFinding(file.doc, text, options, context);
    if (finding) findings.push(finding);
  }

  const text = textOf(file, spec.options);
  const words = [...publishWords(file, spec.ports)];
  if (text) words.push(...splitWords(text.text, 0, text.toDocument));
  if (words.length === 0) return findings;
  const flags = analyseContainerFlags(file.doc, words, options, {
    owner: spec.owner,
    variables,
    image: spec.image,
    imageSpan: spec.imageSpan,
  });
  for (const finding of flags) {
    const facts = { ...finding.facts, detail: { ...finding.facts.detail, ...spec.detail } };
    findings.push({ ...finding, facts });
  }
  return findings;
}
