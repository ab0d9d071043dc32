import { Injectable } from '@angular/core';
import { DataStore, type ObserveQueryOptions, SortDirection } from '@aws-amplify/datastore';
import { type Observable } from 'rxjs';

import { type GeoPoint, Site } from '../../../../models';
import { durably } from '../../shared/data/durable-write';
import { changedFields } from '../../shared/util/changed-fields';
import { ascending } from '../../shared/util/list-patch';
import { liveList } from '../../shared/util/live-list';

export interface SiteDraft {
  readonly name: string;
  readonly address?: string | null;
  readonly contactName?: string | null;
  readonly contactPhone?: string | null;
  readonly notes?: string | null;
  readonly location?: GeoPoint | null;
}

const byName: ObserveQueryOptions<Site> = { sort: (site) => site.name(SortDirection.ASCENDING) };
const nameOrder = ascending<Site>((site) => site.name);

/** The sites aggregate's only door to DataStore. */
@Injectable({ providedIn: 'root' })
export class SiteRepository {
  /** Every site, sorted by name, live. */
  watchAll(): Observable<readonly Site[]> {
    return liveList({
      snapshots: DataStore.observeQuery(Site, undefined, byName),
      changes: DataStore.observe(Site),
      requery: () => DataStore.query(Site, undefined, byName),
      readOne: (id) => DataStore.query(Site, id),
      matches: () => true,
      compare: nameOrder,
    });
  }

  async findById(id: string): Promise<Site | undefined> {
    return DataStore.query(Site, id);
  }

  async create(draft: SiteDraft): Promise<Site> {
    return durably(() => DataStore.save(new Site({ ...draft })));
  }

  async update(id: string, changes: Partial<SiteDraft>): Promise<Site> {
    const current = await this.requireSite(id);
    return durably(() =>
      DataStore.save(Site.copyOf(current, (draft) => Object.assign(draft, changedFields(draft, changes)))),
    );
  }

  async remove(id: string): Promise<void> {
    const site = await this.requireSite(id);
    await durably(() => DataStore.delete(site));
  }

  private async requireSite(id: string): Promise<Site> {
    const site = await DataStore.query(Site, id);
    if (!site) throw new Error(`Site ${id} is not on this device`);
    return site;
  }
}
