import { DataStore } from '@aws-amplify/datastore';

import { ChangeLogEntry, FieldNote, Handover, Job, JobPriority, JobStatus, Site } from '../../../../models';
import { clearLocalData } from './datastore-setup';
import { answerAll, queueChangeOf } from './queued-change.testing';
import { ScopeEviction } from './scope-eviction';
import { type EvictedRecord } from './scope-eviction-store';

const NORTH = { crewID: 'north', crewGroup: 'crew-north' };
const MODELS = ['Site', 'Job', 'FieldNote', 'Attachment', 'ChangeLogEntry', 'Handover'];

const job = (title: string, siteID: string) =>
  new Job({ title, siteID, status: JobStatus.OPEN, priority: JobPriority.NORMAL, ...NORTH });

describe('ScopeEviction.evictHandedOver (real DataStore and IndexedDB in Chromium)', () => {
  let evicted: EvictedRecord[];
  let eviction: ScopeEviction;
  let ids: Record<'moved' | 'kept' | 'edited' | 'other' | 'keptJob' | 'note' | 'history', string>;

  beforeEach(async () => {
    await clearLocalData();
    evicted = [];
    let remembered: ReturnType<ConstructorParameters<typeof ScopeEviction>[0]['memory']['read']> = null;
    eviction = new ScopeEviction({
      groupOf: (crew) => `crew-${crew}`,
      database: 'amplify-datastore',
      models: MODELS,
      memory: { read: () => remembered, write: (value) => (remembered = value) },
      evicted: (records) => evicted.push(...records),
    });
    await eviction.enter({ crewGroups: ['crew-north'], syncCrew: 'north' });
    const moved = await DataStore.save(new Site({ name: 'Harbour', ...NORTH }));
    const kept = await DataStore.save(new Site({ name: 'Quay', ...NORTH }));
    const [edited, other, keptJob] = await Promise.all([
      DataStore.save(job('Edited offline', moved.id)),
      DataStore.save(job('Valve', moved.id)),
      DataStore.save(job('Stays', kept.id)),
    ]);
    const note = await DataStore.save(
      new FieldNote({ jobID: other.id, body: 'Checked', observedAt: '2026-12-01T08:00:00.000Z', ...NORTH }),
    );
    const history = await DataStore.save(
      new ChangeLogEntry({
        recordModel: 'Site',
        recordID: moved.id,
        operation: 'create',
        fields: '{}',
        savedAt: '2026-12-01T07:00:00.000Z',
        ...NORTH,
      }),
    );
    ids = {
      moved: moved.id,
      kept: kept.id,
      edited: edited.id,
      other: other.id,
      keptJob: keptJob.id,
      note: note.id,
      history: history.id,
    };
    await answerAll(['Site', 'Job', 'FieldNote', 'ChangeLogEntry'], Date.parse('2026-12-01T08:30:00.000Z'));
    await queueChangeOf('Job', ids.edited);
  });

  afterEach(() => clearLocalData());

  it('evicts the site a handover names with its jobs, their notes and its history, holding a job with a queued change', async () => {
    await eviction.evictHandedOver();
    expect(evicted).toEqual([]);

    await DataStore.save(
      new Handover({
        ...NORTH,
        recordModel: 'Site',
        recordID: ids.moved,
        toCrewID: 'south',
        handedOverAt: '2026-12-01T09:00:00.000Z',
      }),
    );
    await answerAll(['Handover'], Date.parse('2026-12-01T09:00:00.000Z'));
    await eviction.evictHandedOver();

    expect(evicted.map(({ model, id }) => `${model}:${id}`).sort()).toEqual(
      [`Site:${ids.moved}`, `Job:${ids.other}`, `FieldNote:${ids.note}`, `ChangeLogEntry:${ids.history}`].sort(),
    );
    expect((await DataStore.query(Site)).map(({ id }) => id)).toEqual([ids.kept]);
    expect((await DataStore.query(Job)).map(({ id }) => id).sort()).toEqual([ids.edited, ids.keptJob].sort());
  });

  it('lets go of a copy no newer than the version the move made, whenever the handover arrived', async () => {
    await DataStore.save(handover(ids.moved, 2));
    // Written long after the move (server time), yet the copy here is the version before it.
    await answerAll(['Handover'], Date.parse('2026-12-02T09:00:00.000Z'));
    await setVersion('Site', ids.moved, 1, Date.parse('2026-12-01T08:30:00.000Z'));
    await eviction.evictHandedOver();

    expect(evicted.map(({ model, id }) => `${model}:${id}`)).toContain(`Site:${ids.moved}`);
  });

  it('keeps a copy newer than the version the move made (moved back), though the handover reached the server later', async () => {
    await DataStore.save(handover(ids.moved, 2));
    await answerAll(['Handover'], Date.parse('2026-12-02T09:00:00.000Z'));
    await setVersion('Site', ids.moved, 3, Date.parse('2026-12-01T10:00:00.000Z'));
    await eviction.evictHandedOver();

    expect(evicted).toEqual([]);
    expect((await DataStore.query(Site)).map(({ id }) => id).sort()).toEqual([ids.moved, ids.kept].sort());
    expect((await DataStore.query(Job)).length).toBe(3);
  });
});

const handover = (recordID: string, recordVersion: number) =>
  new Handover({
    ...NORTH,
    recordModel: 'Site',
    recordID,
    toCrewID: 'south',
    handedOverAt: '2026-12-01T09:00:00.000Z',
    recordVersion,
  });

/** Gives one stored row a server version and time, as an answer or a sync page would. */
function setVersion(model: string, id: string, version: number, lastChangedAt: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('amplify-datastore');
    open.onsuccess = () => {
      const tx = open.result.transaction(`user_${model}`, 'readwrite');
      const cursor = tx.objectStore(`user_${model}`).openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return;
        if ((at.value as { id: string }).id === id)
          at.update({ ...at.value, _version: version, _lastChangedAt: lastChangedAt });
        at.continue();
      };
      tx.oncomplete = () => (open.result.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });
}
