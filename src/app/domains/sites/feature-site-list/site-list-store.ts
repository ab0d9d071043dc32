import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { switchMap } from 'rxjs';

import { type Site } from '../../../../models';
import { withCrews } from '../../crews/api';
import { followInto, withRequestStatus } from '../../shared/util/with-request-status';
import { SiteRepository } from '../data/site-repository';

interface SiteListState {
  readonly sites: readonly Site[];
  readonly query: string;
}

const initialState: SiteListState = { sites: [], query: '' };

export const SiteListStore = signalStore(
  withState(initialState),
  withRequestStatus(),
  withCrews(),
  withProps(() => ({ _repository: inject(SiteRepository) })),
  withComputed(({ sites, query }) => ({
    visibleSites: computed(() => filterSites(sites(), query())),
    count: computed(() => sites().length),
  })),
  withMethods((store) => ({
    search(query: string): void {
      patchState(store, { query });
    },
    _connect: rxMethod<void>(
      switchMap(() =>
        store._repository.watchAll().pipe(
          followInto(store, 'Sites could not be read from this device', (sites) => ({
            sites,
            loaded: true,
            error: null,
          })),
        ),
      ),
    ),
  })),
  withHooks({
    onInit(store) {
      store._connect();
    },
  }),
);

function filterSites(sites: readonly Site[], query: string): readonly Site[] {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return sites;
  return sites.filter((site) =>
    [site.name, site.address, site.contactName].some((value) => value?.toLocaleLowerCase().includes(needle)),
  );
}
