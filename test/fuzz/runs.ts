import type { Parameters } from 'fast-check';

/**
 * How long a property runs. `npm test` runs each property a bounded number of times from a fixed
 * seed, so that it takes seconds and fails the same way every time. `npm run fuzz` (see
 * long.cjs) sets FUZZ_RUNS: every property then runs that many times from a fresh seed, or from
 * FUZZ_SEED to replay a failure (fast-check prints the seed and path of each failure).
 */
export function fuzzRuns<T>(bounded: number, seed: number): Parameters<T> {
  const runs = Number(process.env.FUZZ_RUNS);
  if (!Number.isSafeInteger(runs) || runs <= 0) return { numRuns: bounded, seed };

  const replay = Number(process.env.FUZZ_SEED);
  return Number.isSafeInteger(replay) ? { numRuns: runs, seed: replay } : { numRuns: runs };
}
