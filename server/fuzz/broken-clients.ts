/**
 * Deliberately broken clients (`npm run fuzz -- --break <kind>`): each loses a user's save in one
 * way an oracle could miss, before the seed's scripts run. The real clients do the setup (real
 * writes, a real conflict); the broken part is what the device then claims: a save it never sent,
 * or an answer it never got. A seed run with a break must fail; the oracle's tests hold it to that.
 */
import type { DataStoreClient } from '../test/client-process.ts';
import { waitFor } from '../test/harness.ts';
import type { LoopbackProxy } from '../test/proxy.ts';
import type { TabCommand } from '../test/shared-tabs.ts';
import { parseJsonFields, sameValue } from './canonical.ts';
import type { Save } from './intent-oracle.ts';
import { at } from './ops.ts';
import type { Sent, Stored } from './oracle.ts';
import { changeMembership, type Membership } from './scope-ops.ts';
import { readHistory } from './server-state.ts';

export const BREAKS = {
  /** Drops a status edit back to a status an older version of the job held. */
  'old-status': 'a dropped status edit that an old version held',
  /** Drops an edit of a record on which it had met a conflict about another field, earlier. */
  'unrelated-conflict': 'a lost field excused by an unrelated conflict',
  /** Deletes a site on the device only: it never leaves it. */
  'delete-stays': 'a delete that never leaves the device',
  /** Empties a job's tags on the device only: the removed tag stays on the server. */
  'list-back': 'a removed list item that comes back',
  /** Repeats an earlier save and reports the answer to the first one as the answer to the repeat. */
  'ack-unapplied': 'a repeated identical save acknowledged without being applied',
  /** Its conflict handler runs on a refused edit and files no review entry for the user. */
  'review-dropped': 'a conflict the handler saw and the user was never told of',
  /** A shared-store tab told "saved" for a write the server refused. */
  'tab-error-ack': 'a tab answer that is an error counted as confirmed',
  /** The Crew device's handler runs on a write refused for permissions and files nothing. */
  'refusal-unfiled': 'a write refused for permissions its author was never told of',
  /** The Crew device's refused job delete took a note added offline, and the device noted nothing of it. */
  'taken-unfiled': 'a note a refused job delete took, its author never told',
  /** Drops a change whose token the server refused (HTTP 401) instead of keeping it queued. */
  'token-drop': 'a queued change discarded when the server refused its token',
  /** The Crew device keeps the records of a site moved to another crew. */
  'never-evicts': 'a crew device that never lets go of what left its scope',
  /** The Crew device evicts a job its person's crew left with an offline edit still queued, and the edit with it. */
  'evict-queued': 'an eviction that takes a queued change with the record',
  /** The Crew device evicts what left its scope by deleting it through DataStore. */
  'eviction-deletes': 'an eviction sent to the server as a delete',
} as const;
export type Break = keyof typeof BREAKS;

export const isBreak = (kind: string): kind is Break => kind in BREAKS;

/** What a broken client claims besides what its process recorded. */
export interface Claims {
  sent: Sent[];
  tabCommands: TabCommand[];
}

interface Devices {
  clients: DataStoreClient[];
  proxies: LoopbackProxy[];
  /** The crew device's person (client 1's), when the seed has one. */
  member: Membership | undefined;
  /** The index of the first shared-store device. */
  shared: number;
  dbPath: string;
  saves: Save[];
}

type Fields = Record<string, unknown>;

async function serverHolds(dbPath: string, key: string, name: string, value: unknown): Promise<Stored> {
  return waitFor(`the server holds ${key} ${name}`, () => {
    const last = readHistory(dbPath).get(key)?.at(-1);
    return last && sameValue(parseJsonFields(last)[name], value) ? last : undefined;
  });
}

/** A real edit by `client`, held until the server stores it, recorded as the user's save. */
async function edit(devices: Devices, client: number, model: string, id: string, fields: Fields): Promise<Stored> {
  await unsent(devices, client, model, id, fields);
  const [name, value] = at(Object.entries(fields), 0);
  return serverHolds(devices.dbPath, `${model}:${id}`, name, value);
}

/** An edit in tab 0 of the shared-store device (the office's), held until the server stores it. */
async function tabEdit(devices: Devices, model: string, id: string, changes: Fields): Promise<Stored> {
  const write = { model, id, changes };
  await at(devices.clients, devices.shared).call('tabWrite', { slot: 0, command: 'update', args: write });
  const [name, value] = at(Object.entries(changes), 0);
  return serverHolds(devices.dbPath, `${model}:${id}`, name, value);
}

