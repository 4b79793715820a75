import { judgeClientEndpoint, parseEndpoint } from '../../detect/endpoint';
import { isDindImage, isTrustedImage } from '../../detect/images';
import { makeFinding } from '../../model/build';
import type { RelatedLocation } from '../../model/finding';
import {
  dindTlsOffMessage,
  plaintextClientMessage,
  tlsUnverifiedMessage,
} from '../../model/messages';
import type { EnvironmentVariable } from './environment';
import { scalarText } from './nodes';
import { nodeSpan, serviceFacts, type ComposeContext, type Hit } from './report';
import type { ComposeService } from './services';

/**
 * DSG003 and DSG004 from a service's environment: a client pointed at the daemon over TCP
 * (DOCKER_HOST, judged with the DOCKER_TLS_VERIFY of the same service), and a Docker-in-Docker
 * service whose daemon has TLS turned off (DOCKER_TLS_CERTDIR empty).
 */

type Environment = ReadonlyMap<string, EnvironmentVariable>;

export function checkDockerHost(
  ctx: ComposeContext,
  service: ComposeService,
  env: Environment,
): Hit[] {
  const host = env.get('DOCKER_HOST');
  if (!host) return [];
  const verify = env.get('DOCKER_TLS_VERIFY');
  const verdict = judgeClientEndpoint(host.resolved, verify?.resolved);
  if (!verdict) return [];

  const proxy = trustedProxy(ctx, host.resolved);
  const facts = {
    ...serviceFacts(ctx, service),
    exposure: verdict === 'plaintext' ? ('plaintext-tcp' as const) : ('tls-unverified' as const),
    endpoint: host.resolved.trim(),
    detail: detail(service, host),
  };
  const related: RelatedLocation[] = [];
  if (proxy) {
    facts.trusted = true;
    facts.detail.proxy = proxy.name;
    const message = `Service "${proxy.name}" is a trusted socket proxy`;
    related.push({ span: nodeSpan(ctx.doc, proxy.keyNode), message });
  }

  let message: string;
  if (verdict === 'plaintext') {
    message = plaintextClientMessage(facts.owner, 'DOCKER_HOST', facts.endpoint);
  } else {
    message = tlsUnverifiedMessage(facts.owner, facts.endpoint);
    if (verify) related.push({ span: verify.entrySpan, message: 'DOCKER_TLS_VERIFY is off here' });
  }
  if (proxy) message += `, through the socket proxy "${proxy.name}"`;

  const ruleId = verdict === 'plaintext' ? 'DSG003' : 'DSG004';
  return [{ finding: makeFinding(ruleId, host.valueSpan, message, facts, related), service }];
}

/**
 * The service DOCKER_HOST names by host (its service name, `container_name` or `hostname`),
 * when its image is a trusted socket proxy: the plaintext API there is the proxy's filtered one.
 */
function trustedProxy(ctx: ComposeContext, value: string): ComposeService | undefined {
  const host = parseEndpoint(value)?.host.toLowerCase();
  if (!host) return undefined;

  const { file, options } = ctx;
  return file.services.find((candidate) => {
    const aliases = ['container_name', 'hostname'].map((key) =>
      scalarText(candidate.get(key)?.value, file.text),
    );
    const named = [candidate.name, ...aliases].some((n) => n?.toLowerCase() === host);
    return named && isTrustedImage(candidate.image?.resolved, options.trustedImages);
  });
}

export function checkDindTls(
  ctx: ComposeContext,
  service: ComposeService,
  env: Environment,
): Hit[] {
  const certDir = env.get('DOCKER_TLS_CERTDIR');
  const image = service.image;
  if (!certDir || certDir.resolved !== '' || !image || !isDindImage(image.resolved)) return [];

  const facts = {
    ...serviceFacts(ctx, service),
    exposure: 'plaintext-tcp' as const,
    detail: detail(service, certDir),
  };
  const related = [{ span: nodeSpan(ctx.doc, image.node), message: `Image ${image.resolved}` }];
  const message = dindTlsOffMessage(facts.owner);
  return [{ finding: makeFinding('DSG003', certDir.entrySpan, message, facts, related), service }];
}

function detail(
  service: ComposeService,
  variable: EnvironmentVariable,
): Record<string, string | number | boolean> {
  const detail: Record<string, string | number | boolean> = {
    service: service.name,
    variable: variable.name,
    form: variable.form,
  };
  if (variable.index !== undefined) detail.index = variable.index;
  return detail;
}
