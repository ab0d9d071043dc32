import { DataStore } from '@aws-amplify/datastore';

import { Site } from '../../../../models';
import { openDataStoreDatabase } from '../../shared/data/datastore-store';
import { clearLocalData } from './datastore-setup';
import { GhostSweep } from './ghost-sweep';
import { queueChangeOf } from './queued-change.testing';
import { type EvictedRecord } from './scope-eviction-store';

describe('GhostSweep (real DataStore and IndexedDB in Chromium)', () => {
  let swept: EvictedRecord[];
  let sweep: GhostSweep;
  let ids: { kept: string; written: string; queued: string };

  beforeEach(async () => {
    await clearLocalData();
    swept = [];
    sweep = new GhostSweep({
      maxRecords: 100,
      open: () => openDataStoreDatabase(),
      inScope: () => true,
      swept: (records) => swept.push(...records),
    });
    const [kept, written, queued] = await Promise.all(
      ['On the server', 'Written during the sync', 'Edited offline'].map((name) => DataStore.save(new Site({ name }))),
    );
    ids = { kept: kept!.id, written: written!.id, queued: queued!.id };
    await queueChangeOf('Site', ids.queued);
  });

  afterEach(() => clearLocalData());

  const whole = { isFullSync: true, isComplete: true };

  const names = async () => (await DataStore.query(Site)).map(({ name }) => name).sort();

  it('after a full sync, removes only what it did not bring, nothing wrote meanwhile and has nothing queued', async () => {
    sweep.begin();
    sweep.saw('Site', [ids.kept]);
    sweep.wrote('Site', ids.written);
    await sweep.synced('Site', whole);
    expect(swept).toEqual([]);

    sweep.begin();
    sweep.saw('Site', [ids.kept]);
    await sweep.synced('Site', whole);
    expect(swept.map(({ id }) => id)).toEqual([ids.written]);
    expect(await names()).toEqual(['Edited offline', 'On the server']);
  });

  it('leaves a model alone after a delta sync, an incomplete sync, a first sync or one that brought nothing', async () => {
    sweep.begin();
    sweep.saw('Site', [ids.kept]);
    await sweep.synced('Site', { isFullSync: false, isComplete: true });

    // A page refused or failed: DataStore ended the sync there, as if the page were its last.
    sweep.begin();
    sweep.saw('Site', [ids.kept]);
    await sweep.synced('Site', { isFullSync: true, isComplete: false });

    // A DataStore that does not say (its patch gone): not known complete.
    sweep.begin();
    sweep.saw('Site', [ids.kept]);
    await sweep.synced('Site', { isFullSync: true });

    sweep.begin();
    sweep.saw('Site', [ids.kept], true);
    await sweep.synced('Site', whole);

    sweep.begin();
    await sweep.synced('Site', whole);

    expect(swept).toEqual([]);
    expect((await names()).length).toBe(3);
  });
});
