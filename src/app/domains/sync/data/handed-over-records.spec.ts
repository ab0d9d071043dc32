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
});
