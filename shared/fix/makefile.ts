import { tlsPortChange } from './endpoint';
import { shellFixes } from './shell';
import { buildFixes } from './steps';
import { eolOf, lineEndAt, lineText } from './text';
import type { DraftFix, FixContext } from './types';

/**
 * Makefiles: the recipes' findings go to the shell fixes; an exported DOCKER_HOST on 2375 moves
 * to 2376 and DOCKER_TLS_VERIFY is exported after it with the same assignment operator.
 */
export function makefileFixes(ctx: FixContext): DraftFix[] {
  const { detail = {}, trusted } = ctx.finding.facts;
  if (typeof detail.wordStart === 'number' || trusted) return shellFixes(ctx);
  if (detail.variable !== 'DOCKER_HOST' || ctx.finding.ruleId !== 'DSG003') return [];

  const { start, end } = ctx.finding.span;
  const change = tlsPortChange(ctx.text.slice(start, end));
  const line = lineText(ctx.text, start);
  const assignment = /^(\s*)export\s+DOCKER_HOST\s*([:!?+]*=)/.exec(line);
  if (!change || !assignment || /\\$/.test(line)) return [];

  const [, indent = '', operator = '='] = assignment;
  const at = lineEndAt(ctx.text, start);
  const verify = `${eolOf(ctx.text)}${indent}export DOCKER_TLS_VERIFY ${operator} 1`;
  const edits = [
    { start: start + change.from, end: start + change.to, newText: change.replacement },
    { start: at, end: at, newText: verify },
  ];
  return buildFixes(ctx, [['tls', 'Use TLS: port 2376 with DOCKER_TLS_VERIFY=1', [() => edits]]]);
}
