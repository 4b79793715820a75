import { DockerfileParser, Env, Arg, type Instruction, type Property } from 'dockerfile-ast';
import { LineIndex } from '../text/lines';
import { CLIENT_CERTS, tlsPortChange } from './endpoint';
import { shellFixes } from './shell';
import { buildFixes, type EditStep } from './steps';
import { eolOf, lineEndAt } from './text';
import type { DraftFix, FixContext, TextEdit } from './types';

/**
 * Dockerfile fixes besides those of its commands (see shell/): DOCKER_HOST in ENV or ARG moves
 * to 2376 and the stage gets DOCKER_TLS_VERIFY=1 (every DOCKER_TLS_VERIFY the stage sets becomes
 * 1, or an `ENV` line after the instruction sets it), an empty DOCKER_TLS_CERTDIR becomes
 * `/certs`, and `EXPOSE 2375` becomes 2376.
 */
export function dockerfileFixes(ctx: FixContext): DraftFix[] {
  const fixes = shellFixes(ctx);
  if (fixes.length > 0 || ctx.finding.facts.trusted) return fixes;
  return buildFixes(ctx, [['tls', titleOf(ctx), settingSteps(ctx)]]);
}

function titleOf(ctx: FixContext): string {
  const { detail = {} } = ctx.finding.facts;
  if (detail.instruction === 'EXPOSE') return 'Expose the TLS port 2376 instead of 2375';
  if (spanText(ctx).includes('2375') || ctx.finding.ruleId === 'DSG004') {
    return ctx.finding.ruleId === 'DSG003'
      ? 'Use TLS: port 2376 with DOCKER_TLS_VERIFY=1'
      : 'Verify TLS: DOCKER_TLS_VERIFY=1';
  }
  return 'Turn TLS on: DOCKER_TLS_CERTDIR=/certs';
}

function spanText(ctx: FixContext): string {
  return ctx.text.slice(ctx.finding.span.start, ctx.finding.span.end);
}

function settingSteps(ctx: FixContext): EditStep[] | undefined {
  const { detail = {}, exposure } = ctx.finding.facts;
  if (detail.instruction === 'EXPOSE') return exposeStep(ctx);
  if (detail.instruction !== 'ENV' && detail.instruction !== 'ARG') return undefined;
  if (exposure !== 'plaintext-tcp' && exposure !== 'tls-unverified') return undefined;
  const instructions = DockerfileParser.parse(ctx.text).getInstructions();
  const index = instructions.findIndex((i) => i.getRange().start.line === detail.line);
  const instruction = instructions[index];
  if (!instruction) return undefined;

  const name = propertyAt(ctx, instruction)?.getName();
  if (name === 'DOCKER_TLS_CERTDIR') return [() => certDir(ctx)];
  if (name !== 'DOCKER_HOST') return undefined;
  return [() => hostAndVerify(ctx, instructions, index)];
}

function properties(instruction: Instruction): Property[] {
  return instruction instanceof Env || instruction instanceof Arg
    ? instruction.getProperties()
    : [];
}

function offsets(ctx: FixContext) {
  const lines = new LineIndex(ctx.text);
  return (range: {
    start: { line: number; character: number };
    end: { line: number; character: number };
  }) => ({
    start: lines.offsetAt(range.start),
    end: lines.offsetAt(range.end),
  });
}

function propertyAt(ctx: FixContext, instruction: Instruction): Property | undefined {
  const at = offsets(ctx);
  return properties(instruction).find((p) => {
    const range = at(p.getRange());
    return range.start <= ctx.finding.span.start && ctx.finding.span.start <= range.end;
  });
}

/** `DOCKER_TLS_CERTDIR=""` → `DOCKER_TLS_CERTDIR="/certs"`, in the value's own quotes. */
function certDir(ctx: FixContext): TextEdit | undefined {
  const { start, end } = ctx.finding.span;
  const written = ctx.text.slice(start, end);
  if (written === '' || written === '""' || written === "''") {
    const quote = written.slice(0, 1);
    return { start, end, newText: `${quote}/certs${quote}` };
  }
  return undefined;
}

/** The port at the finding, and DOCKER_TLS_VERIFY=1 for the stage. */
function hostAndVerify(ctx: FixContext, instructions: Instruction[], index: number) {
  const edits: TextEdit[] = [];
  if (ctx.finding.ruleId === 'DSG003') {
    const change = tlsPortChange(spanText(ctx));
    if (!change) return undefined;
    const at = ctx.finding.span.start;
    edits.push({ start: at + change.from, end: at + change.to, newText: change.replacement });
  }
  const verifies = stageOf(instructions, index)
    .flatMap(properties)
    .filter((p) => p.getName() === 'DOCKER_TLS_VERIFY');
  if (verifies.length > 0) {
    for (const property of verifies) {
      const edit = setValue(ctx, property, '1');
      if (!edit) return undefined;
      edits.push(edit);
    }
    return edits;
  }
  const instruction = instructions[index];
  if (!instruction) return undefined;
  const at = lineEndAt(ctx.text, offsets(ctx)(instruction.getRange()).end);
  const line = `ENV DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=${CLIENT_CERTS}`;
  return [...edits, { start: at, end: at, newText: eolOf(ctx.text) + line }];
}

function setValue(ctx: FixContext, property: Property, value: string): TextEdit | undefined {
  const range = property.getValueRange();
  if (range) {
    const { start, end } = offsets(ctx)(range);
    const written = ctx.text.slice(start, end);
    const quote = /^["']/.test(written) ? written.slice(0, 1) : '';
    return { start, end, newText: `${quote}${value}${quote}` };
  }
  if (property.getAssignmentOperator() !== '=') return undefined;
  const at = offsets(ctx)(property.getAssignmentOperatorRange() ?? property.getRange()).end;
  return { start: at, end: at, newText: value };
}

/** The instructions of the stage holding instruction `index`. */
function stageOf(instructions: Instruction[], index: number): Instruction[] {
  let start = index;
  while (start > 0 && instructions[start]?.getKeyword().toUpperCase() !== 'FROM') start--;
  let end = index + 1;
  while (end < instructions.length && instructions[end]?.getKeyword().toUpperCase() !== 'FROM')
    end++;
  return instructions.slice(start, end);
}

/** `EXPOSE 2375/tcp` → `EXPOSE 2376/tcp`; a range cannot move. */
function exposeStep(ctx: FixContext): EditStep[] | undefined {
  const written = spanText(ctx);
  const match = /^2375(\/tcp)?$/i.exec(written);
  if (!match) return undefined;
  return [
    () => ({
      start: ctx.finding.span.start,
      end: ctx.finding.span.end,
      newText: `2376${match[1] ?? ''}`,
    }),
  ];
}
