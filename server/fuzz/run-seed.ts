import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { withPoolAdmin } from '../../testing/crew-members.ts';
import { readConflictSettings } from '../src/conflict/conflict-settings.ts';
import { crewGroupOf } from '../src/crews/crew-directory.ts';
import { insertRecords } from '../src/seed.ts';
import type { Group } from '../src/user-pool/user-store.ts';
import { DataStoreClient } from '../test/client-process.ts';
import {
  API_KEY,
  type DeviceAccount,
  deviceAccount,
  officeToken,
  startTestServer,
  tempDbPath,
  waitFor,
} from '../test/harness.ts';
import { LoopbackProxy } from '../test/proxy.ts';
import type { TabCommand } from '../test/shared-tabs.ts';
import { type Break, runBreak } from './broken-clients.ts';
import { sameValue } from './canonical.ts';
import { checkIntent, type Save } from './intent-oracle.ts';
import {
  ANCHORS,
  at,
  clientScript,
  CREWS,
  GONE_UNDER_THE_USER,
  MODELS,
  type Op,
  pick,
  random,
  SEED_RECORDS,
  shownRecords,
  SYNCED_MODELS,
} from './ops.ts';
import { checkHistory, type Sent, type Strategy, tokenRefused } from './oracle.ts';
import { checkOrphans, type OrphanReport } from './orphan-oracle.ts';
import {
  answeredWithoutOwner,
  historyAsShown,
  historyWithoutOwners,
  ownersNotTheirCreators,
  wrongOwners,
} from './owners.ts';
import { PlainClient, runPlain } from './plain-client.ts';
import { checkPlainReplaced } from './plain-oracle.ts';
import { checkRefusals, refusedCreates, type Writer } from './refusal-oracle.ts';
import { runTabs } from './run-tabs.ts';
import { changeMembership, heldRecords, type Membership, moveSite, scopeOfCrews } from './scope-ops.ts';
import { checkScope, shareOf } from './scope-oracle.ts';
import { selfConflicts } from './self-conflicts.ts';
import { differences, droppedWrites, liveRecords, readHistory } from './server-state.ts';
import { type TabOp, tabScript } from './tab-ops.ts';
import { checkTabCommands } from './tab-oracle.ts';

/**
 * Client processes (started afresh for every seed, none before the first) and their proxies, one per
 * device; the last `sharedDevices` are shared stores.
 */
export interface FuzzEnv {
  clients: DataStoreClient[];
  proxies: LoopbackProxy[];
  sharedDevices: number;
  /** Tabs in each shared-store device. */
  tabs: number;
  /** How every client's sync engine is configured (START below). */
  start: typeof START;
  /** Who is signed in on each client this seed (clientGroup). */
  accounts: (DeviceAccount & { group: Group })[];
  /** The crew device's person and their crews this seed; their device holds only those crews' records. */
  member?: Membership;
}

/** Devices whose tabs share one store (one client process each), besides the separate devices. */
export interface SharedOptions {
  devices: number;
  tabs: number;
}