/** A real edit by `client`, recorded as the user's save; the server may never take it. */
async function unsent(devices: Devices, client: number, model: string, id: string, fields: Fields): Promise<void> {
  const savedAt = Date.now();
  await at(devices.clients, client).call('update', { model, id, fields });
  devices.saves.push({ client, model, id, fields, confirmed: true, at: savedAt });
}

/** A save the device reports to its user and never makes. */
function dropped(devices: Devices, client: number, model: string, id: string, fields: Fields | null): void {
  devices.saves.push({ client, model, id, fields, confirmed: true, at: Date.now() });
}

/**
 * Client 0's edit of site-2's notes, refused: Site is Optimistic Concurrency, and the held write is
 * stale. The other write is the office's (the shared-store device): client 1's crew may not edit sites.
 */
async function refusedEdit(devices: Devices): Promise<void> {
  const first = at(devices.clients, 0);
  await first.call('hold');
  devices.saves.push({
    client: 0,
    model: 'Site',
    id: 'site-2',
    fields: { notes: 'c0' },
    confirmed: true,
    at: Date.now(),
  });
  await first.call('update', { model: 'Site', id: 'site-2', fields: { notes: 'c0' } });
  await tabEdit(devices, 'Site', 'site-2', { name: 'Yard c2' });
  await first.call('release');
  await waitFor('the conflict on client 0', async () => (await first.events()).conflicts.length > 0, 30_000);
}

/** The crew device's person joins the second crew and their device holds its job, then they leave it. */
async function joinAndLeave(devices: Devices, whileIn: () => Promise<void>): Promise<void> {
  const crew = at(devices.clients, 1);
  if (!devices.member) throw new Error('no crew device in this seed');
  await changeMembership(crew, devices.member, Promise.resolve());
  await waitFor('the second crew’s job on the crew device', async () =>
    (await crew.query('Job')).some((job) => job['id'] === 'job-4'),
  );
  await whileIn();
  await changeMembership(crew, devices.member, Promise.resolve());
}

/** Scope breaks: the crew device (client 1) evicts in a broken way (server/test/broken-eviction.ts). */
async function runScopeBreak(kind: 'never-evicts' | 'evict-queued' | 'eviction-deletes', devices: Devices) {
  const crew = at(devices.clients, 1);
  const brokenWay = { 'never-evicts': 'never', 'evict-queued': 'queued', 'eviction-deletes': 'deletes' } as const;
  await crew.call('breakEviction', { kind: brokenWay[kind] });
  if (kind === 'never-evicts') {
    // The office moves site-1, with its job and note, to the crew the person is not in.
    await at(devices.clients, 0).call('moveToCrew', { model: 'Site', id: 'site-1', crewID: 'fuzz2' });
    await waitFor('the handover on the crew device', async () => (await crew.query('Handover')).length > 0, 30_000);
  } else if (kind === 'evict-queued') {
    const network = at(devices.proxies, 1);
    // Nor does it tell its person: the answer review would file the edit of a record gone from under it.
    await crew.call('dropReviews');
    await joinAndLeave(devices, async () => {
      // Offline, the person edits the second crew's job; the edit waits to be retried.
      await crew.call('holdRetries');
      network.cut();
      await unsent(devices, 1, 'Job', 'job-4', { title: 'c1 evicted' });
      await waitFor('the edit waits to be retried', async () => (await crew.call<number>('retrySleeps')) > 0, 30_000);
      network.restore();
    });
    await crew.call('releaseRetries');
  } else {
    await joinAndLeave(devices, () => Promise.resolve());
  }
}

