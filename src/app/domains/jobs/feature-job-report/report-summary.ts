import { type FieldNote, type Job, type JobPriority, type JobStatus, type Site } from '../../../../models';
import { checklistProgress } from '../util/checklist';
import { type JobCompletion } from '../util/job-completion';
import { PRIORITY_LABELS, STATUS_LABELS } from '../util/job-labels';

export interface ReportContent {
  readonly job: Job;
  readonly site: Site | null;
  /** In the order they appear in the report. */
  readonly notes: readonly FieldNote[];
  readonly reference: string;
  readonly completion: JobCompletion | null;
  /** How many photos the report holds (text carries none of them). */
  readonly photoCount: number;
}

/** How a time reads in the summary (the page passes its locale's formatter). */
export type FormatTime = (iso: string) => string;

/** A reading as it reads in the report: "71.5 bar", or null when the note has none. */
export function readingLine(note: Pick<FieldNote, 'reading' | 'unit'>): string | null {
  if (note.reading === null || note.reading === undefined) return null;
  return [String(note.reading), note.unit?.trim()].filter(Boolean).join(' ');
}

/** The report as plain text, for a share sheet, a message or an e-mail. */
export function reportSummary(
  { job, site, notes, reference, completion, photoCount }: ReportContent,
  formatTime: FormatTime,
): string {
  const progress = checklistProgress(job.checklist);
  const facts = [
    `Status: ${STATUS_LABELS[job.status as JobStatus]}`,
    `Priority: ${PRIORITY_LABELS[job.priority as JobPriority]}`,
    `Due: ${job.dueDate ?? 'no due date'}`,
    `Assignee: ${job.assignee || 'unassigned'}`,
  ];
  const lines = [
    `Job report: ${job.title}`,
    `Ref. ${reference}`,
    `Site: ${site ? [site.name, site.address].filter(Boolean).join(', ') : 'not on this device'}`,
    facts.join(' · '),
  ];
  if (completion) lines.push(`Completed: ${completionText(completion, formatTime)}`);
  if (progress.total) {
    lines.push('', `Checklist: ${progress.done} of ${progress.total} done`);
    for (const item of job.checklist ?? []) {
      const ticked = item.done && item.doneAt ? ` (ticked ${formatTime(item.doneAt)})` : '';
      lines.push(`[${item.done ? 'x' : ' '}] ${item.label}${ticked}`);
    }
  }
  if (notes.length) {
    lines.push('', `Field notes: ${notes.length}`);
    for (const note of notes) {
      const reading = readingLine(note);
      const who = note.author ? `, ${note.author}` : '';
      lines.push(`${formatTime(note.observedAt)}${who}: ${note.body}${reading ? ` (reading ${reading})` : ''}`);
    }
  }
  if (photoCount) lines.push('', `Photos: ${photoCount}, in the printed report`);
  return lines.join('\n');
}

/** "10 Jun 2025, 09:30 by Ana Lopez", as the report's Completed line reads. */
export function completionText(completion: JobCompletion, formatTime: FormatTime): string {
  if (!completion.known) return 'When and by whom is not known on this device';
  return `${formatTime(completion.at)} ${completion.by ? `by ${completion.by}` : '· who is not recorded'}`;
}
