import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { Permissions } from '../../account/api';
import { crewLabel } from '../../crews/api';
import { NotSyncedYet } from '../../shared/ui/not-synced-yet';
import { SyncStatusStore } from '../../sync/api';
import { SiteListStore } from './site-list-store';

@Component({
  selector: 'fb-site-list',
  imports: [RouterLink, NotSyncedYet],
  providers: [SiteListStore],
  templateUrl: './site-list.html',
  styleUrl: './site-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SiteList {
  protected readonly store = inject(SiteListStore);
  private readonly permissions = inject(Permissions);
  protected readonly mayAdd = computed(() => this.permissions.may('create', 'Site'));
  private readonly sync = inject(SyncStatusStore);
  protected readonly online = this.sync.online;
  protected readonly sitesSynced = computed(() => this.sync.lastSynced()['Site'] !== undefined);

  protected crewOf(crewID: string | null | undefined): string {
    return crewLabel(crewID, this.store.crewNames());
  }

  protected onSearch(event: Event): void {
    this.store.search((event.target as HTMLInputElement).value);
  }
}
