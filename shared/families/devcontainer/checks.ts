import type { Node } from 'jsonc-parser';
import type { SourceDocument } from '../../model/document';
import type { Finding, FindingFacts, Owner, RelatedLocation } from '../../model/finding';
import { makeFinding } from '../../model/build';
import {
  apiSocketFlagMessage,
  plaintextClientMessage,
  privilegedDindMessage,
  tlsUnverifiedMessage,
} from '../../model/messages';
import { judgeClientEndpoint } from '../../detect/endpoint';
import { isDindImage, isSysboxRuntime } from '../../detect/images';
import type { Word } from '../shell/embed';
import { innerSpan, properties, propertyNode, propertyValue, stringValue } from './json';

/** What the checks of one dev container configuration share. */
export interface Container {
  root: Node;
  owner: Owner;
  image: string | undefined;
  trusted: boolean;
  /** `runArgs`, one word per string element */
  runArgs: Word[];
}

/** The feature that mounts the host's socket (its old name was docker-from-docker). */
const OUTSIDE_FEATURE = /docker-(?:outside-of|from)-docker/i;
const DIND_FEATURE = /docker-in-docker/i;

function facts(container: Container, extra: Omit<FindingFacts, 'owner'>): FindingFacts {
  return {
    owner: container.owner,
    image: container.image,
    trusted: container.trusted || undefined,
    ...extra,
  };
}

/** DSG001 for docker-outside-of-docker, DSG005 for docker-in-docker (unless under Sysbox). */
export function analyseFeatures(doc: SourceDocument, container: Container): Finding[] {
  const findings: Finding[] = [];
  for (const { key } of properties(propertyValue(container.root, 'features'))) {
    const id = String(key.value);
    const span = innerSpan(doc, key);
    if (OUTSIDE_FEATURE.test(id)) {
      const message = apiSocketFlagMessage(container.owner, `the feature ${id}`);
      const detail = { feature: id };
      findings.push(
        makeFinding(
          'DSG001',
          span,
          message,
          facts(container, { exposure: 'api-socket-flag', engine: 'docker', detail }),
        ),
      );
    }
    if (DIND_FEATURE.test(id) && !usesSysbox(container)) {
      const message = privilegedDindMessage(container.owner, id);
      const found = facts(container, { exposure: 'privileged-dind', detail: { feature: id } });
      findings.push(makeFinding('DSG005', span, message, found, privilegedPlaces(doc, container)));
    }
  }
  return findings;
}

/**
 * DSG005 for a Docker-in-Docker image with `"privileged": true`. A `--privileged` in `runArgs`
 * is reported by the container flag analysis, which is given the image.
 */
export function analyseDind(doc: SourceDocument, container: Container): Finding[] {
  const image = container.image;
  const flag = propertyValue(container.root, 'privileged');
  if (image === undefined || !isDindImage(image) || flag?.value !== true) return [];
  if (usesSysbox(container)) return [];

  const imageNode = propertyValue(container.root, 'image');
  const related: RelatedLocation[] = imageNode
    ? [{ span: innerSpan(doc, imageNode), message: `the Docker-in-Docker image ${image}` }]
    : [];
  const message = privilegedDindMessage(container.owner, image);
  const found = facts(container, {
    exposure: 'privileged-dind',
    detail: { setting: 'privileged' },
  });
  return [makeFinding('DSG005', innerSpan(doc, flag), message, found, related)];
}

function usesSysbox(container: Container): boolean {
  return container.runArgs.some((word, i) => {
    const inline = /^--runtime=(.*)$/.exec(word.value);
    if (inline) return isSysboxRuntime(inline[1]);
    return word.value === '--runtime' && isSysboxRuntime(container.runArgs[i + 1]?.value);
  });
}

/** `"privileged": true` and `--privileged` in `runArgs`. */
function privilegedPlaces(doc: SourceDocument, container: Container): RelatedLocation[] {
  const places: RelatedLocation[] = [];
  const flag = propertyValue(container.root, 'privileged');
  if (flag?.value === true)
    places.push({ span: innerSpan(doc, flag), message: 'privileged: true' });
  for (const word of container.runArgs) {
    if (/^--privileged(?:=true)?$/.test(word.value)) {
      places.push({
        span: doc.lines.span(word.start, word.end),
        message: '--privileged in runArgs',
      });
    }
  }
  return places;
}

/** DSG003/DSG004 for DOCKER_HOST in `containerEnv` and `remoteEnv`. */
export function analyseEnv(doc: SourceDocument, container: Container): Finding[] {
  const containerEnv = propertyValue(container.root, 'containerEnv');
  return ['containerEnv', 'remoteEnv'].flatMap((setting) => {
    const env = propertyValue(container.root, setting);
    const hostNode = propertyValue(env, 'DOCKER_HOST');
    const host = stringValue(hostNode);
    if (hostNode === undefined || host === undefined) return [];

    // remoteEnv adds to the container's environment, so its verification setting may live there.
    const verifyProperty =
      propertyNode(env, 'DOCKER_TLS_VERIFY') ?? propertyNode(containerEnv, 'DOCKER_TLS_VERIFY');
    const verifyNode = verifyProperty?.children?.[1];
    const verdict = judgeClientEndpoint(host, scalarText(verifyNode));
    if (verdict === undefined) return [];

    const span = innerSpan(doc, hostNode);
    const detail = { setting };
    if (verdict === 'plaintext') {
      const message = plaintextClientMessage(container.owner, 'DOCKER_HOST', host);
      return [
        makeFinding(
          'DSG003',
          span,
          message,
          facts(container, { exposure: 'plaintext-tcp', endpoint: host, detail }),
        ),
      ];
    }
    const related: RelatedLocation[] = verifyNode
      ? [{ span: innerSpan(doc, verifyNode), message: 'DOCKER_TLS_VERIFY turns verification off' }]
      : [];
    const message = tlsUnverifiedMessage(container.owner, host);
    const found = facts(container, { exposure: 'tls-unverified', endpoint: host, detail });
    return [makeFinding('DSG004', span, message, found, related)];
  });
}

/** A JSON scalar as an environment value: strings as they are, numbers and booleans as text. */
function scalarText(node: Node | undefined): string | undefined {
  if (node === undefined || node.type === 'object' || node.type === 'array') return undefined;
  if (node.type === 'null') return '';
  return String(node.value);
}
