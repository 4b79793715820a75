import {
  Arg,
  DockerfileParser,
  Env,
  JSONInstruction,
  Onbuild,
  Shell,
  type Dockerfile,
  type Instruction,
} from 'dockerfile-ast';
import type { FamilyResult, SourceDocument } from '../../model/document';
import type { Finding } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import { analyseCommand, instructionMayFire } from './commands';
import type { InstructionContext } from './context';
import './linear-arguments';
import { analyseAssignments, analyseExpose } from './settings';
import { isPosixShell, StageScope } from './scope';
import { readStages } from './stages';

/**
 * Dockerfiles and Containerfiles: DOCKER_HOST in ENV and ARG, Docker-in-Docker with TLS off,
 * `EXPOSE 2375`, and the commands of RUN, CMD and ENTRYPOINT (dockerd flags, `docker run`
 * mounts, through the shell analysis). VOLUME is left alone: it declares a container path and
 * cannot bind a host path, so `VOLUME /var/run/docker.sock` hands over nothing. `every` analyses
 * every instruction, without the pre-test that rules most out (for the tests that prove it).
 */
export function analyseDockerfile(
  doc: SourceDocument,
  options: ResolvedOptions,
  every = false,
): FamilyResult {
  let dockerfile: Dockerfile;
  try {
    dockerfile = DockerfileParser.parse(doc.text);
  } catch {
    const span = doc.lines.span(0, 0);
    const message = 'This Dockerfile could not be parsed; it was not analysed';
    return { findings: [], notices: [{ severity: 'warning', message, span }] };
  }

  const escape = dockerfile.getEscapeCharacter();
  const findings = readStages(doc, dockerfile, escape).flatMap((stage) =>
    analyseStage(new StageScope(doc, options, stage, escape), every),
  );
  return { findings, notices: [] };
}

function analyseStage(scope: StageScope, every: boolean): Finding[] {
  const findings: Finding[] = [];
  const instructions = scope.stage.instructions;
  for (let index = 0; index < instructions.length; index++) {
    const instruction = instructions[index] as Instruction;
    const found = analyseStep(scope, instruction, index, every);
    if (found.length > 0) findings.push(...found);
    scope.passed(instruction);
  }
  return findings;
}

/** What most instructions hold (shared: nothing is ever added to it). */
const NONE: readonly Finding[] = Object.freeze([]);

/** One instruction of a stage: SHELL switches the shell, ONBUILD is read as its trigger. */
function analyseStep(
  scope: StageScope,
  instruction: Instruction,
  index: number,
  every: boolean,
): readonly Finding[] {
  const { doc, options, escape } = scope;
  // getKeyword() is upper case; the class tests come after the cheap string tests
  let keyword = instruction.getKeyword();
  if (keyword === 'SHELL' && instruction instanceof Shell) {
    scope.posixShell = isPosixShell(doc, instruction, escape);
  }
  const trigger =
    keyword === 'ONBUILD' && instruction instanceof Onbuild
      ? instruction.getTriggerInstruction()
      : null;
  if (trigger) keyword = trigger.getKeyword();
  const target = trigger ?? instruction;
  if (!ANALYSED.has(keyword) || !(every || mayFire(doc, options, target, escape))) return NONE;

  const name = trigger ? `ONBUILD ${keyword}` : keyword;
  const line = instruction.getRange().start.line;
  const context: InstructionContext = {
    ...scope.context(index),
    owner: { kind: 'instruction', name },
    detail: { stage: scope.stage.name, instruction: name, line },
  };
  return analyseInstruction(context, target, keyword);
}

/**
 * Whether an instruction can hold a finding, before any context is built for it: ENV and ARG
 * through the names of the variables they check, the others through the text test of
 * `instructionMayFire`. In a Dockerfile that names a socket once, most instructions stop here.
 */
function mayFire(
  doc: SourceDocument,
  options: ResolvedOptions,
  instruction: Instruction,
  escape: string,
): boolean {
  if (!(instruction instanceof Env || instruction instanceof Arg)) {
    return instructionMayFire(doc, options, instruction);
  }
  const range = instruction.getRange();
  const raw = doc.text.slice(doc.lines.offsetAt(range.start), doc.lines.offsetAt(range.end));
  // A name may be spelled in parts: quoted, escaped, or split over continued lines.
  return CHECKED_NAMES.test(raw) || raw.includes(escape) || /["'\\`]/.test(raw);
}

/** The variables analyseAssignments() judges. */
const CHECKED_NAMES = /DOCKER_HOST|DOCKER_TLS_CERTDIR/;

/** The instructions analyseInstruction() reads; the others (COPY, LABEL ...) get no context. */
const ANALYSED = new Set(['ENV', 'ARG', 'EXPOSE', 'RUN', 'CMD', 'ENTRYPOINT']);

function analyseInstruction(
  context: InstructionContext,
  instruction: Instruction,
  keyword: string,
): Finding[] {
  if (instruction instanceof Env || instruction instanceof Arg) {
    return analyseAssignments(context, instruction);
  }
  if (keyword === 'EXPOSE') return analyseExpose(context, instruction);
  if (
    instruction instanceof JSONInstruction &&
    (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT')
  ) {
    return analyseCommand(context, instruction, keyword);
  }
  return [];
}