export interface SeedResult {
  seed: number;
  errors: string[];
  operations: number;
  cuts: number;
  versions: number;
  acknowledged: number;
  conflicts: number;
  /** Writes the shared-store tabs were told were saved. */
  tabWrites: number;
  /** Tab writes stored before their tab closed, unanswered, and checked to land all the same. */
  tabClosedStored: number;
  handOvers: number;
  /** Tab commands run by more than one leader. */
  reRuns: number;
  reRunCreates: number;
  /** Writes stale only through their own device's earlier writes (see self-conflicts.ts). */
  selfConflictsSeparate: number;
  selfConflictsShared: number;
  /** Writes sent again unchanged after the server had answered them (see self-conflicts.ts). */
  resentSeparate: number;
  resentShared: number;
  /** DataStore errorHandler calls on every client, expected ones included. */
  errorHandlerCalls: number;
  /** Saved values checked to have reached the server or been reported to their user (intent-oracle.ts). */
  intentChecked: number;
  /** Notes the server kept on a deleted job, each checked to have been put in front of its author. */
  orphanedNotes: number;
  /** Edit forms saved after being held open (fields sent against their base). */
  formSaves: number;
  /** Writes of the plain-API client (plain-client.ts) the server acknowledged, and those it refused as stale and were retried. */
  plainWrites: number;
  plainRetries: number;
  /** Job values a plain write set that a later write replaced, each checked to be a later edit (plain-oracle.ts). */
  plainReplaced: number;
  /** Of those, replaced by an earlier edit the Job handler could not tell from a later one (plain-oracle.ts). */
  plainUnseen: number;
  /** Writes of the Crew device refused for permissions, each checked to be in its review list (refusal-oracle.ts). */
  refusedWrites: number;
  /** Mutations sent with an access token the server refused as expired (HTTP 401), and renewals that followed. */
  tokensRefused: number;
  renewals: number;
  /** Sites an office device moved to the other crew, and the crew person's joins and leaves of a crew. */
  sitesMoved: number;
  membershipChanges: number;
  /** Records the crew device evicted, and those it held at the end, each checked to be in its crews' share. */
  evicted: number;
  scopeHeld: number;
}

export async function createEnv(separate: number, shared: SharedOptions = { devices: 0, tabs: 2 }): Promise<FuzzEnv> {
  const count = separate + shared.devices;
  const proxies = await Promise.all(Array.from({ length: count }, () => LoopbackProxy.start(0)));
  return { clients: [], proxies, sharedDevices: shared.devices, tabs: shared.tabs, start: START, accounts: [] };
}

const isShared = (env: FuzzEnv, index: number) => index >= env.proxies.length - env.sharedDevices;

export async function closeEnv(env: FuzzEnv): Promise<void> {
  for (const client of env.clients) client.kill();
  await Promise.all(env.proxies.map((proxy) => proxy.close()));
}

/**
 * A remote change that arrives while the device still has its own write to that record queued is
 * ignored by DataStore (its merger skips such ids) until the next full sync; a short full-sync
 * interval lets the settle phase below repair that, as the next daily full sync does on a device.
 */
const START = { fullSyncIntervalMinutes: 0.001 } as const;
/** Whoever writes in a seed: the devices' and the office system's accounts. */
const SIGNED_IN = /^(office|crew)(-device)?@fieldbook\.test$/;
/**
 * Access and ID tokens live seconds, not an hour, so they expire several times in every seed, also
 * while a device is cut off (its user pool requests go through its proxy too). Amplify renews a
 * token it holds 5 s before it expires.
 */
const TOKEN_SECONDS = 8;
/**
 * Each separate device's clock was this much fast when its person signed in and has been set right
 * since, so it sends its first token past the server's expiry (a 401) and renews as the app does.
 */
const CLOCK_AHEAD_MS = 10_000;
/** Client 1 (a separate device) is a crew member's phone; every other device is the office's. */
const clientGroup = (index: number): Group => (index === 1 ? 'Crew' : 'Office');
/** The crew member's phone: it keeps to their crews (the app's scope eviction and sync expressions). */
const isCrewDevice = (env: FuzzEnv, index: number) => clientGroup(index) === 'Crew' && !isShared(env, index);
/**
 * The crew's script runs as everyone's, so the server refuses its site edits, its job and site
 * deletes and its changes to other people's notes, as after their rights changed while they worked
 * offline (the app offers a crew member no job or site delete). A refused delete of a job or a site
 * keeps the children its local cascade took, notes and jobs never sent among them, in its review
 * entry (fuzz seed 2: a note added offline to a job, then the job deleted).
 */

