import { Entrypoint, type Instruction, type JSONInstruction, type Shell } from 'dockerfile-ast';
import type { SourceDocument } from '../../model/document';
import type { ResolvedOptions } from '../../model/options';
import { isTrustedImage } from '../../detect/images';
import { baseName, execWords, startsDaemon } from './commands';
import type { InstructionContext } from './context';
import { instructionScript } from './script';
import { inheritedVariables, type Stage } from './stages';

/** An instruction's context before its owner and detail are known. */
export type StageContext = Omit<InstructionContext, 'owner' | 'detail'>;

/**
 * What the instructions of one stage share, built when the first instruction that may hold a
 * finding asks for it: most stages of a long Dockerfile never do. The variables are then those
 * of the instructions before it, and follow each instruction passed after.
 */
export class StageScope {
  /** as the SHELL instructions so far leave it */
  posixShell = true;
  private built: StageContext | undefined;

  constructor(
    readonly doc: SourceDocument,
    readonly options: ResolvedOptions,
    readonly stage: Stage,
    readonly escape: string,
  ) {}

  /** The context of the stage's instruction number `index`. */
  context(index: number): StageContext {
    this.built ??= this.build(index);
    return { ...this.built, posixShell: this.posixShell };
  }

  /** Takes in the assignments of an instruction once it is passed. */
  passed(instruction: Instruction): void {
    if (this.built) assign(this.built.visible, this.stage, instruction);
  }

  private build(index: number): StageContext {
    const { doc, options, stage, escape } = this;
    const visible = inheritedVariables(stage, options.variables);
    for (const before of stage.instructions.slice(0, index)) assign(visible, stage, before);
    return {
      doc,
      options,
      stage,
      escape,
      trusted: isTrustedImage(stage.image, options.trustedImages),
      posixShell: this.posixShell,
      daemonEntrypoint: daemonEntrypoint(doc, stage, escape),
      visible,
    };
  }
}

function assign(visible: Map<string, string>, stage: Stage, instruction: Instruction): void {
  for (const a of stage.variables().assigned.get(instruction) ?? []) visible.set(a.name, a.value);
}

/** Whether CMD flags reach dockerd: the stage's last ENTRYPOINT starts it, or none and dind. */
function daemonEntrypoint(doc: SourceDocument, stage: Stage, escape: string): boolean {
  const entrypoints = stage.instructions.filter((i) => i instanceof Entrypoint);
  const last = entrypoints[entrypoints.length - 1];
  if (!last) return stage.dind;
  return startsDaemon(wordsOf(doc, last, escape));
}

/** Whether SHELL switches to a POSIX shell. */
export function isPosixShell(doc: SourceDocument, shell: Shell, escape: string): boolean {
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
