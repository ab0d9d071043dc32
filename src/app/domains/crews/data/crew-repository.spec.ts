import { TestBed } from '@angular/core/testing';
import { DataStore } from '@aws-amplify/datastore';
import { filter, firstValueFrom, map, type Subscription, timeout } from 'rxjs';

import { Crew } from '../../../../models';
import { DeviceChanges } from '../../shared/data/device-changes';
import { clearLocalData } from '../../sync/data/datastore-setup';
import { CrewRepository } from './crew-repository';

describe('CrewRepository (real DataStore in Chromium)', () => {
  let feed: Subscription;

  beforeEach(async () => {
    await clearLocalData();
    feed = TestBed.inject(DeviceChanges).publishThisTabsStore();
  });

  afterEach(async () => {
    feed.unsubscribe();
    await clearLocalData();
  });

  it('lists the crews on the device by name, and a crew that syncs in joins the open list', async () => {
    await DataStore.save(new Crew({ name: 'South', crewID: 'south', crewGroup: 'crew-south' }));
    const names = TestBed.inject(CrewRepository)
      .watchAll()
      .pipe(map((crews) => crews.map((crew) => crew.name)));
    expect(await firstValueFrom(names.pipe(timeout(5000)))).toEqual(['South']);

    const joined = firstValueFrom(
      names.pipe(
        filter((list) => list.length === 2),
        timeout(5000),
      ),
    );
    await DataStore.save(new Crew({ name: 'North', crewID: 'north', crewGroup: 'crew-north' }));

    expect(await joined).toEqual(['North', 'South']);
  });
});
