// Loaded by `npm run fuzz` before the fuzz tests: a long run unless FUZZ_RUNS says otherwise.
process.env.FUZZ_RUNS ??= '5000';
