import { DatePipe, DecimalPipe, DOCUMENT, formatDate } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  LOCALE_ID,
  signal,
  ViewEncapsulation,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';

import { Permissions } from '../../account/api';
import { BlobImage, photoState } from '../../photos/api';
import { failure } from '../../shared/util/error-message';
import { JobNotOnDevice } from '../ui/job-not-on-device';
import { PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';
import { CLOCK } from '../util/local-date';
import { JobReportStore } from './job-report-store';
import { isCancelledShare, PRINT_PAGE, REPORT_SHARING } from './report-output';
import { ReportSignOff, type SignatureDraft } from './report-sign-off';
import { reportSummary } from './report-summary';

/**
 * A job's printable, shareable report: reference, details and completion, checklist with tick
 * times, field notes with readings, photos with their captions and notes, and its sign-off.
 */
@Component({
  selector: 'fb-job-report',
  imports: [DatePipe, DecimalPipe, RouterLink, BlobImage, JobNotOnDevice, ReportSignOff],
  providers: [JobReportStore],
  templateUrl: './job-report.html',
  styleUrl: './job-report.css',
  // Its print rules hide the app's navigation and sync bar, and only while a report is on screen.
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobReport {
  /** Route param `:id`. */
  readonly id = input.required<string>();

  protected readonly store = inject(JobReportStore);
  protected readonly sharing = inject(REPORT_SHARING);
  protected readonly statusLabels: Readonly<Record<string, string>> = STATUS_LABELS;
  protected readonly priorityLabels: Readonly<Record<string, string>> = PRIORITY_LABELS;
  protected readonly preparedAt = inject(CLOCK)();
  protected readonly photoState = photoState;
  protected readonly shareMessage = signal('');
  protected readonly maySign = computed(() => this.permissions.may('update', 'Job'));
  protected readonly sign = ({ signerName, signature, width, height }: SignatureDraft) =>
    this.store.sign(signerName, signature, width, height);
  private readonly permissions = inject(Permissions);
  private readonly print = inject(PRINT_PAGE);
  private readonly locale = inject(LOCALE_ID);
  private readonly document = inject(DOCUMENT);

  constructor() {
    this.store.load(this.id);
    const title = inject(Title);
    // The browser prints the title in the page header and names the saved PDF after it.
    effect(() => {
      const job = this.store.job();
      if (job) title.setTitle(`${job.title} · Job report · Fieldbook`);
    });
  }

  protected printReport(): void {
    this.print();
  }

  protected async share(): Promise<void> {
    const job = this.store.job();
    if (!job || !this.sharing) return;
    const content = {
      job,
      site: this.store.site(),
      notes: this.store.notesInOrder(),
      reference: this.store.reference(),
      completion: this.store.completion(),
      photoCount: this.store.photos().length,
    };
    const text = reportSummary(content, (iso) => formatDate(iso, 'medium', this.locale));
    this.shareMessage.set('');
    try {
      await this.sharing.send({ title: `Job report: ${job.title}`, text, url: this.document.location.href });
      if (this.sharing.label === 'Copy summary') this.shareMessage.set('The summary and the link are copied.');
    } catch (error) {
      if (isCancelledShare(error)) return;
      this.shareMessage.set(`${failure('Sharing the report failed', error)}. Print or save as PDF instead.`);
    }
  }
}
