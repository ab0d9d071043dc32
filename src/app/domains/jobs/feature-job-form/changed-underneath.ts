import { type JobPriority, type JobStatus, type Site } from '../../../../models';
import { type ChangedUnderneath } from '../../shared/ui/changed-underneath-notice';
import { fieldLabel } from '../../shared/util/format-field';
import { type JobDraft } from '../data/job-repository';
import { PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';

export type JobField = keyof JobDraft & string;

export function changedUnderneath(
  field: JobField,
  theirs: JobDraft,
  mine: JobDraft,
  clash: boolean,
  sites: readonly Site[],
): ChangedUnderneath {
  const show = (draft: JobDraft) => describe(field, draft, sites);
  return { field, label: fieldLabel(field), theirs: show(theirs), mine: show(mine), clash };
}

function describe(field: JobField, draft: JobDraft, sites: readonly Site[]): string {
  const value = draft[field];
  if (value === null || value === undefined || value === '') return '—';
  switch (field) {
    case 'status':
      return STATUS_LABELS[value as JobStatus];
    case 'priority':
      return PRIORITY_LABELS[value as JobPriority];
    case 'siteID':
      return sites.find((site) => site.id === value)?.name ?? 'another site';
    case 'tags':
      return (draft.tags ?? []).join(', ') || '—';
    case 'checklist':
      return (draft.checklist ?? []).map((item) => `${item.done ? '☑' : '☐'} ${item.label}`).join(', ') || '—';
    default:
      return String(value);
  }
}
