/** The wait before attempt `attempts + 1` of a transfer: doubling from 2 s, at most 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 300_000);
}
