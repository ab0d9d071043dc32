import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';

import { Site } from '../../../../models';
import { SiteRepository } from '../data/site-repository';
import { SiteListStore } from './site-list-store';

describe('SiteListStore', () => {
  let sites$: Subject<readonly Site[]>;
  let store: InstanceType<typeof SiteListStore>;

  beforeEach(() => {
    sites$ = new Subject();
    TestBed.configureTestingModule({
      providers: [SiteListStore, { provide: SiteRepository, useValue: { watchAll: () => sites$ } }],
    });
    store = TestBed.inject(SiteListStore);
  });

  it('is loading until the first snapshot arrives', () => {
    expect(store.loaded()).toBeFalse();
    sites$.next([]);
    expect(store.loaded()).toBeTrue();
    expect(store.count()).toBe(0);
  });

  it('follows every snapshot of the live list', () => {
    sites$.next([new Site({ name: 'North yard' })]);
    sites$.next([new Site({ name: 'North yard' }), new Site({ name: 'South yard' })]);

    expect(store.count()).toBe(2);
    expect(store.visibleSites().map((site) => site.name)).toEqual(['North yard', 'South yard']);
  });

  it('searches by name, address and contact, ignoring case', () => {
    sites$.next([
      new Site({ name: 'North yard', address: '1 Harbour St' }),
      new Site({ name: 'Quarry', contactName: 'Ana Harbour' }),
      new Site({ name: 'Depot' }),
    ]);

    store.search('  HARBOUR ');

    expect(store.visibleSites().map((site) => site.name)).toEqual(['North yard', 'Quarry']);
    expect(store.count()).toBe(3);
  });

  it('reports a storage failure in words instead of dying silently', () => {
    sites$.error(new Error('Data integrity error'));

    expect(store.loaded()).toBeTrue();
    expect(store.error()).toBe('Sites could not be read from this device: Data integrity error');
  });
});
