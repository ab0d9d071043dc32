import { inject } from '@angular/core';
import { patchState, signalStore, withMethods, withProps, withState } from '@ngrx/signals';

import { type Site } from '../../../../models';
import { changedFields } from '../../shared/util/changed-fields';
import { failure } from '../../shared/util/error-message';
import { type SiteDraft, SiteRepository } from '../data/site-repository';
import { fromSite, toDraft } from './site-form-model';

interface SiteFormState {
  readonly site: Site | null;
  readonly loading: boolean;
  readonly saving: boolean;
  readonly error: string | null;
}

const initialState: SiteFormState = { site: null, loading: false, saving: false, error: null };

export const SiteFormStore = signalStore(
  withState(initialState),
  withProps(() => ({ _repository: inject(SiteRepository) })),
  withMethods((store) => ({
    async load(id: string): Promise<Site | null> {
      patchState(store, { loading: true, error: null });
      try {
        const site = (await store._repository.findById(id)) ?? null;
        patchState(store, { site, loading: false, error: site ? null : 'This site is not on this device.' });
        return site;
      } catch (error: unknown) {
        patchState(store, { loading: false, error: failure('The site could not be read', error) });
        return null;
      }
    },
    /** Saves on the device; resolves to the site's id, or null with `error` set (the form keeps its values). */
    async save(draft: SiteDraft): Promise<string | null> {
      if (store.saving()) return null;
      patchState(store, { saving: true, error: null });
      try {
        const current = store.site();
        // Only what the user changed from the site as the form showed it: a field another device
        // changed since is not sent back with its old value.
        const saved = current
          ? await store._repository.update(current.id, changedFields(toDraft(fromSite(current)), draft))
          : await store._repository.create(draft);
        patchState(store, { site: saved, saving: false });
        return saved.id;
      } catch (error: unknown) {
        patchState(store, { saving: false, error: failure('The site was not saved', error) });
        return null;
      }
    },
  })),
);
