import type { NoteDraftText } from '../util/note-draft-text';

/**
 * A field note being typed, kept on the device per job so that leaving the job page (another tab of
 * the app, a reload, a closed window) does not lose it. Cleared when the note is added.
 */
const draftKey = (jobId: string) => `fieldbook.noteDraft.${jobId}`;

export function readNoteDraft(jobId: string): NoteDraftText | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(draftKey(jobId)) ?? 'null');
    if (!parsed || typeof parsed !== 'object') return null;
    const { body, reading, unit, observedAt, location } = parsed as Record<string, unknown>;
    if (typeof body !== 'string' || typeof reading !== 'string' || typeof unit !== 'string') return null;
    const point = readPoint(location);
    return {
      body,
      reading,
      unit,
      ...(typeof observedAt === 'string' ? { observedAt } : {}),
      ...(point ? { location: point } : {}),
    };
  } catch {
    return null;
  }
}

function readPoint(value: unknown): NoteDraftText['location'] | null {
  if (!value || typeof value !== 'object') return null;
  const { latitude, longitude, accuracyMeters } = value as Record<string, unknown>;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  return { latitude, longitude, accuracyMeters: typeof accuracyMeters === 'number' ? accuracyMeters : null };
}

/** Keeps `draft` for the job, or forgets it when null. */
export function saveNoteDraft(jobId: string, draft: NoteDraftText | null): void {
  try {
    if (draft) localStorage.setItem(draftKey(jobId), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(jobId));
  } catch {
    // Storage full or blocked: the text stays in the form while the page is open.
  }
}
