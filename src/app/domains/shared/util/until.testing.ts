/**
 * Polls `condition` every 10 ms until it holds, and fails the spec naming `what` if it does not
 * within `timeoutMs`. For state that settles after timers or storage reads, instead of a fixed sleep
 * that is too short on a slow machine and wasted time on a fast one.
 */
export async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
