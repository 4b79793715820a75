import type { Arg, Env, Instruction } from 'dockerfile-ast';
import type { Finding } from '../../model/finding';
import { makeFinding } from '../../model/build';
import {
  dindTlsOffMessage,
  plaintextClientMessage,
  plaintextPortMessage,
  tlsUnverifiedMessage,
} from '../../model/messages';
import { judgeClientEndpoint } from '../../detect/endpoint';
import { interpolate } from '../../paths/normalise';
import { instructionFacts, type InstructionContext } from './context';
import { assignments, lookup, rangeSpan, referencedVariables, type Assignment } from './stages';

/** DSG003/DSG004 for DOCKER_HOST, DSG003 for a Docker-in-Docker image with TLS turned off. */
export function analyseAssignments(context: InstructionContext, instruction: Env | Arg): Finding[] {
  const findings: Finding[] = [];
  const list =
    context.stage.variables().assigned.get(instruction) ?? assignments(context.doc, instruction);
  for (const assignment of list) {
    if (assignment.name === 'DOCKER_HOST') findings.push(...dockerHost(context, assignment));
    if (
      assignment.name === 'DOCKER_TLS_CERTDIR' &&
      assignment.keyword === 'ENV' &&
      assignment.value.trim() === '' &&
      context.stage.dind
    ) {
      findings.push(certDirOff(context, assignment));
    }
  }
  return findings;
}

function dockerHost(context: InstructionContext, host: Assignment): Finding[] {
  const verify = lookup(context.stage, 'DOCKER_TLS_VERIFY');
  const verdict = judgeClientEndpoint(host.value, verify?.value);
  if (verdict === 'plaintext') {
    const message = plaintextClientMessage(context.owner, 'DOCKER_HOST', host.value);
    const facts = instructionFacts(context, { exposure: 'plaintext-tcp', endpoint: host.value });
    return [makeFinding('DSG003', host.valueSpan, message, facts)];
  }
  if (verdict === 'tls-unverified') {
    const message = tlsUnverifiedMessage(context.owner, host.value);
    const facts = instructionFacts(context, { exposure: 'tls-unverified', endpoint: host.value });
    const related = verify
      ? [{ span: verify.valueSpan, message: 'DOCKER_TLS_VERIFY turns verification off' }]
      : [];
    return [makeFinding('DSG004', host.valueSpan, message, facts, related)];
  }
  return [];
}

function certDirOff(context: InstructionContext, certDir: Assignment): Finding {
  const facts = instructionFacts(context, {
    exposure: 'plaintext-tcp',
    // With no certificate folder the Docker-in-Docker entrypoint serves plain TCP on 2375.
    endpoint: 'tcp://0.0.0.0:2375',
  });
  const imageSpan = context.stage.imageSpan;
  const related = imageSpan ? [{ span: imageSpan, message: 'Docker-in-Docker base image' }] : [];
  return makeFinding('DSG003', certDir.valueSpan, dindTlsOffMessage(context.owner), facts, related);
}

const PORT = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/;

/** DSG003 for `EXPOSE 2375`, `2375/tcp` and port ranges that hold 2375. */
export function analyseExpose(context: InstructionContext, instruction: Instruction): Finding[] {
  const findings: Finding[] = [];
  for (const argument of instruction.getArguments()) {
    let written = argument.getValue();
    if (written.includes('$')) {
      written = interpolate(written, referencedVariables(context.visible, written)).value;
    }
    if (!exposesPlaintextPort(written)) continue;

    const port = argument.getValue();
    const facts = instructionFacts(context, { exposure: 'plaintext-tcp', detail: { port } });
    const span = rangeSpan(context.doc, argument.getRange());
    findings.push(makeFinding('DSG003', span, plaintextPortMessage(context.owner, port), facts));
  }
  return findings;
}

function exposesPlaintextPort(word: string): boolean {
  const match = PORT.exec(word.trim());
  if (!match) return false;

  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  const protocol = (match[3] ?? 'tcp').toLowerCase();
  return protocol === 'tcp' && low <= 2375 && 2375 <= high;
}
