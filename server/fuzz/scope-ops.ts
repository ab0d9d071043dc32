/**
 * The fuzz's scope operations: the office moves a site between the seed's crews, and the crew
 * device's person joins or leaves the second crew. Both change what the crew device may hold;
 * scope-oracle.ts judges that it holds exactly that once the devices settle.
 */
import { withPoolAdmin } from '../../testing/crew-members.ts';
import { crewGroupOf } from '../src/crews/crew-directory.ts';
import type { DataStoreClient } from '../test/client-process.ts';
import type { Save } from './intent-oracle.ts';
import { CREWS, GONE_UNDER_THE_USER, pick, type Random, shownRecords, SYNCED_MODELS } from './ops.ts';

type Fields = Record<string, unknown>;

const SCOPE_FIELDS = ['crewID', 'crewGroup', 'previousCrewGroup'];

/** The app's SyncScope (sync/util/sync-scope.ts) for a member of `crews`, as their sign-in makes it. */
export function scopeOfCrews(crews: readonly string[]) {
  return { crewGroups: crews.map(crewGroupOf), syncCrew: crews.length === 1 ? (crews[0] ?? null) : null };
}

/** Every crew-scoped record the device holds, as `Model:id` → record. */
export async function heldRecords(client: DataStoreClient, models: readonly string[] = SYNCED_MODELS) {
  const held = new Map<string, Fields>();
  for (const model of models)
    for (const record of await client.query(model)) held.set(`${model}:${String(record['id'])}`, record);
  return held;
}

/**
 * An office device moves a site it shows to the other crew through the app's own code (the site
 * form's move). What the move changed on the device is recorded as the user's saves: each record's
 * new scope. The handover is not the user's save: the app writes it once the move is answered, and
 * only when the move took (the scope oracle judges what the crew device holds after it).
 */
export async function moveSite(client: DataStoreClient, index: number, rnd: Random, saves: Save[]): Promise<void> {
  const sites = await shownRecords('Site', await client.query('Site'), () => client.query('Job'));
  if (sites.length === 0) return;
  const site = pick(rnd, sites);
  const id = String(site['id']);
  const to = site['crewID'] === CREWS[0] ? CREWS[1] : CREWS[0];
  const before = await heldRecords(client);
  const at = Date.now();
  // A sync may delete the site, or a job on it, while the move runs: the app says it failed.
  const moved = await client.call('moveToCrew', { model: 'Site', id, crewID: to }).then(
    () => true,
    (error: Error) => {
      if (!GONE_UNDER_THE_USER.test(error.message) && !/is not on this device/.test(error.message)) throw error;
      return false;
    },
  );
  if (!moved) return;
  for (const [key, record] of await heldRecords(client)) {
    const [model = '', recordId = ''] = key.split(':');
    const base = before.get(key);
    if (base && record['crewGroup'] === crewGroupOf(to) && base['crewGroup'] !== crewGroupOf(to)) {
      const fields = Object.fromEntries(
        SCOPE_FIELDS.filter((name) => name in record && record[name] !== base[name]).map((name) => [
          name,
          record[name],
        ]),
      );
      saves.push({ client: index, model, id: recordId, fields, confirmed: true, at, base });
    }
  }
}

export interface Membership {
  readonly dbPath: string;
  readonly username: string;
  /** The crews the person is in now: the user pool's word, which the device must come to. */
  crews: string[];
  /** Joins and leaves so far. */
  changes: number;
}

/**
 * The office puts the crew device's person in the second crew or takes them out of it (`npm run
 * users -- crew add|remove`); the device renews its token once it can reach the user pool, and
 * enters the scope the new token gives, as the app's account session does.
 */
export async function changeMembership(client: DataStoreClient, member: Membership, online: Promise<unknown>) {
  const other = CREWS[1];
  const joins = !member.crews.includes(other);
  withPoolAdmin(member.dbPath, (admin) => admin.setInCrew(member.username, crewGroupOf(other), joins));
  member.crews = joins ? [...member.crews, other] : member.crews.filter((crew) => crew !== other);
  member.changes++;
  await online;
  if (!(await client.call<boolean>('forceRefresh'))) throw new Error('the crew device renewed no token');
  await client.call('rescope', { scope: scopeOfCrews(member.crews) }, 60_000);
}
