/**
 * Runs a parser with stack traces off. The YAML parser builds an Error for every problem it
 * meets, and capturing each one's stack made text full of problems (a megabyte of template
 * tags) three times slower to parse; the engine never reads those stacks. Parsing is
 * synchronous, so nothing else runs while the limit is lowered.
 */
export function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
