import {
  type AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  type ValidationErrors,
  Validators,
} from '@angular/forms';

import { type ChecklistItem, type Job, JobPriority, JobStatus } from '../../../../models';
import { type JobDraft } from '../data/job-repository';
import { isValidDate } from '../util/local-date';

export type ChecklistRow = FormGroup<{
  id: FormControl<string>;
  label: FormControl<string>;
  done: FormControl<boolean>;
  doneAt: FormControl<string | null>;
}>;

export function validDate(control: AbstractControl<string>): ValidationErrors | null {
  return !control.value || isValidDate(control.value) ? null : { date: true };
}

export function createJobForm() {
  return new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/\S/)] }),
    siteID: new FormControl('', { nonNullable: true, validators: Validators.required }),
    description: new FormControl('', { nonNullable: true }),
    status: new FormControl<JobStatus>(JobStatus.OPEN, { nonNullable: true }),
    priority: new FormControl<JobPriority>(JobPriority.NORMAL, { nonNullable: true }),
    assignee: new FormControl('', { nonNullable: true }),
    dueDate: new FormControl('', { nonNullable: true, validators: validDate }),
    tags: new FormControl('', { nonNullable: true }),
    checklist: new FormArray<ChecklistRow>([]),
  });
}

export type JobForm = ReturnType<typeof createJobForm>;

export function checklistRow(item: Partial<ChecklistItem> = {}): ChecklistRow {
  return new FormGroup({
    id: new FormControl(item.id ?? crypto.randomUUID(), { nonNullable: true }),
    label: new FormControl(item.label ?? '', { nonNullable: true }),
    done: new FormControl(item.done ?? false, { nonNullable: true }),
    doneAt: new FormControl(item.doneAt ?? null),
  });
}

export function fillJobForm(form: JobForm, job: Job): void {
  form.controls.checklist.clear();
  for (const item of job.checklist ?? []) form.controls.checklist.push(checklistRow(item));
  form.patchValue({
    title: job.title,
    siteID: job.siteID,
    description: job.description ?? '',
    status: job.status as JobStatus,
    priority: job.priority as JobPriority,
    assignee: job.assignee ?? '',
    dueDate: job.dueDate ?? '',
    tags: (job.tags ?? []).join(', '),
  });
}

/** Trims text, turns blanks into null, splits tags on commas, drops checklist rows left empty. */
export function toJobDraft(form: JobForm): JobDraft {
  const value = form.getRawValue();
  return {
    title: value.title.trim(),
    siteID: value.siteID,
    description: value.description.trim() || null,
    status: value.status,
    priority: value.priority,
    assignee: value.assignee.trim() || null,
    dueDate: value.dueDate || null,
    tags: [
      ...new Set(
        value.tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
      ),
    ],
    checklist: value.checklist.map((item) => ({ ...item, label: item.label.trim() })).filter((item) => item.label),
  };
}

/** A stored job as the form would save it unchanged: the base that the user's edits are judged against. */
export function draftOf(job: Job): JobDraft {
  const form = createJobForm();
  fillJobForm(form, job);
  return toJobDraft(form);
}

/** Shows the stored job's value of one field in the form, leaving every other field as the user has it. */
export function takeField(form: JobForm, job: Job, field: keyof JobDraft): void {
  const stored = createJobForm();
  fillJobForm(stored, job);
  if (field === 'checklist') {
    form.controls.checklist.clear();
    for (const row of stored.controls.checklist.controls) form.controls.checklist.push(checklistRow(row.getRawValue()));
  } else {
    form.controls[field].setValue(stored.controls[field].getRawValue() as never);
  }
}
