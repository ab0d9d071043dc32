/** Drives one shared-store device: its tabs write concurrently while leader tabs close under them. */
import type { DataStoreClient } from '../test/client-process.ts';
import type { LoopbackProxy } from '../test/proxy.ts';
import { pick, type Random, shownRecords } from './ops.ts';
import type { TabOp } from './tab-ops.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A write waits for the leader, which may be starting its sync engine after a hand-over. */
const WRITE_TIMEOUT_MS = 120_000;

async function write(client: DataStoreClient, op: Extract<TabOp, { slot: number }>, rnd: Random): Promise<void> {
  const call = (command: string, args: unknown) =>
    client.call('tabWrite', { slot: op.slot, command, args }, WRITE_TIMEOUT_MS);
  // The user sees a failure (the command log keeps it, the oracle judges it); the script goes on.
  const seen = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      () => undefined,
    );
  if (op.kind === 'create') return seen(call('create', { model: op.model, fields: op.fields }));
  // A list that does not load in time (the machine is busy, a hand-over is under way) is a screen the
  // user reopens, not a lost write: the edit is skipped, and a rejection never escapes the lane.
  const listed = await client
    .call<Record<string, unknown>[]>('tabQuery', { model: op.model }, WRITE_TIMEOUT_MS)
    .catch(() => []);
  const targets = await shownRecords(op.model, listed, () =>
    client.call<Record<string, unknown>[]>('tabQuery', { model: 'Job' }, WRITE_TIMEOUT_MS).catch(() => []),
  );
  if (targets.length === 0) return;
  const id = String(pick(rnd, targets)['id']);
  const args = op.kind === 'update' ? { model: op.model, id, changes: op.fields } : { model: op.model, id };
  return seen(call(op.kind, args));
}

/**
 * Each tab runs its writes one after another (a form waits for its save), the tabs side by side;
 * a hand-over does not wait for them, so it lands while writes are being run or forwarded.
 */
export async function runTabs(
  client: DataStoreClient,
  proxy: LoopbackProxy,
  script: TabOp[],
  tabs: number,
  rnd: Random,
  cuts: Promise<void>[],
): Promise<void> {
  const lanes: Promise<void>[] = Array.from({ length: tabs }, () => Promise.resolve());
  let leader = 0;
  for (const op of script) {
    // Half the closings follow the last write at once, while it is still being forwarded or run.
    const pause = Math.floor(rnd() * 60);
    if (op.kind !== 'handover' || rnd() < 0.5) await sleep(pause);
    if (op.kind === 'handover') {
      const next = (leader + 1 + Math.floor(rnd() * (tabs - 1))) % tabs;
      await client.call('handOver', { slot: next }, 60_000);
      leader = next;
    } else if (op.kind === 'cut') {
      if (proxy.isCut) continue;
      const cut = op.blackhole ? proxy.blackhole(40) : Promise.resolve(proxy.cut());
      cuts.push(cut.then(() => sleep(op.ms)).then(() => proxy.restore()));
    } else {
      const lane = lanes[op.slot] ?? Promise.resolve();
      const opRnd = rnd();
      lanes[op.slot] = lane.then(() => write(client, op, () => opRnd));
    }
  }
  await Promise.all(lanes);
}
