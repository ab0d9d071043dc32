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

import { failure } from '../../shared/util/error-message';
import { CrewRepository } from './crew-repository';

interface CrewsState {
  /** The crews on the device, by name: the choices of a site's crew. */
  readonly crews: readonly { readonly id: string; readonly name: string }[];
  readonly crewsError: string | null;
}

/** The device's crews, live, so a page can name the crew of a site and offer crews to choose from. */
export function withCrews() {
  return signalStoreFeature(
    withState<CrewsState>({ crews: [], crewsError: null }),
    withProps(() => ({ _crews: inject(CrewRepository) })),
    withComputed((store) => ({
      crewNames: computed<ReadonlyMap<string, string>>(
        () => new Map(store.crews().map((crew) => [crew.id, crew.name])),
      ),
    })),
    withMethods((store) => ({
      _connectCrews: rxMethod<void>(
        switchMap(() =>
          store._crews.watchAll().pipe(
            tapResponse({
              next: (crews) => patchState(store, { crews, crewsError: null }),
              error: (error: unknown) =>
                patchState(store, { crewsError: failure('Crews could not be read from this device', error) }),
            }),
          ),
        ),
      ),
    })),
    withHooks({ onInit: (store) => store._connectCrews() }),
  );
}
