import { inject } from '@angular/core';
import { tapResponse } from '@ngrx/operators';
import { patchState, signalStore, withMethods, withProps, withState } from '@ngrx/signals';
import { rxMethod } from '@ngrx/signals/rxjs-interop';
import { filter, map, switchMap } from 'rxjs';

import { type Site } from '../../../../models';
import { withCrews } from '../../crews/api';
import { failure } from '../../shared/util/error-message';
import { type NewSite, type SiteDraft, SiteRepository } from '../data/site-repository';

interface SiteFormState {
  /** The site being edited as the form first showed it; null while creating. */
  readonly site: Site | null;
  /** The site as stored now, live: another tab or device may change it while the form is open. */
  readonly latest: Site | null;
  readonly loading: boolean;
  readonly saving: boolean;
  readonly error: string | null;
}

const initialState: SiteFormState = { site: null, latest: null, loading: false, saving: false, error: null };

export const SiteFormStore = signalStore(
  withState(initialState),
  withCrews(),
  withProps(() => ({ _repository: inject(SiteRepository) })),
  withMethods((store) => {
    // Sites are few, so following the whole list live is cheap.
    const followSite = rxMethod<string>(
      switchMap((id) =>
        store._repository.watchAll().pipe(
          map((sites) => sites.find((site) => site.id === id)),
          filter((site) => site !== undefined),
          tapResponse({
            next: (latest) => patchState(store, { latest }),
            error: (error: unknown) => patchState(store, { error: failure('The site could not be read', error) }),
          }),
        ),
      ),
    );
    return {
      async load(id: string): Promise<Site | null> {
        patchState(store, { loading: true, error: null });
        try {
          const site = (await store._repository.findById(id)) ?? null;
          patchState(store, {
            site,
            latest: site,
            loading: false,
            error: site ? null : 'This site is not on this device.',
          });
          if (site) followSite(id);
          return site;
        } catch (error: unknown) {
          patchState(store, { loading: false, error: failure('The site could not be read', error) });
          return null;
        }
      },
      /**
       * Creates the site, or sends only `changes` (what the user changed in the form) to the one being
       * edited, and moves it to the crew the form names when that changed. Resolves to its id, or null with `error` set (the form keeps its values).
       */
      async save(draft: NewSite, changes: Partial<SiteDraft> = draft): Promise<string | null> {
        if (store.saving()) return null;
        patchState(store, { saving: true, error: null });
        try {
          const current = store.site();
          let saved = current
            ? await store._repository.update(current.id, changes)
            : await store._repository.create(draft);
          const crewID = draft.crewID ?? null;
          if (current && crewID !== (current.crewID ?? null))
            saved = await store._repository.moveToCrew(current.id, crewID);
          patchState(store, { site: saved, saving: false });
          return saved.id;
        } catch (error: unknown) {
          patchState(store, { saving: false, error: failure('The site was not saved', error) });
          return null;
        }
      },
    };
  }),
);
