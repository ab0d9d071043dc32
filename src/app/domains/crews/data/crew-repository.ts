import { inject, Injectable } from '@angular/core';
import { DataStore, type ObserveQueryOptions, SortDirection } from '@aws-amplify/datastore';
import { type Observable } from 'rxjs';

import { Crew } from '../../../../models';
import { DeviceChanges } from '../../shared/data/device-changes';
import { ascending } from '../../shared/util/list-patch';
import { liveList } from '../../shared/util/live-list';

const byName: ObserveQueryOptions<Crew> = { sort: (crew) => crew.name(SortDirection.ASCENDING) };
const nameOrder = ascending<Crew>((crew) => crew.name);

/**
 * The crews aggregate's only door to DataStore. Crews are made on the server (the users command),
 * never on a device: a device holds the crews it may see (Office all, a crew member their own).
 */
@Injectable({ providedIn: 'root' })
export class CrewRepository {
  private readonly changes = inject(DeviceChanges);

  /** Every crew on the device, sorted by name, live. */
  watchAll(): Observable<readonly Crew[]> {
    return liveList({
      changes: this.changes.of('Crew'),
      requery: () => DataStore.query(Crew, undefined, byName),
      readOne: (id) => DataStore.query(Crew, id),
      matches: () => true,
      compare: nameOrder,
    });
  }
}
