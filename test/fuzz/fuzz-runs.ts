// How many cases each property runs: a fixed, quick number in `npm test`, more with `npm run fuzz` (FUZZ_RUNS).
// The seed is fixed so a failure in CI reproduces; `npm run fuzz` takes FUZZ_SEED to explore further.
export function fuzzRuns(quick: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : quick;
}

export function fuzzSeed(): number {
  const n = Number(process.env.FUZZ_SEED);
  return Number.isInteger(n) ? n : 1212;
}
