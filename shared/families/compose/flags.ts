import { isDindImage } from '../../detect/images';
import { makeFinding } from '../../model/build';
import { apiSocketFlagMessage, privilegedDindMessage } from '../../model/messages';
import { isTrue } from './nodes';
import { nodeSpan, privilegedRelated, serviceFacts, type ComposeContext, type Hit } from './report';
import type { ComposeService } from './services';

/**
 * Service flags: `use_api_socket: true` (DSG001, Compose mounts the host's socket itself) and
 * `privileged: true` on a Docker-in-Docker image (DSG005). The Sysbox runtime does not make a
 * privileged container any less privileged, so `runtime` is not looked at: a dind service under
 * Sysbox is fine exactly when it drops `privileged`.
 */

export function checkApiSocketFlag(ctx: ComposeContext, service: ComposeService): Hit[] {
  const value = service.get('use_api_socket')?.value;
  if (!value || !isTrue(value)) return [];

  const facts = {
    ...serviceFacts(ctx, service),
    exposure: 'api-socket-flag' as const,
    detail: { service: service.name, flag: 'use_api_socket' },
  };
  const message = apiSocketFlagMessage(facts.owner, 'use_api_socket');
  const related = privilegedRelated(ctx, service);
  return [
    { finding: makeFinding('DSG001', nodeSpan(ctx.doc, value), message, facts, related), service },
  ];
}

export function checkPrivilegedDind(ctx: ComposeContext, service: ComposeService): Hit[] {
  const { privileged, image } = service;
  if (!privileged || !image || !isDindImage(image.resolved)) return [];

  const facts = {
    ...serviceFacts(ctx, service),
    exposure: 'privileged-dind' as const,
    detail: { service: service.name },
  };
  const message = privilegedDindMessage(facts.owner, image.resolved);
  const related = [{ span: nodeSpan(ctx.doc, image.node), message: `Image ${image.resolved}` }];
  const finding = makeFinding('DSG005', nodeSpan(ctx.doc, privileged), message, facts, related);
  return [{ finding, service }];
}
