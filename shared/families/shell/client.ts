import { judgeClientEndpoint, parseEndpoint, type ClientVerdict } from '../../detect/endpoint';
import type { FindingFacts, Owner, RelatedLocation } from '../../model/finding';
import { plaintextClientMessage, tlsUnverifiedMessage } from '../../model/messages';
import { spanOf, type Arg } from './args';
import { compact, report, resolve, type Run } from './run';

/** How the client was told to use TLS: `--tls`, `--tlsverify`, or neither. */
export type TlsFlag = 'tls' | 'tlsverify' | undefined;

/** Who the client is and how it was told to use TLS. */
export interface ClientUse {
  owner: Owner;
  /** what points the client: `DOCKER_HOST`, `-H` */
  via: string;
  /** DOCKER_TLS_VERIFY where the client runs */
  tlsVerify: string | undefined;
  tlsFlag?: TlsFlag;
  /** facts shared with the other findings of the owner (image, trust) */
  facts?: Partial<FindingFacts>;
  detail: Record<string, string | number | boolean>;
  related?: RelatedLocation[];
}

/**
 * Judges a client endpoint written at `arg.value.slice(from)` (a DOCKER_HOST value, a `-H`
 * value) and reports plaintext TCP (DSG003) or TLS without verification (DSG004) on the value.
 */
export function reportClientEndpoint(run: Run, arg: Arg, from: number, use: ClientUse): void {
  const written = arg.value.slice(from);
  if (written.trim() === '') return;

  const endpoint = resolve(run, written);
  const verdict = clientVerdict(endpoint, use.tlsVerify, use.tlsFlag);
  if (verdict === undefined) return;

  const plaintext = verdict === 'plaintext';
  const facts = compact({
    exposure: plaintext ? 'plaintext-tcp' : 'tls-unverified',
    owner: use.owner,
    endpoint,
    ...use.facts,
    detail: use.detail,
  } as FindingFacts);
  const message = plaintext
    ? plaintextClientMessage(use.owner, use.via, endpoint)
    : tlsUnverifiedMessage(use.owner, endpoint);
  report(run, plaintext ? 'DSG003' : 'DSG004', spanOf(arg, from), message, facts, use.related);
}

/** `--tlsverify` verifies; `--tls` alone encrypts without checking the daemon. */
function clientVerdict(
  endpoint: string,
  tlsVerify: string | undefined,
  flag: TlsFlag,
): ClientVerdict {
  if (flag === 'tlsverify') return undefined;
  if (flag !== 'tls') return judgeClientEndpoint(endpoint, tlsVerify);

  const scheme = parseEndpoint(endpoint)?.scheme;
  if (scheme === 'http') return 'plaintext';
  return scheme === 'tcp' ? 'tls-unverified' : undefined;
}
