/** One photo as the job page shows it: its record, and what this device holds of it. */
export interface PhotoView {
  readonly id: string;
  readonly key: string;
  readonly hash: string;
  /** The field note it was taken for, if any. */
  readonly fieldNoteID: string | null;
  readonly contentType: string;
  readonly caption: string | null;
  readonly takenAt: string;
  readonly width: number;
  readonly height: number;
  /** The bytes are in storage. */
  readonly uploaded: boolean;
  /** The full-size bytes on this device, or null (taken on another device and not loaded yet). */
  readonly full: Blob | null;
  readonly thumbnail: Blob | null;
  /** Being fetched from storage now. */
  readonly loading: boolean;
  /**
   * Uploaded, but still in the folder of the crew its job was moved from, which this job's crew
   * cannot read: a device that reaches both folders moves it (PhotoRehoming).
   */
  readonly moving: boolean;
}

/** What a person reads about a photo's bytes. */
export function photoState(photo: PhotoView): string {
  if (photo.full) return photo.uploaded ? 'uploaded' : 'waiting to upload';
  if (photo.loading) return 'loading';
  if (photo.moving) return 'being moved to its new crew';
  return photo.uploaded ? 'not on this device' : 'not uploaded yet by the device that took it';
}

/** A field note a photo can be taken for, as the job page lists it. */
export interface NoteChoice {
  readonly id: string;
  readonly label: string;
}

/** "Photo 2 of 5", with its caption when it has one. */
export function photoName(photo: PhotoView, index: number, count: number): string {
  const name = `Photo ${index + 1} of ${count}`;
  return photo.caption ? `${name}: ${photo.caption}` : name;
}

/**
 * How the photo controls name a note: by its place in the list and when it was observed. Not by
 * its text, which the note list shows already (a second copy of it reads twice to a screen reader).
 */
export function noteLabel(position: number, observedAt: string): string {
  return `Note ${position} · ${takenAtText(observedAt)}`;
}

export function photosWaitingText(count: number): string {
  return count === 1 ? '1 photo waiting to upload' : `${count} photos waiting to upload`;
}

/**
 * A transfer that never reached the server: a phone with no signal often still says it is online,
 * and the attempt ends as a network error, which is no fault of the photo.
 */
export function isConnectionFailure(problem: string): boolean {
  return /network ?error|failed to fetch|load failed/i.test(problem);
}

/** Why waiting photos are not uploaded yet; '' while nothing has stopped them. */
export function uploadWaitReason(online: boolean, problem: string | null): string {
  if (!online) return 'Uploads once the device is online again.';
  if (!problem) return '';
  return isConnectionFailure(problem)
    ? 'Uploads once the server can be reached; trying again.'
    : `Last upload attempt failed (${problem}); trying again.`;
}

/** "29 Nov 2026, 14:05" in the device's language. */
export function takenAtText(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