/** Starts client `index` through its proxy as its person, who renews a refused sign-in as the app does. */
function startClient(env: FuzzEnv, index: number): Promise<unknown> {
  const proxy = at(env.proxies, index);
  const account = at(env.accounts, index);
  return at(env.clients, index).start(proxy.port, API_KEY, {
    ...env.start,
    userPool: { ...account, endpoint: `http://127.0.0.1:${proxy.port}/cognito-idp` },
    renewRefusedTokens: !isShared(env, index),
    ...(isCrewDevice(env, index) && env.member ? { scope: scopeOfCrews(env.member.crews) } : {}),
  });
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const strategies = (): Map<string, Strategy> => {
  const settings = readConflictSettings();
  return new Map(MODELS.map((m) => [m, (settings.perModel[m] ?? settings.defaultStrategy).type as Strategy]));
};

async function perform(
  env: FuzzEnv,
  index: number,
  op: Op,
  rnd: () => number,
  cuts: Promise<void>[],
  saves: Save[],
): Promise<void> {
  const client = at(env.clients, index);
  const proxy = at(env.proxies, index);
  if (op.kind === 'cut') {
    if (proxy.isCut) return;
    const cut = op.blackhole ? proxy.blackhole(40) : Promise.resolve(proxy.cut());
    cuts.push(cut.then(() => sleep(op.ms)).then(() => proxy.restore()));
  } else if (op.kind === 'reconnect') {
    // A device that notices the network come back restarts its sync engine (DataStore's 'online').
    await Promise.all(cuts);
    await client.call('stop');
    await startClient(env, index);
  } else if (op.kind === 'scope') {
    if (isCrewDevice(env, index) && env.member) await changeMembership(client, env.member, Promise.all(cuts));
    else if (!isCrewDevice(env, index)) await moveSite(client, index, rnd, saves);
  } else if (op.kind === 'create') {
    // A job on a site the device shows, in that site's crew, as the app makes it.
    const site = op.model === 'Job' ? pick(rnd, [{ id: ANCHORS.site }, ...(await client.query('Site'))]) : undefined;
    const fields = site ? { ...op.fields, siteID: site['id'], ...scopeFrom(site, op.fields) } : op.fields;
    const at = Date.now();
    // The site may have left the device since the list was read (deleted, or moved to another crew): the app says so.
    const made = await client
      .call<Record<string, unknown>>('create', { model: op.model, fields })
      .catch((error: Error) => {
        if (!site || !GONE_UNDER_THE_USER.test(error.message)) throw error;
        return undefined;
      });
    if (made)
      saves.push({
        client: index,
        model: op.model,
        id: String(made['id']),
        fields: created(fields),
        confirmed: true,
        at,
      });
  } else if (op.kind === 'note') {
    // On a job the device lists, in its crew; with none but the anchor, on the anchor.
    const job = (await pickRecord(client, 'Job', rnd)) ?? { id: ANCHORS.job };
    const fields: Record<string, unknown> = { ...op.fields, jobID: job['id'], ...scopeFrom(job, op.fields) };
    const at = Date.now();
    // The job may have been deleted by a sync since the list was read: the app says the note was not added.
    const added = await client
      .call<Record<string, unknown>>('create', { model: 'FieldNote', fields })
      .catch((error: Error) => {
        if (!GONE_UNDER_THE_USER.test(error.message)) throw error;
        return undefined;
      });
    if (added)
      saves.push({
        client: index,
        model: 'FieldNote',
        id: String(added['id']),
        fields: created(fields),
        confirmed: true,
        at,
      });
  } else {
    const base = await pickRecord(client, op.model, rnd);
    if (!base) return;
    const id = String(base['id']);
    let args: Record<string, unknown> = { model: op.model, id };
    let fields: Record<string, unknown> | null = null;
    // A value the device already showed is no edit: DataStore sends only what changed, and nothing is
    // there to land or to be reported (fuzz seed 4: a status 'saved' as the device showed it).
    if (op.kind === 'update') [args, fields] = [{ ...args, fields: op.fields }, changedFrom(base, op.fields)];
    if (op.kind === 'form') {
      await sleep(op.holdMs);
      fields = changedFrom(base, op.fields);
      if (Object.keys(fields).length === 0) return;
      args = { ...args, fields, editedAt: new Date(Date.now() + clockSkewMs(index)).toISOString() };
    }
    // The record may have been deleted by a sync since the query (or while the form was open): the
    // device would show it gone, and the app says so on an open form.
    const at = Date.now();
    const saved = await client.call(op.kind === 'delete' ? 'delete' : 'update', args).then(
      () => true,
      (error: Error) => {
        if (!GONE_UNDER_THE_USER.test(error.message)) throw error;
        return false;
      },
    );
    if (saved && (fields === null || Object.keys(fields).length > 0))
      saves.push({ client: index, model: op.model, id, fields, confirmed: true, at, base });
  }
}

type Fields = Record<string, unknown>;

/** The crew of `parent` for a record made on it; the script's own when the parent carries none. */
const scopeFrom = (parent: Fields, fields: Fields): Fields => ({
  crewID: parent['crewID'] ?? fields['crewID'],
  crewGroup: parent['crewGroup'] ?? fields['crewGroup'],
});

const changedFrom = (base: Fields, fields: Fields): Fields =>
  Object.fromEntries(Object.entries(fields).filter(([name, value]) => !sameValue(base[name], value)));

/** A create's fields as the user gave them: DataStore makes the record's id. */
function created(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => name !== 'id'));
}

