import { fingerprint } from '../../shared/util/edit-times';

/** What a signed report states: the job, its site, its notes and its photos, as any device holds them. */
export interface ReportContent {
  readonly job: {
    readonly title: string;
    readonly description?: string | null;
    readonly status: string;
    readonly priority: string;
    readonly assignee?: string | null;
    readonly dueDate?: string | null;
    readonly checklist?: readonly { readonly id: string; readonly label: string; readonly done: boolean }[] | null;
  };
  readonly site: { readonly name: string; readonly address?: string | null } | null;
  readonly notes: readonly {
    readonly id: string;
    readonly body: string;
    readonly observedAt: string;
    readonly reading?: number | null;
    readonly unit?: string | null;
  }[];
  readonly photos: readonly { readonly id: string; readonly caption?: string | null }[];
}

const byId = <T extends { readonly id: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * A short fingerprint of what a report states, the same on every device that holds the same records:
 * kept with a sign-off, so a later reader can tell whether the job changed after it was signed.
 * Only what the report shows counts (not edit times, versions or who synced what); notes and photos
 * in id order, so the order a device received them in does not matter.
 */
export function reportFingerprint({ job, site, notes, photos }: ReportContent): string {
  const content = {
    title: job.title,
    description: job.description ?? null,
    status: job.status,
    priority: job.priority,
    assignee: job.assignee ?? null,
    dueDate: job.dueDate ?? null,
    checklist: (job.checklist ?? []).map(({ id, label, done }) => [id, label, done]),
    site: site ? [site.name, site.address ?? null] : null,
    notes: byId(notes).map((note) => [note.id, note.body, note.observedAt, note.reading ?? null, note.unit ?? null]),
    photos: byId(photos).map((photo) => [photo.id, photo.caption ?? null]),
  };
  return fingerprint(JSON.stringify(content)) ?? '';
}
