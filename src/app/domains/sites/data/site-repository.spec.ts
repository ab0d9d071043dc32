import { TestBed } from '@angular/core/testing';
import { filter, firstValueFrom, map, type Subscription, timeout } from 'rxjs';

import { DeviceChanges } from '../../shared/data/device-changes';
import { clearLocalData } from '../../sync/data/datastore-setup';
import { SiteRepository } from './site-repository';

describe('SiteRepository (real DataStore in Chromium)', () => {
  let repository: SiteRepository;

  // This tab's DataStore owns the store, as the sync leader's does: it feeds every live list.
  let feed: Subscription;

  beforeEach(async () => {
    await clearLocalData();
    feed = TestBed.inject(DeviceChanges).publishThisTabsStore();
    repository = TestBed.inject(SiteRepository);
  });

  afterEach(async () => {
    feed.unsubscribe();
    await clearLocalData();
  });

  it('saves a site on the device and reads it back', async () => {
    const created = await repository.create({ name: 'Pump station 4', address: '12 Quarry Rd' });

    const found = await repository.findById(created.id);

    expect(found?.name).toBe('Pump station 4');
    expect(found?.address).toBe('12 Quarry Rd');
  });

  it('shows a new site in the open list well before observeQuery’s 2 s batching', async () => {
    const live = repository.watchAll();
    const startedAt = performance.now();
    const appears = firstValueFrom(
      live.pipe(
        map((sites) => sites.map((site) => site.name)),
        filter((names) => names.includes('Substation B')),
        timeout(1500),
      ),
    );

    await repository.create({ name: 'Substation B' });
    const names = await appears;

    expect(names).toContain('Substation B');
    expect(performance.now() - startedAt).toBeLessThan(1500);
  });

  it('lists sites sorted by name and reflects edits and deletes', async () => {
    const zulu = await repository.create({ name: 'Zulu yard' });
    await repository.create({ name: 'Alpha depot' });
    await repository.update(zulu.id, { name: 'Bravo yard' });

    const afterEdit = await firstValueFrom(
      repository.watchAll().pipe(filter((sites) => sites.some((site) => site.name === 'Bravo yard'))),
    );
    expect(afterEdit.map((site) => site.name)).toEqual(['Alpha depot', 'Bravo yard']);

    await repository.remove(zulu.id);
    expect(await repository.findById(zulu.id)).toBeUndefined();
  });

  it('refuses to edit a site that is not on this device', async () => {
    await expectAsync(repository.update('missing-id', { name: 'x' })).toBeRejectedWithError(/not on this device/);
  });
});
