import { type FieldNote } from '../../../../models';
import { type PhotoView } from '../../photos/api';

/** A note's text under a photo is a reminder of which note, not the note itself (the report lists it in full). */
const NOTE_CHARS = 80;

/** One photo as the report prints it. */
export interface ReportPhoto {
  readonly view: PhotoView;
  /** The caption, or its place ("Photo 2 of 5") when it has none. */
  readonly alt: string;
  /** The note it was taken for, shortened, or "Job photo". */
  readonly belongsTo: string;
}

export function reportPhotos(photos: readonly PhotoView[], notes: readonly FieldNote[]): ReportPhoto[] {
  const bodies = new Map(notes.map((note) => [note.id, note.body]));
  return photos.map((view, index) => ({
    view,
    alt: view.caption || `Photo ${index + 1} of ${photos.length}`,
    belongsTo: belongsTo(view.fieldNoteID, bodies),
  }));
}

function belongsTo(noteId: string | null, bodies: ReadonlyMap<string, string>): string {
  if (!noteId) return 'Job photo';
  const body = bodies.get(noteId);
  return body === undefined ? 'Note: not on this device' : `Note: ${shortened(body)}`;
}

/** The text up to a word's end near `NOTE_CHARS`, on one line, with "…" where it was cut. */
export function shortened(text: string, max = NOTE_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
