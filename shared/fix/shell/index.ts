import { continues, yamlLineFree } from '../suppress';
import { buildFixes, type Candidate, type EditStep } from '../steps';
import type { DraftFix, FixContext } from '../types';
import { tokenize } from '../../families/shell/tokenize';
import { commandLineStart } from './args';
import {
  contextForHost,
  contextForMount,
  removeFlag,
  sysboxFlag,
  tlsCertDir,
  tlsClient,
  tlsDaemon,
  tlsInsteadOfMount,
  tlsPublish,
} from './fixes';
import { argRegion, hostOf, type ArgRegion, type Host } from './where';

/**
 * Fixes for findings of the shell analysis, wherever the script is written: shell scripts,
 * Makefile recipes, Dockerfile instructions, CI scripts, systemd units and defaults files. Each
 * works on the words the analysis recorded (`detail.wordStart`..`wordEnd`); a finding without
 * them (a Make variable, an expansion) gets none.
 */
export function shellFixes(ctx: FixContext): DraftFix[] {
  const at = ctx.finding.facts.trusted ? undefined : argRegion(ctx);
  const host = at && hostOf(ctx, at.start, at.end);
  if (!at || !host) return [];
  return buildFixes(ctx, candidates(ctx, at, host));
}

function candidates(ctx: FixContext, at: ArgRegion, host: Host): Candidate[] {
  const { exposure, detail = {}, engine } = ctx.finding.facts;
  const raw = host === 'raw';
  const notJson = host !== 'json';
  switch (exposure) {
    case 'socket-mount':
    case 'socket-dir-mount': {
      const dockerSocket = ctx.finding.ruleId === 'DSG001' && (engine ?? 'docker') === 'docker';
      return [
        ['remove', 'Remove the mount', notJson ? [removeFlag(ctx, at)] : undefined],
        [
          'tls',
          'Connect to the Docker daemon over TLS instead of the socket',
          raw && dockerSocket ? [tlsInsteadOfMount(at)] : undefined,
        ],
        [
          'context',
          'Run docker against a Docker context instead',
          raw && commentFits(ctx, at) ? optional(contextForMount(ctx, at)) : undefined,
        ],
      ];
    }
    case 'api-socket-flag':
      return [
        ['remove', `Remove ${at.flag ?? 'the flag'}`, notJson ? [removeFlag(ctx, at)] : undefined],
      ];
    case 'privileged-dind':
      return [
        ['sysbox', 'Run Docker-in-Docker under Sysbox instead of privileged', [sysboxFlag(at)]],
      ];
    case 'plaintext-tcp':
    case 'tls-unverified':
      return endpointFixes(ctx, at, host, detail);
  }
}

function endpointFixes(
  ctx: FixContext,
  at: ArgRegion,
  host: Host,
  detail: Record<string, unknown>,
): Candidate[] {
  const command = String(detail.command ?? '');
  if (command === 'dockerd' || command === 'docker daemon') {
    return [
      ['tls', 'Serve TLS with client verification (--tlsverify)', [tlsDaemon(ctx, at, host)]],
    ];
  }
  if (detail.flag === '-p' || detail.flag === '--publish') {
    return [['tls', 'Publish the TLS port 2376 instead of 2375', [tlsPublish(ctx)]]];
  }
  if (detail.variable === 'DOCKER_TLS_CERTDIR') {
    return [['tls', 'Turn TLS on: DOCKER_TLS_CERTDIR=/certs', [tlsCertDir(ctx, at)]]];
  }
  if (host !== 'raw') return [];
  const title =
    ctx.finding.ruleId === 'DSG003' ? 'Use TLS: port 2376 with verification' : 'Verify TLS';
  const list: Candidate[] = [['tls', title, [tlsClient(ctx, at)]]];
  const context = detail.flag !== '-e' && detail.flag !== '--env' && commentFits(ctx, at);
  if (context)
    list.push([
      'context',
      'Use a Docker context instead of a TCP address',
      [contextForHost(ctx, at)],
    ]);
  return list;
}

function optional(step: EditStep | undefined): EditStep[] | undefined {
  return step ? [step] : undefined;
}

/** A comment line can go above the command without changing what the file says. */
function commentFits(ctx: FixContext, at: ArgRegion): boolean {
  const start = commandLineStart(ctx.text, at.start);
  if (ctx.kind === 'github-actions' || ctx.kind === 'gitlab-ci')
    return yamlLineFree(ctx.text, start);
  if (ctx.kind === 'shell') {
    return (
      !continues(ctx.text, start) &&
      !tokenize(ctx.text).lists.some((tokens) =>
        tokens.some((t) => t.type === 'word' && t.word.start < start && start < t.word.end),
      )
    );
  }
  return ctx.kind === 'makefile' || ctx.kind === 'dockerfile';
}
