import { computed, inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withComputed, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { switchMap } from 'rxjs';

import { type Site } from '../../../../models';
import { failure } from '../../shared/util/error-message';
import { SiteRepository } from '../data/site-repository';

interface SiteListState {
  readonly sites: readonly Site[];
  readonly loaded: boolean;
  readonly error: string | null;
  readonly query: string;
}

const initialState: SiteListState = { sites: [], loaded: false, error: null, query: '' };

export const SiteListStore = signalStore(
  withState(initialState),
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
          tapResponse({
            next: (sites) => patchState(store, { sites, loaded: true, error: null }),
            error: (error: unknown) => patchState(store, { loaded: true, error: describeError(error) }),
          }),
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

function describeError(error: unknown): string {
  return failure('Sites could not be read from this device', error);
}
