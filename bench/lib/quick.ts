/**
 * BENCH_QUICK=1 runs every group on the smallest data sets, once: a check that the benchmarks still
 * run against the project as it is, not a measurement (its figures say nothing).
 */
export const QUICK = process.env['BENCH_QUICK'] === '1';

/** A group's parameters: `full`, or with `quick`'s smaller values under BENCH_QUICK=1. */
export function sized<T extends object>(full: T, quick: Partial<T>): T {
  return QUICK ? { ...full, ...quick } : full;
}
