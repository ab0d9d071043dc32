export { type FieldNoteDraft, FieldNoteRepository } from '../data/field-note-repository';
export { readNoteDraft, saveNoteDraft } from '../data/note-drafts';
export { type NoteEdit } from '../ui/note-edit-form';
export { NoteForm, type NoteFormValue } from '../ui/note-form';
export { NoteList } from '../ui/note-list';
export { type NoteDraftText } from '../util/note-draft-text';
