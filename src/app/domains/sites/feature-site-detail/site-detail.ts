import { LowerCasePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  input,
  type OnInit,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { Permissions } from '../../account/api';
import { crewLabel } from '../../crews/api';
import { RecordHistory } from '../../history/api';
import { JOB_STATUSES, JobCardList, STATUS_LABELS } from '../../jobs/api';
import { mapsLink, opensMapsApp } from '../../shared/util/maps-link';
import { SiteDetailStore } from './site-detail-store';

@Component({
  selector: 'fb-site-detail',
  imports: [RouterLink, LowerCasePipe, JobCardList, RecordHistory],
  providers: [SiteDetailStore],
  templateUrl: './site-detail.html',
  styleUrl: './site-detail.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SiteDetail implements OnInit {
  /** Route param `:id`. */
  readonly id = input.required<string>();

  protected readonly store = inject(SiteDetailStore);
  protected readonly statuses = JOB_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  private readonly permissions = inject(Permissions);
  protected readonly mayEdit = computed(() => this.permissions.may('update', 'Site'));
  protected readonly mayDelete = computed(() => this.permissions.may('delete', 'Site'));
  protected readonly mayAddJobs = computed(() => this.permissions.may('create', 'Job'));

  /** What a delete takes with it: DataStore deletes the site's jobs and their notes too. */
  protected readonly deleteWarning = computed(() => {
    const count = this.store.jobs().length;
    const jobs =
      count === 0
        ? ''
        : count === 1
          ? ', its job and the job’s field notes'
          : `, its ${count} jobs and their field notes`;
    return `“${this.store.site()?.name ?? ''}”${jobs} will be deleted on every device.`;
  });
  protected readonly crewName = computed(() => crewLabel(this.store.site()?.crewID, this.store.crewNames()));
  /** Where "Open in maps" goes: built from the stored point, so it works offline (see maps-link.ts). */
  protected readonly mapLink = computed(() => {
    const location = this.store.site()?.location;
    if (!location) return null;
    const href = mapsLink(location);
    return { href, inApp: opensMapsApp(href) };
  });
  private readonly router = inject(Router);
  private readonly confirmDialog = viewChild<ElementRef<HTMLDialogElement>>('deleteDialog');

  ngOnInit(): void {
    this.store.load(this.id);
  }

  protected askToDelete(): void {
    this.confirmDialog()?.nativeElement.showModal();
  }

  protected async confirmDelete(): Promise<void> {
    this.confirmDialog()?.nativeElement.close();
    if (await this.store.deleteSite()) await this.router.navigate(['/sites']);
  }
}
