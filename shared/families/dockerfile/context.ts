import type { SourceDocument } from '../../model/document';
import type { Finding, FindingFacts, Owner } from '../../model/finding';
import type { ResolvedOptions } from '../../model/options';
import type { Stage } from './stages';

/** What the checks of one instruction share. */
export interface InstructionContext {
  doc: SourceDocument;
  options: ResolvedOptions;
  stage: Stage;
  /** `Instruction ENV`, `Instruction ONBUILD RUN` */
  owner: Owner;
  /** stage name, instruction keyword and the instruction's zero-based line */
  detail: Record<string, string | number>;
  trusted: boolean;
  /** the Dockerfile's escape character (`\` or a backtick) */
  escape: string;
  /** the stage's shell is a POSIX shell (SHELL may switch to PowerShell or cmd) */
  posixShell: boolean;
  /** CMD words that begin with a flag go to dockerd (a Docker-in-Docker entrypoint) */
  daemonEntrypoint: boolean;
  /** the variables set before this instruction (the engine's, inherited ENV, ENV and ARG) */
  visible: Map<string, string>;
}

export function instructionFacts(
  context: InstructionContext,
  extra: Omit<FindingFacts, 'owner'>,
): FindingFacts {
  return {
    owner: context.owner,
    image: context.stage.image,
    trusted: context.trusted || undefined,
    ...extra,
    detail: { ...context.detail, ...extra.detail },
  };
}

/** Adds the stage and instruction to findings made by the shell analysis. */
export function withInstructionDetail(context: InstructionContext, findings: Finding[]): Finding[] {
  return findings.map((finding) => ({
    ...finding,
    facts: { ...finding.facts, detail: { ...context.detail, ...finding.facts.detail } },
  }));
}
