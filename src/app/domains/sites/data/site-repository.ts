import { inject, Injectable } from '@angular/core';
import { DataStore, type ObserveQueryOptions, SortDirection } from '@aws-amplify/datastore';
import { type Observable } from 'rxjs';

import { type GeoPoint, Site } from '../../../../models';
import { scopeOf } from '../../crews/api';
import { moveToCrew } from '../../shared/data/crew-move';
import { DeviceChanges } from '../../shared/data/device-changes';
import { serverNow } from '../../shared/data/device-clock';
import { DeviceWrites } from '../../shared/data/device-writes';
import { createOnce, deleteIfPresent } from '../../shared/data/idempotent-writes';
import { saveChanges } from '../../shared/data/save-changes';
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

/** A new site: its fields, and the crew that works it (none: the office's alone). */
export interface NewSite extends SiteDraft {
  readonly crewID?: string | null;
}

const byName: ObserveQueryOptions<Site> = { sort: (site) => site.name(SortDirection.ASCENDING) };
const nameOrder = ascending<Site>((site) => site.name);

/** Site writes as DeviceWrites commands (plain data, safe to run twice); they run in the sync leader. */
const SITE_WRITES = {
  /** The crew's scope goes on the site here; everything made on the site copies it (record-scope.ts). */
  'site.create': ({ id, draft }: { id: string; draft: NewSite }) =>
    createOnce(Site, { ...draft, ...scopeOf(draft.crewID), id }),
  /** Sets only the fields that differ, so the server sees just what the user changed. */
  'site.update': async ({ id, changes }: { id: string; changes: Partial<SiteDraft> }) => {
    const current = await requireSite(id);
    await saveChanges(Site, current, changes);
    return id;
  },
  'site.remove': ({ id }: { id: string }) => deleteIfPresent(Site, id).then(() => id),
  /** The site and everything on it to another crew (or none), with a handover for the crew it left. */
  'site.moveToCrew': async ({ id, crewID, at }: { id: string; crewID: string | null; at: string }) => {
    await moveToCrew('Site', id, scopeOf(crewID), new Date(at));
    return id;
  },
} as const;

/** The sites aggregate's only door to DataStore; writes go through DeviceWrites. */
@Injectable({ providedIn: 'root' })
export class SiteRepository {
  private readonly writes = inject(DeviceWrites);
  private readonly changes = inject(DeviceChanges);

  constructor() {
    for (const [command, executor] of Object.entries(SITE_WRITES)) this.writes.register(command, executor);
  }

  /** Every site, sorted by name, live. */
  watchAll(): Observable<readonly Site[]> {
    return liveList({
      changes: this.changes.of('Site'),
      requery: () => DataStore.query(Site, undefined, byName),
      readOne: (id) => DataStore.query(Site, id),
      matches: () => true,
      compare: nameOrder,
    });
  }

  async findById(id: string): Promise<Site | undefined> {
    return DataStore.query(Site, id);
  }

  async create(draft: NewSite): Promise<Site> {
    return requireSite(await this.writes.run<string>('site.create', { id: crypto.randomUUID(), draft }));
  }

  async update(id: string, changes: Partial<SiteDraft>): Promise<Site> {
    return requireSite(await this.writes.run<string>('site.update', { id, changes }));
  }

  /** Hands the site, its jobs and everything on them to the crew `crewID` (null: the office's alone). */
  async moveToCrew(id: string, crewID: string | null): Promise<Site> {
    return requireSite(await this.writes.run<string>('site.moveToCrew', { id, crewID, at: serverNow().toISOString() }));
  }

  async remove(id: string): Promise<void> {
    await requireSite(id);
    await this.writes.run('site.remove', { id });
  }
}

async function requireSite(id: string): Promise<Site> {
  const site = await DataStore.query(Site, id);
  if (!site) throw new Error(`Site ${id} is not on this device`);
  return site;
}