export async function runBreak(kind: Break, devices: Devices): Promise<Claims> {
  if (kind === 'never-evicts' || kind === 'evict-queued' || kind === 'eviction-deletes') {
    await runScopeBreak(kind, devices);
    return { sent: [], tabCommands: [] };
  }
  const claims: Claims = { sent: [], tabCommands: [] };
  const first = at(devices.clients, 0);
  if (kind === 'old-status') {
    await edit(devices, 0, 'Job', 'job-1', { status: 'ON_HOLD' });
    dropped(devices, 0, 'Job', 'job-1', { status: 'IN_PROGRESS' });
  } else if (kind === 'unrelated-conflict') {
    await refusedEdit(devices);
    dropped(devices, 0, 'Site', 'site-2', { name: 'Yard lost' });
  } else if (kind === 'review-dropped') {
    await first.call('dropReviews');
    await refusedEdit(devices);
  } else if (kind === 'delete-stays') {
    dropped(devices, 0, 'Site', 'site-2', null);
  } else if (kind === 'list-back') {
    dropped(devices, 0, 'Job', 'job-1', { tags: [] });
  } else if (kind === 'ack-unapplied') {
    const answer = await edit(devices, 0, 'Job', 'job-1', { title: 'title c0' });
    const current = await edit(devices, 0, 'Job', 'job-1', { title: 'title c0 again' });
    const original = (await first.sent()).find(
      (q) => q.response?.data?.['updateJob']?.['_version'] === answer._version,
    );
    if (!original) throw new Error('the first edit was never answered');
    dropped(devices, 0, 'Job', 'job-1', { title: 'title c0' });
    const input = { ...original.variables.input, _version: current._version };
    claims.sent.push({ ...original, client: 0, variables: { input }, sentAt: Date.now() });
  } else if (kind === 'refusal-unfiled') {
    const crew = at(devices.clients, 1);
    await crew.call('dropReviews');
    await unsent(devices, 1, 'Site', 'site-2', { notes: 'c1 refused' });
    await waitFor('the server to refuse the crew’s edit', async () =>
      (await crew.sent()).some((q) => q.response?.errors?.[0]?.errorType === 'Unauthorized'),
    );
  } else if (kind === 'taken-unfiled') {
    const crew = at(devices.clients, 1);
    await crew.call('forgetTaken');
    // The job's edit heads the outbox, held; the note's create waits behind it and goes with the delete.
    await crew.call('hold');
    await unsent(devices, 1, 'Job', 'job-1', { title: 'title c1' });
    const fields = { jobID: 'job-1', body: 'c1 taken', observedAt: '2026-03-01T08:00:00.000Z' };
    const savedAt = Date.now();
    const note = await crew.call<Fields>('create', { model: 'FieldNote', fields });
    devices.saves.push({ client: 1, model: 'FieldNote', id: String(note['id']), fields, confirmed: true, at: savedAt });
    await crew.call('delete', { model: 'Job', id: 'job-1' });
    devices.saves.push({ client: 1, model: 'Job', id: 'job-1', fields: null, confirmed: true, at: Date.now() });
    await crew.call('release');
    await waitFor('the server to refuse the crew’s delete', async () =>
      (await crew.sent()).some((q) => q.field === 'deleteJob' && q.response?.errors?.[0]?.errorType === 'Unauthorized'),
    );
  } else if (kind === 'token-drop') {
    await first.call('dropRefusedChanges');
    // The edit waits in the network until the server's clock has passed its token's expiry.
    await first.call('hold');
    await unsent(devices, 0, 'Job', 'job-1', { title: 'title c0 sent late' });
    const expiry = await first.call<number>('accessTokenExpiry');
    await waitFor('the token to expire by the server’s clock', () => Date.now() > expiry, 30_000);
    await first.call('release');
    await waitFor('the server to refuse the token', async () =>
      (await first.sent()).some((q) => q.response?.errors?.[0]?.errorType === 'UnauthorizedException'),
    );
  } else {
    const changes = { name: 'Depot c2' };
    const write = { model: 'Site', id: 'site-1', changes };
    const current = await tabEdit(devices, 'Site', 'site-1', changes);
    const started = Date.now();
    const refused = { ...write, changes: { name: 'Depot' } };
    const effect = { id: 'site-1', saved: ['name'] };
    const run = { tabId: 'broken', started, ended: started, effect };
    claims.tabCommands.push({
      requestId: 'broken',
      slot: 0,
      command: 'update',
      args: refused,
      outcome: 'ack',
      runs: [run],
    });
    const errors = [{ errorType: 'ConflictUnhandled', data: current }];
    const input = { id: 'site-1', name: 'Depot', _version: current._version };
    claims.sent.push({
      client: devices.shared,
      field: 'updateSite',
      variables: { input },
      sentAt: started,
      response: { data: { updateSite: null }, errors },
    });
  }
  return claims;
}
