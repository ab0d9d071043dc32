import { computed, inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import {
  patchState,
  signalStoreFeature,
  withComputed,
  withHooks,
  withMethods,
  withProps,
  withState,
} from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { switchMap } from 'rxjs';

import { type Site } from '../../../../models';
import { failure } from '../../shared/util/error-message';
import { SiteRepository } from '../../sites/api';

interface SiteNamesState {
  /** Every site on the device, by name: the site filter's choices; with its location, for "near me". */
  readonly sites: readonly Pick<Site, 'id' | 'name' | 'location'>[];
  readonly sitesError: string | null;
}

/** The device's sites, live, so cards can name their site and the list can be filtered and sorted by it. */
export function withSiteNames() {
  return signalStoreFeature(
    withState<SiteNamesState>({ sites: [], sitesError: null }),
    withProps(() => ({ _sites: inject(SiteRepository) })),
    withComputed((store) => ({
      siteNames: computed<ReadonlyMap<string, string>>(
        () => new Map(store.sites().map((site) => [site.id, site.name])),
      ),
    })),
    withMethods((store) => ({
      _connectSites: rxMethod<void>(
        switchMap(() =>
          store._sites.watchAll().pipe(
            tapResponse({
              next: (sites) => patchState(store, { sites, sitesError: null }),
              error: (error: unknown) =>
                patchState(store, { sitesError: failure('Site names could not be read from this device', error) }),
            }),
          ),
        ),
      ),
    })),
    withHooks({ onInit: (store) => store._connectSites() }),
  );
}
