import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';

import { JOB_PRIORITIES, JOB_STATUSES, PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';
import { checklistRow, createJobForm, fillJobForm, toJobDraft } from './job-form-model';
import { JobFormStore } from './job-form-store';

/** Fields in the order they appear, for moving focus to the first one that needs fixing. */
const FIELD_ORDER = ['title', 'siteID', 'dueDate'] as const;

@Component({
  selector: 'fb-job-form',
  imports: [ReactiveFormsModule, RouterLink],
  providers: [JobFormStore],
  templateUrl: './job-form.html',
  styleUrl: './job-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobForm implements OnInit {
  /** Route param `:id` when editing. */
  readonly id = input<string>();
  /** Query param `?siteId=` to preselect the site when starting from a site's page. */
  readonly siteId = input<string>();

  protected readonly store = inject(JobFormStore);

  /** Editable only once the job is loaded, so its stored values never overwrite what the user typed. */

  protected readonly ready = computed(() => !this.id() || this.store.job() !== null);
  protected readonly form = createJobForm();
  protected readonly submitted = signal(false);
  protected readonly statuses = JOB_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly priorities = JOB_PRIORITIES;
  protected readonly priorityLabels = PRIORITY_LABELS;
  private readonly router = inject(Router);
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);

  async ngOnInit(): Promise<void> {
    const id = this.id();
    if (id) {
      const job = await this.store.loadJob(id);
      if (job) fillJobForm(this.form, job);
    } else if (this.siteId()) {
      this.form.controls.siteID.setValue(this.siteId() ?? '');
    }
  }

  protected showError(name: (typeof FIELD_ORDER)[number]): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected addChecklistItem(): void {
    this.form.controls.checklist.push(checklistRow());
    const index = this.form.controls.checklist.length - 1;
    queueMicrotask(() => this.focus(`#checklist-${index}`));
  }

  protected removeChecklistItem(index: number): void {
    this.form.controls.checklist.removeAt(index);
    this.focus('#add-checklist-item');
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    if (this.form.invalid) {
      const first = FIELD_ORDER.find((name) => this.form.controls[name].invalid);
      this.focus(`#job-${first}`);
      return;
    }
    const id = await this.store.save(toJobDraft(this.form));
    if (id) await this.router.navigate(['/jobs', id]);
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
