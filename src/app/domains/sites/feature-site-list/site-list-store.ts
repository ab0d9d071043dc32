import { computed, inject } from '@angular/core';
import { patchState, signalStore, withComputed, withHooks, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { switchMap } from 'rxjs';

import { type Site } from '../../../../models';
import { AccountSession } from '../../account/api';
import { crewOfGroup, withCrews } from '../../crews/api';
import { followInto, withRequestStatus } from '../../shared/util/with-request-status';
import { SiteRepository } from '../data/site-repository';

interface SiteListState {
  readonly sites: readonly Site[];
  readonly query: string;
  /** Only the sites of the person's own crews, when the device holds others too. */
  readonly onlyMyCrews: boolean;
}

const initialState: SiteListState = { sites: [], query: '', onlyMyCrews: true };

export const SiteListStore = signalStore(
  withState(initialState),
  withRequestStatus(),
  withCrews(),
  withProps(() => ({ _repository: inject(SiteRepository), _session: inject(AccountSession) })),
  withComputed(({ sites, _session }) => {
    const myCrews = computed(() =>
      (_session.user()?.groups ?? []).map(crewOfGroup).filter((crew) => crew !== undefined),
    );
    const mine = computed(() => sites().filter((site) => site.crewID && myCrews().includes(site.crewID)));
    return {
      /** The choice is offered to someone in a crew whose device holds other crews' sites too (Office). */
      offersMyCrews: computed(() => myCrews().length > 0 && mine().length < sites().length),
      _mine: mine,
    };
  }),
  withComputed(({ sites, query, onlyMyCrews, offersMyCrews, _mine }) => {
    const shown = computed(() => (offersMyCrews() && onlyMyCrews() ? _mine() : sites()));
    return {
      visibleSites: computed(() => filterSites(shown(), query())),
      count: computed(() => shown().length),
    };
  }),
  withMethods((store) => ({
    showOnlyMyCrews(onlyMyCrews: boolean): void {
      patchState(store, { onlyMyCrews });
    },
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
