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
}

/** What a person reads about a photo's bytes. */
export function photoState(photo: PhotoView): string {
  if (photo.full) return photo.uploaded ? 'uploaded' : 'waiting to upload';
  if (photo.loading) return 'loading';
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

/** "29 Nov 2026, 14:05" in the device's language. */
export function takenAtText(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
