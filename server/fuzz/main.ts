/**
 * Convergence fuzzer: `npm run fuzz -- [--seeds N] [--seed S] [--first S] [--clients C] [--steps K]
 * [--shared-devices D] [--tabs T] [--break KIND]`. Real DataStore clients (one process each) behind loopback
 * proxies that cut their connection at random, against the real server: C separate devices, and D
 * devices whose T tabs share one store and hand its sync engine from tab to tab as leaders close.
 * Client 1 is a crew member's phone, the rest the office's; tokens expire every few seconds.
 * Every seed checks convergence, the conflict strategies, what each tab was told was saved, who
 * sent each write, and that every write refused for permissions is in its author's review list.
 * The office moves sites between two crews and the crew member joins and leaves one: the crew's
 * device must end holding exactly its crews' share, and never delete on the server what it evicts.
 */
import { type Break, BREAKS, isBreak } from './broken-clients.ts';
import { closeEnv, createEnv, runSeed, type SeedResult, type SharedOptions } from './run-seed.ts';

/** `--break <kind>`: every seed starts with a deliberately broken client (broken-clients.ts). */
function breakOption(): Break | undefined {
  const args = process.argv.slice(2);
  const index = args.findIndex((a) => a === '--break' || a.startsWith('--break='));
  if (index < 0) return undefined;
  const arg = args[index] ?? '';
  const kind = arg.includes('=') ? (arg.split('=')[1] ?? '') : (args[index + 1] ?? '');
  if (!isBreak(kind)) throw new Error(`--break needs one of ${Object.keys(BREAKS).join(', ')}, got ${kind}`);
  return kind;
}

function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const index = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (index < 0) return fallback;
  const arg = args[index] ?? '';
  const raw = arg.includes('=') ? arg.split('=')[1] : args[index + 1];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number, got ${raw}`);
  return value;
}

export function summary(results: SeedResult[], clients: number, shared: SharedOptions, ms: number): string {
  const total = (key: keyof SeedResult) => results.reduce((sum, r) => sum + (r[key] as number), 0);
  const failed = results.filter((r) => r.errors.length > 0).length;
  const sharing =
    shared.devices > 0
      ? `${shared.devices * shared.tabs} tabs sharing ${shared.devices} device store${shared.devices > 1 ? 's' : ''} ` +
        `(${total('handOvers')} leader hand-overs, ${total('tabWrites')} tab writes acknowledged, ` +
        `${total('tabClosedStored')} stored before their tab closed unanswered, ` +
        `${total('reRuns')} re-run by a new leader, ${total('reRunCreates')} of them creates), `
      : '';
  return (
    `fuzz: ${results.length} seeds, ${clients} separate clients (client 1 a Crew member's), ${sharing}${total('operations')} operations, ` +
    `${total('cuts')} network cuts, ${total('versions')} server versions checked, ` +
    `${total('acknowledged')} acknowledged writes, ${total('intentChecked')} saved values each on the server ` +
    `or reported to its user, ${total('formSaves')} edit forms saved from a held base, ` +
    `${total('plainWrites')} plain-API writes acknowledged (${total('plainRetries')} retried after a stale refusal, ` +
    `${total('plainReplaced')} job values of theirs later replaced, each by a later edit except ` +
    `${total('plainUnseen')} by an earlier edit from the value they set back, which the handler cannot see), ` +
    `${total('orphanedNotes')} notes kept on a deleted job and put before their author, ` +
    `${total('refusedWrites')} Crew writes refused for permissions, each in its author's review list, ` +
    `${total('tokensRefused')} writes sent with a token the server refused as expired (${total('renewals')} renewals), ` +
    `${total('sitesMoved')} sites moved between crews and ${total('membershipChanges')} crew joins and leaves ` +
    `(${total('evicted')} records evicted from the crew device, ${total('scopeHeld')} held at the end, each in its share), ` +
    `${total('conflicts')} conflicts ` +
    `(Auto Merge, Optimistic Concurrency, Lambda), writes stale through their own device's: ` +
    `${total('selfConflictsSeparate')} separate, ${total('selfConflictsShared')} shared, ` +
    `answered writes re-sent: ${total('resentSeparate')} separate, ${total('resentShared')} shared, ` +
    `${total('errorHandlerCalls')} errorHandler calls, ` +
    `${failed} failed, ${(ms / 1000).toFixed(1)} s`
  );
}

async function main(): Promise<void> {
  const single = process.argv.some((a) => a.startsWith('--seed=') || a === '--seed');
  const first = single ? option('seed', 1) : option('first', 1);
  const seeds = single ? 1 : option('seeds', 20);
  const clients = option('clients', 3);
  const steps = option('steps', 14);
  const shared: SharedOptions = { devices: option('shared-devices', 1), tabs: option('tabs', 2) };
  const broken = breakOption();
  if (clients < 3) throw new Error('--clients must be at least 3');
  if (shared.tabs < 2) throw new Error('--tabs must be at least 2');
  const started = Date.now();
  const env = await createEnv(clients, shared);
  const results: SeedResult[] = [];
  try {
    for (let seed = first; seed < first + seeds; seed++) {
      const result = await runSeed(env, seed, steps, broken).catch((error: unknown): SeedResult => ({
        seed,
        errors: [`run failed: ${String(error)}`],
        operations: 0,
        cuts: 0,
        versions: 0,
        acknowledged: 0,
        conflicts: 0,
        tabWrites: 0,
        tabClosedStored: 0,
        handOvers: 0,
        reRuns: 0,
        reRunCreates: 0,
        selfConflictsSeparate: 0,
        selfConflictsShared: 0,
        resentSeparate: 0,
        resentShared: 0,
        errorHandlerCalls: 0,
        intentChecked: 0,
        orphanedNotes: 0,
        formSaves: 0,
        plainWrites: 0,
        plainRetries: 0,
        plainReplaced: 0,
        plainUnseen: 0,
        refusedWrites: 0,
        tokensRefused: 0,
        renewals: 0,
        sitesMoved: 0,
        membershipChanges: 0,
        evicted: 0,
        scopeHeld: 0,
      }));
      results.push(result);
      if (result.errors.length > 0) {
        console.log(`seed ${seed} FAILED:\n  ${result.errors.join('\n  ')}`);
        console.log(
          `replay: npm run fuzz -- --seed ${seed} --clients ${clients} --steps ${steps} ` +
            `--shared-devices ${shared.devices} --tabs ${shared.tabs}${broken ? ` --break ${broken}` : ''}`,
        );
      } else if (process.stdout.isTTY || seeds <= 20) {
        console.log(
          `seed ${seed} ok (${result.versions} versions, ${result.conflicts} conflicts, ` +
            `${result.handOvers} hand-overs, ${result.reRuns} re-runs)`,
        );
      }
    }
  } finally {
    await closeEnv(env);
  }
  console.log(summary(results, clients, shared, Date.now() - started));
  process.exitCode = results.some((r) => r.errors.length > 0) ? 1 : 0;
}

await main();
