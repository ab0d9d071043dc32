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

import { type JobPriority, type JobStatus } from '../../../../models';
import { Permissions } from '../../account/api';
import { RecordHistory } from '../../history/api';
import {
  type NoteDraftText,
  type NoteEdit,
  NoteForm,
  type NoteFormValue,
  NoteList,
  readNoteDraft,
  saveNoteDraft,
} from '../../notes/api';
import { PhotoGallery } from '../../photos/api';
import { noteLabel } from '../../photos/api';
import { canLocate } from '../../shared/util/geolocation';
import { SyncStatusStore } from '../../sync/api';
import { JobNotOnDevice } from '../ui/job-not-on-device';
import { describeDue, formatDay } from '../util/due-date';
import { isOverdue } from '../util/job-filters';
import { JOB_STATUSES, PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';
import { jobReference } from '../util/job-reference';
import { CLOCK, localDate } from '../util/local-date';
import { JobDetailStore } from './job-detail-store';
import { JobPhotosStore } from './job-photos-store';

@Component({
  selector: 'fb-job-detail',
  imports: [RouterLink, NoteForm, NoteList, PhotoGallery, RecordHistory, JobNotOnDevice],
  providers: [JobDetailStore, JobPhotosStore],
  templateUrl: './job-detail.html',
  styleUrl: './job-detail.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobDetail implements OnInit {
  /** Route param `:id`. */
  readonly id = input.required<string>();

  protected readonly store = inject(JobDetailStore);
  protected readonly photos = inject(JobPhotosStore);
  protected readonly online = inject(SyncStatusStore).online;
  protected readonly canLocate = canLocate();
  private readonly permissions = inject(Permissions);
  protected readonly mayEdit = computed(() => this.permissions.may('update', 'Job'));
  protected readonly mayDelete = computed(() => this.permissions.may('delete', 'Job'));
  protected readonly mayAddNotes = computed(() => this.permissions.may('create', 'FieldNote'));
  /** The notes a photo can be taken for. */
  protected readonly noteChoices = computed(() =>
    this.store.notes().map((note, index) => ({ id: note.id, label: noteLabel(index + 1, note.observedAt) })),
  );
  /** The job's reference, as its report prints it. */
  protected readonly reference = computed(() => jobReference(this.id()));
  protected readonly statuses = JOB_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly priorityLabel = computed(() => {
    const job = this.store.job();
    return job ? PRIORITY_LABELS[job.priority as JobPriority] : '';
  });
  protected readonly overdue = computed(() => {
    const job = this.store.job();
    return !!job && isOverdue(job, localDate(this.clock()));
  });
  /** "Sun 1 Jun (overdue 9 days)": a day a person reads, with how late it is. */
  protected readonly dueText = computed(() => {
    const due = this.store.job()?.dueDate;
    if (!due) return 'No due date';
    const today = localDate(this.clock());
    const day = formatDay(due, today);
    return this.overdue() ? `${day} (${describeDue(due, today, false).text.toLowerCase()})` : day;
  });
  /** A note typed here and not yet added, from the last visit. */
  protected readonly noteDraft = computed(() => readNoteDraft(this.id()));
  private readonly clock = inject(CLOCK);
  private readonly router = inject(Router);
  private readonly confirmDialog = viewChild<ElementRef<HTMLDialogElement>>('deleteDialog');
  private readonly noteForm = viewChild(NoteForm);
  private readonly noteList = viewChild(NoteList);

  ngOnInit(): void {
    this.store.load(this.id);
    this.photos.load(this.id);
  }

  protected setStatus(status: string): void {
    void this.store.setStatus(status as JobStatus);
  }

  /**
   * Clears the field at once, so the next item can be typed while this one saves: clearing after
   * the save wiped whatever had been typed meanwhile. A failed save puts the text back if the field
   * is still empty.
   */
  protected async addChecklistItem(input: HTMLInputElement): Promise<void> {
    const label = input.value;
    if (!label.trim()) return;
    input.value = '';
    if (!(await this.store.addChecklistItem(label)) && !input.value) input.value = label;
  }

  protected async editNote(edit: NoteEdit): Promise<void> {
    if (await this.store.editNote(edit)) this.noteList()?.finishEditing();
  }

  protected keepNoteDraft(draft: NoteDraftText | null): void {
    saveNoteDraft(this.id(), draft);
  }

  protected async addNote(note: NoteFormValue): Promise<void> {
    if (await this.store.addNote(note)) this.noteForm()?.reset();
  }

  protected askToDelete(): void {
    this.confirmDialog()?.nativeElement.showModal();
  }

  protected async confirmDelete(): Promise<void> {
    this.confirmDialog()?.nativeElement.close();
    if (!(await this.store.deleteJob())) return;
    await this.photos.removeAll();
    await this.router.navigate(['/jobs']);
  }
}