/**
 * What a tab command the leader ran saved, as the user typed it. An edit sets only the fields that
 * differ from the device's copy (as the app's does): a value the device already showed is no edit
 * of the user's, even when the server has changed it since (seed 8 of the first plain-API run: an
 * office set a job OPEN, a tab then set it DONE as the device still showed it, and saved nothing).
 */
function tabSave(client: number, command: TabCommand): Save {
  const args = command.args as { model: string; id?: string; fields?: Fields; changes?: Fields };
  const made = command.runs.find((run) => run.effect)?.effect?.id;
  const base = command.runs.find((run) => run.effect?.base)?.effect?.base;
  const stored = new Set(command.runs.flatMap((run) => run.effect?.saved ?? []));
  const fields =
    command.command === 'create'
      ? created(args.fields ?? {})
      : command.command === 'update'
        ? Object.fromEntries(Object.entries(args.changes ?? {}).filter(([name]) => stored.has(name)))
        : null;
  return {
    client,
    model: args.model,
    id: String(args.id ?? made),
    fields,
    confirmed: command.outcome === 'ack',
    at: command.runs[0]?.started ?? 0,
    ...(base ? { base } : {}),
  };
}

/** A record the device shows, as a user would pick it. */
async function pickRecord(client: DataStoreClient, model: string, rnd: () => number) {
  const targets = shownRecords(model, await client.query(model), () => client.query('Job'));
  return (await targets).length === 0 ? undefined : pick(rnd, await targets);
}

/** Device clocks disagree by up to 20 s either way; the Job handler caps a save time at its own now. */
function clockSkewMs(client: number): number {
  return ((client % 3) - 1) * 20_000;
}

/**
 * One seed: fresh server, every client runs its script while its network drops, then quiescence and
 * the oracle. With `broken`, a deliberately broken client first loses a save (broken-clients.ts).
 */
