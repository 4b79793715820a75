import {
  Arg,
  DockerfileParser,
  Entrypoint,
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
import { isTrustedImage } from '../../detect/images';
import { analyseCommand, baseName, commandMayFire, execWords, startsDaemon } from './commands';
import type { InstructionContext } from './context';
import './linear-arguments';
import { instructionScript } from './script';
import { analyseAssignments, analyseExpose } from './settings';
import { inheritedVariables, readStages, type Stage } from './stages';

/**
 * Dockerfiles and Containerfiles: DOCKER_HOST in ENV and ARG, Docker-in-Docker with TLS off,
 * `EXPOSE 2375`, and the commands of RUN, CMD and ENTRYPOINT (dockerd flags, `docker run`
 * mounts, through the shell analysis). VOLUME is left alone: it declares a container path and
 * cannot bind a host path, so `VOLUME /var/run/docker.sock` hands over nothing.
 */
export function analyseDockerfile(doc: SourceDocument, options: ResolvedOptions): FamilyResult {
  let dockerfile: Dockerfile;
  try {
    dockerfile = DockerfileParser.parse(doc.text);
  } catch {
    const span = doc.lines.span(0, 0);
    const message = 'This Dockerfile could not be parsed; it was not analysed';
    return { findings: [], notices: [{ severity: 'warning', message, span }] };
  }

  const escape = dockerfile.getEscapeCharacter();
  const findings = readStages(doc, dockerfile).flatMap((stage) =>
    analyseStage(doc, options, stage, escape),
  );
  return { findings, notices: [] };
}

function analyseStage(
  doc: SourceDocument,
  options: ResolvedOptions,
  stage: Stage,
  escape: string,
): Finding[] {
  const base: Omit<InstructionContext, 'owner' | 'detail'> = {
    doc,
    options,
    stage,
    escape,
    trusted: isTrustedImage(stage.image, options.trustedImages),
    posixShell: true,
    daemonEntrypoint: daemonEntrypoint(doc, stage, escape),
    visible: inheritedVariables(stage, options.variables),
  };

  const findings: Finding[] = [];
  for (const instruction of stage.instructions) {
    if (instruction instanceof Shell) base.posixShell = isPosixShell(doc, instruction, escape);

    const trigger = instruction instanceof Onbuild ? instruction.getTriggerInstruction() : null;
    const target = trigger ?? instruction;
    const keyword = target.getKeyword().toUpperCase();
    if (ANALYSED.has(keyword)) {
      const name = trigger ? `ONBUILD ${keyword}` : keyword;
      const line = instruction.getRange().start.line;
      const context: InstructionContext = {
        ...base,
        owner: { kind: 'instruction', name },
        detail: { stage: stage.name, instruction: name, line },
      };
      findings.push(...analyseInstruction(context, target, keyword));
    }

    for (const a of stage.assigned.get(instruction) ?? []) base.visible.set(a.name, a.value);
  }
  return findings;
}

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
    return commandMayFire(context, instruction)
      ? analyseCommand(context, instruction, keyword)
      : [];
  }
  return [];
}

/** Whether CMD flags reach dockerd: the stage's last ENTRYPOINT starts it, or none and dind. */
function daemonEntrypoint(doc: SourceDocument, stage: Stage, escape: string): boolean {
  const entrypoints = stage.instructions.filter((i) => i instanceof Entrypoint);
  const last = entrypoints[entrypoints.length - 1];
  if (!last) return stage.dind;
  return startsDaemon(wordsOf(doc, last, escape));
}

function isPosixShell(doc: SourceDocument, shell: Shell, escape: string): boolean {
  const first = wordsOf(doc, shell, escape)?.[0];
  return first !== undefined && /^(?:ba|da|a|z|k|mk)?sh$/.test(baseName(first.value));
}

function wordsOf(doc: SourceDocument, instruction: JSONInstruction, escape: string) {
  const range = instruction.getArgumentsRange();
  if (!range) return undefined;
  const start = doc.lines.offsetAt(range.start);
  const end = doc.lines.offsetAt(range.end);
  return execWords(doc, instruction, instructionScript(doc, start, end, escape).text);
}
