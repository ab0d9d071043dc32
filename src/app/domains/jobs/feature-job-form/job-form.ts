import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  type OnInit,
  signal,
  untracked,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';

import { type Job } from '../../../../models';
import { Permissions } from '../../account/api';
import {
  type ChangedUnderneath,
  ChangedUnderneathNotice,
  followStoredRecord,
  settled,
  withFresh,
} from '../../shared/ui/changed-underneath-notice';
import { changedFields } from '../../shared/util/changed-fields';
import { type JobDraft } from '../data/job-repository';
import { JOB_PRIORITIES, JOB_STATUSES, PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';
import { changedUnderneath, type JobField } from './changed-underneath';
import { checklistRow, createJobForm, draftOf, fillJobForm, takeField, toJobDraft } from './job-form-model';
import { JobFormStore } from './job-form-store';

/** Fields in the order they appear, for moving focus to the first one that needs fixing. */
const FIELD_ORDER = ['title', 'siteID', 'dueDate'] as const;

@Component({
  selector: 'fb-job-form',
  imports: [ReactiveFormsModule, RouterLink, ChangedUnderneathNotice],
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
  private readonly permissions = inject(Permissions);
  /** A direct link to the form says so instead of offering what the server would refuse. */
  protected readonly mayWrite = computed(() => this.permissions.may(this.id() ? 'update' : 'create', 'Job'));

  /** Editable only once the job is loaded, so its stored values never overwrite what the user typed. */

  protected readonly ready = computed(() => !this.id() || this.store.job() !== null);
  protected readonly form = createJobForm();
  protected readonly submitted = signal(false);
  protected readonly statuses = JOB_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly priorities = JOB_PRIORITIES;
  protected readonly priorityLabels = PRIORITY_LABELS;
  /** Fields another tab or device changed while the form was open, newest last. */
  protected readonly underneath = signal<readonly ChangedUnderneath[]>([]);
  private readonly router = inject(Router);
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);
  /**
   * The job as the form last took it from the store. Only what the user changed from it is saved,
   * so a value the form showed before another device changed it is never sent back over that change.
   */
  private base: JobDraft | null = null;

  constructor() {
    effect(() => {
      const latest = this.store.latest();
      if (latest) untracked(() => this.takeChangesFrom(latest));
    });
  }

  async ngOnInit(): Promise<void> {
    const id = this.id();
    if (id) {
      const job = await this.store.loadJob(id);
      if (job) {
        fillJobForm(this.form, job);
        this.base = draftOf(job);
      }
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
    const draft = toJobDraft(this.form);
    const id = await this.store.save(draft, this.base ? changedFields(this.base, draft) : draft);
    if (id) await this.router.navigate(['/jobs', id]);
  }

  /** The user settles a field both changed by taking the other device's value. */
  protected useTheirs(field: string): void {
    const latest = this.store.latest();
    if (!latest) return;
    takeField(this.form, latest, field as JobField);
    this.underneath.update((list) => settled(list, field));
  }

  /**
   * The stored job changed while the form is open: fields the user has not touched follow it, and
   * fields both changed stay as the user has them, listed for them to decide.
   */
  private takeChangesFrom(latest: Job): void {
    if (!this.base) return;
    const theirs = draftOf(latest);
    const mine = toJobDraft(this.form);
    const sites = this.store.sites();
    const fresh = followStoredRecord(
      this.base,
      theirs,
      mine,
      (field) => takeField(this.form, latest, field),
      (field, clash) => changedUnderneath(field, theirs, mine, clash, sites),
    );
    this.base = theirs;
    if (fresh.length > 0) this.underneath.update((list) => withFresh(list, fresh));
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