export async function runSeed(env: FuzzEnv, seed: number, steps: number, broken?: Break): Promise<SeedResult> {
  const db = tempDbPath();
  const server = await startTestServer(db.path, {
    seed: (store) => {
      for (const model of MODELS) insertRecords(store, model, SEED_RECORDS[model] as { id: string }[]);
    },
    userPool: { accessTokenSeconds: TOKEN_SECONDS, idTokenSeconds: TOKEN_SECONDS },
  });
  try {
    // The devices sign in as the office (which may do everything) or the crew, one after the other:
    // Amplify Auth in this process has one configuration at a time.
    env.accounts = [];
    env.member = undefined;
    for (const [i] of env.proxies.entries()) {
      const group = clientGroup(i);
      const account = await deviceAccount(server.port, group);
      // Membership only: a Crew record would be one more record the oracle finds no writer for. In
      // every other seed the person starts in both crews.
      if (group === 'Crew') {
        const crews = seed % 2 === 0 ? [...CREWS] : [CREWS[0]];
        withPoolAdmin(db.path, (admin) => {
          for (const crew of crews) admin.setInCrew(account.username, crewGroupOf(crew), true);
        });
        if (!isShared(env, i)) env.member = { dbPath: db.path, username: account.username, crews, changes: 0 };
      }
      env.accounts.push({ ...account, group });
    }
    await officeToken(server.port);
    // Fresh client processes per seed: DataStore.clear() then start() in one process can crash on a
    // sync still finishing from before the clear, and fresh processes make a seed replay alike. Each
    // is spawned here, not ahead: a process costs about 1.7 CPU-seconds to load DataStore and Amplify.
    for (const old of env.clients) old.kill();
    await Promise.all(
      env.proxies.map(async (proxy, i) => {
        const client = await DataStoreClient.spawn();
        env.clients[i] = client;
        proxy.upstreamPort = server.port;
        proxy.restore();
        await startClient(env, i);
        if (isShared(env, i)) await client.call('openTabs', { count: env.tabs });
        else await client.call('clockWasAheadAtSignIn', { ms: CLOCK_AHEAD_MS });
      }),
    );
    const scripts = env.clients.map((_, i) =>
      isShared(env, i)
        ? tabScript(random(seed * 7919 + i), i, steps, env.tabs)
        : clientScript(random(seed * 7919 + i), i, steps),
    );
    const cuts: Promise<void>[][] = env.clients.map(() => []);
    const saves: Save[] = [];
    const shared = env.clients.length - env.sharedDevices;
    // One office system per seed writes through the plain API beside the devices, after them in the numbering.
    const plain = new PlainClient(server.port, env.clients.length);
    const plainScript = clientScript(random(seed * 7919 + plain.index), plain.index, steps);
    const claims = broken
      ? await runBreak(broken, {
          clients: env.clients,
          proxies: env.proxies,
          shared,
          dbPath: db.path,
          saves,
          member: env.member,
        })
      : { sent: [], tabCommands: [] };
    await Promise.all([
      runPlain(plain, plainScript, random(seed * 104729 + plain.index)),
      ...scripts.map(async (script, i) => {
        const rnd = random(seed * 104729 + i);
        if (isShared(env, i)) {
          return runTabs(at(env.clients, i), at(env.proxies, i), script as TabOp[], env.tabs, rnd, at(cuts, i));
        }
        for (const op of script as Op[]) {
          await sleep(Math.floor(rnd() * 60));
          await perform(env, i, op, rnd, at(cuts, i), saves);
        }
      }),
    ]);
    await Promise.all(cuts.flat());
    // Every device sees the network come back (DataStore restarts its sync engine), drains its
    // outbox, then restarts once more so its full sync sees the others' last writes.
    const restartAll = () =>
      Promise.all(
        env.clients.map(async (client, i) => {
          await client.call('stop').catch((error: Error) => {
            throw new Error(`client ${i}${isShared(env, i) ? ' (shared store)' : ''}: ${error.message}`);
          });
          await startClient(env, i);
        }),
      );
    await restartAll();
    await waitFor(
      'outboxes drained',
      async () => (await Promise.all(env.clients.map((c) => c.outbox()))).every((n) => n === 0),
      30_000,
      200,
    ).catch(() => undefined);
    await restartAll();
    let lastDiff: string[] = [];
    const converged = await waitFor(
      'quiescence',
      async () => {
        const shown = historyAsShown(readHistory(db.path));
        const live = liveRecords(shown);
        // The crew device converges on its crews' share of the server's records.
        const liveOn = (i: number) =>
          isCrewDevice(env, i) && env.member ? liveRecords(shareOf(shown, env.member.crews)) : live;
        const outboxes = await Promise.all(env.clients.map((c) => c.outbox()));
        const diffs = await Promise.all(
          env.clients.map(async (c, i) => differences(c, liveOn(i), refusedCreates(await c.sent()))),
        );
        lastDiff = [
          ...outboxes.flatMap((n, i) => (n > 0 ? [`client ${i} outbox holds ${n}`] : [])),
          ...diffs.flatMap((d, i) => d.map((line) => `client ${i}: ${line}`)),
        ];
        return lastDiff.length === 0;
      },
      30_000,
      250,
    ).catch(() => false);
    const sent: Sent[] = (await Promise.all(env.clients.map((c) => c.sent())))
      .flatMap((list, client) => list.map((q) => ({ ...q, client })))
      .concat(claims.sent, plain.run.sent)
      .map(answeredWithoutOwner);
    const seeded = new Set(MODELS.flatMap((m) => SEED_RECORDS[m].map((r) => `${m}:${String(r['id'])}`)));
    const stored = readHistory(db.path);
    const owners = [...wrongOwners(stored, SIGNED_IN), ...ownersNotTheirCreators(stored, sent)];
    const history = historyWithoutOwners(stored);
    const events = await Promise.all(env.clients.map((c) => c.events()));
    const dropped = droppedWrites(events, history);
    const oracle = await checkHistory({ history, seeded, sent, strategies: strategies() });
    const tabLogs = await Promise.all(
      env.clients.map(async (c, i) =>
        isShared(env, i) ? c.call<{ commands: TabCommand[]; handOvers: number }>('tabCommands') : undefined,
      ),
    );
    const brokenTabs = tabLogs[shared];
    if (brokenTabs) brokenTabs.commands.push(...claims.tabCommands);
    const tabResults = tabLogs.flatMap((log, i) =>
      log ? [checkTabCommands(i, log.commands, history, sent, events)] : [],
    );
    const tabSaves = tabLogs.flatMap((log, client) =>
      // In the order the leader ran them (the log is in the order tabs asked, which can differ):
      // a command that never ran saved nothing.
      [...(log?.commands ?? [])]
        .filter((command) => command.runs.length > 0)
        .sort((a, b) => (a.runs[0]?.started ?? 0) - (b.runs[0]?.started ?? 0))
        .filter(
          (command) =>
            (command.command === 'update' && command.outcome !== 'failed') ||
            (command.command !== 'update' && command.outcome === 'ack'),
        )
        .map((command) => tabSave(client, command)),
    );
    const intent = checkIntent([...saves, ...tabSaves, ...plain.run.saves], history, sent, events);
    const plainReplaced = checkPlainReplaced(plain.index, sent, history, strategies());
    const crewDevice = env.member ? env.clients.findIndex((_, i) => isCrewDevice(env, i)) : -1;
    const orphanReports = await Promise.all(env.clients.map((c) => c.call<OrphanReport[]>('orphans')));
    const orphaned = checkOrphans(
      history,
      sent,
      orphanReports,
      events,
      env.member && { client: crewDevice, crewGroups: env.member.crews.map(crewGroupOf) },
    );
    const writers: Writer[] = [...env.accounts, { username: 'office@fieldbook.test', group: 'Office' }];
    const refusals = checkRefusals(sent, writers, events);
    const crewClient = env.clients[crewDevice];
    const evicted = crewClient ? await crewClient.call<{ model: string; id: string }[]>('evictions') : [];
    const scope =
      crewClient && env.member
        ? checkScope(
            {
              client: crewDevice,
              crews: env.member.crews,
              held: await heldRecords(crewClient),
              history,
              keptForReview: refusedCreates(await crewClient.sent()),
              sent: sent.filter((q) => q.client === crewDevice),
              saves: saves.filter((save) => save.client === crewDevice),
              evicted,
            },
            SYNCED_MODELS,
          )
        : { errors: [], held: 0 };
    const errors = [
      ...(converged ? [] : ['no quiescence within 30 s:', ...lastDiff.slice(0, 10)]),
      ...dropped,
      ...oracle.errors,
      ...tabResults.flatMap((r) => r.errors),
      ...intent.errors,
      ...orphaned.errors,
      ...plainReplaced.errors,
      ...refusals.errors,
      ...scope.errors,
      ...owners,
    ];
    const self = env.clients.map((_, i) => selfConflicts(i, sent));
    const selfCount = (shared: boolean, kind: 'stale' | 'resent') =>
      self.reduce((sum, found, i) => sum + (isShared(env, i) === shared ? found[kind].length : 0), 0);
    if (errors.length > 0) {
      const evidence = join(tmpdir(), `fieldbook-fuzz-seed-${seed}.json`);
      const tabCommands = tabLogs.map((log) => log?.commands);
      // The failure itself and every input of the oracles, so a seed that fails once on a busy
      // machine can be judged again from the file alone (a loaded run rarely repeats its timing).
      const evidenceOf = {
        errors,
        history: Object.fromEntries(history),
        sent,
        saves,
        tabCommands,
        events,
        orphanReports,
        plainSaves: plain.run.saves,
        crews: env.member?.crews,
        evicted,
      };
      writeFileSync(evidence, JSON.stringify(evidenceOf, null, 1));
      errors.push(`server history and every sent mutation: ${evidence}`);
    }
    return {
      seed,
      errors,
      operations: scripts.flat().filter((op) => !['cut', 'reconnect', 'handover'].includes(op.kind)).length,
      cuts: scripts.flat().filter((op) => op.kind === 'cut').length,
      versions: oracle.versions,
      acknowledged: oracle.acknowledged,
      conflicts: oracle.conflicts,
      tabWrites: tabResults.reduce((sum, r) => sum + r.acknowledged, 0),
      tabClosedStored: tabResults.reduce((sum, r) => sum + r.closedStored, 0),
      handOvers: tabLogs.reduce((sum, log) => sum + (log?.handOvers ?? 0), 0),
      reRuns: tabResults.reduce((sum, r) => sum + r.reRuns, 0),
      reRunCreates: tabResults.reduce((sum, r) => sum + r.reRunCreates, 0),
      selfConflictsSeparate: selfCount(false, 'stale'),
      selfConflictsShared: selfCount(true, 'stale'),
      resentSeparate: selfCount(false, 'resent'),
      resentShared: selfCount(true, 'resent'),
      errorHandlerCalls: events.flatMap((e) => e.hub).filter((e) => e.event === 'errorHandler').length,
      intentChecked: intent.checked,
      orphanedNotes: orphaned.orphans,
      formSaves: scripts.flat().filter((op) => op.kind === 'form').length,
      plainWrites: plain.run.saves.filter((save) => save.confirmed).length,
      plainRetries: plain.run.retries,
      plainReplaced: plainReplaced.replaced,
      plainUnseen: plainReplaced.unseen,
      refusedWrites: refusals.refused,
      tokensRefused: sent.filter(tokenRefused).length,
      renewals: events.flatMap((e) => e.hub).filter((e) => e.event === 'tokenRenewal').length,
      sitesMoved: saves.filter((save) => save.model === 'Site' && save.base && save.fields?.['crewID'] !== undefined)
        .length,
      membershipChanges: env.member?.changes ?? 0,
      evicted: evicted.length,
      scopeHeld: scope.held,
    };
  } finally {
    await server.close();
    db.cleanup();
  }
}
