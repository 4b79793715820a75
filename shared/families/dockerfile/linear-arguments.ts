import { Instruction, ModifiableInstruction, type Argument } from 'dockerfile-ast';

/**
 * dockerfile-ast 0.7 drops an instruction's flags from its arguments with one `Array.shift()` per
 * flag, quadratic in the number of flags: `RUN --a --a ...` 100,000 times took seconds inside the
 * parser (it reads the arguments of RUN, COPY and ADD for here-documents) and again at every FROM
 * lookup. This replaces that method with the same arguments sliced once: the library's result,
 * in linear time. It is installed when the Dockerfile family is loaded.
 */
ModifiableInstruction.prototype.getArguments = function (this: ModifiableInstruction): Argument[] {
  const all = Instruction.prototype.getArguments.call(this);
  // While getFlags() collects the flags it reads the arguments through this method and sees no
  // flags yet, exactly as with the library's own method.
  return all.slice(this.getFlags().length);
};
