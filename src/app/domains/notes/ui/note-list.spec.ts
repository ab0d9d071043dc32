import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

import { FieldNote } from '../../../../models';
import { type NoteEdit } from './note-edit-form';
import { NoteList } from './note-list';

const gauge = new FieldNote({
  jobID: 'job-1',
  body: 'Gauge reads high',
  observedAt: '2026-11-28T09:15:00.000Z',
  reading: 7.2,
  unit: 'bar',
  author: 'Ana',
});

async function renderNotes(notes: readonly FieldNote[]) {
  const edits: NoteEdit[] = [];
  const { fixture } = await render(NoteList, {
    inputs: { notes },
    on: { edit: (edit: NoteEdit) => edits.push(edit) },
  });
  /** The list the page passes in changes (another device's save arrived). */
  const showNotes = async (next: readonly FieldNote[]) => {
    fixture.componentRef.setInput('notes', next);
    await fixture.whenStable();
  };
  return { edits, showNotes };
}

async function openEditor(): Promise<HTMLElement> {
  await userEvent.click(screen.getByRole('button', { name: /Edit note/ }));
  return screen.getByRole('form', { name: 'Edit field note' });
}

describe('NoteList editing a note', () => {
  it('sends only the fields the user changed', async () => {
    const { edits } = await renderNotes([gauge]);
    const form = within(await openEditor());

    await userEvent.clear(form.getByLabelText('Note'));
    await userEvent.type(form.getByLabelText('Note'), 'Gauge reads high, valve weeping');
    await userEvent.click(form.getByRole('button', { name: 'Save note' }));

    expect(edits.length).toBe(1);
    expect(edits[0]?.id).toBe(gauge.id);
    expect(edits[0]?.changes).toEqual({ body: 'Gauge reads high, valve weeping' });
  });

  it('takes in another device’s change to a field the user left alone, and does not send it back', async () => {
    const { edits, showNotes } = await renderNotes([gauge]);
    const form = within(await openEditor());
    await userEvent.type(form.getByLabelText('Note'), ' (checked twice)');

    await showNotes([FieldNote.copyOf(gauge, (draft) => void (draft.reading = 6.9))]);

    const notice = screen.getByRole('status', { name: 'Changed on another device while you were editing' });
    expect(notice.textContent).toContain('Reading is now “6.9” (updated in the form)');
    expect((form.getByLabelText('Reading') as HTMLInputElement).value).toBe('6.9');
    await userEvent.click(form.getByRole('button', { name: 'Save note' }));
    expect(edits[0]?.changes).toEqual({ body: 'Gauge reads high (checked twice)' });
  });

  it('keeps the form and what was typed when another device deletes the note, and offers to save it anew', async () => {
    const { edits, showNotes } = await renderNotes([gauge]);
    const form = within(await openEditor());
    await userEvent.type(form.getByLabelText('Note'), ' and rising');

    await showNotes([]);

    expect(screen.getByRole('alert').textContent).toContain('This note was deleted on another device');
    const stillOpen = within(screen.getByRole('form', { name: 'Edit field note' }));
    expect((stillOpen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Gauge reads high and rising');
    await userEvent.click(stillOpen.getByRole('button', { name: 'Save note' }));
    expect(edits[0]?.whole).toEqual(
      jasmine.objectContaining({ jobID: 'job-1', body: 'Gauge reads high and rising', reading: 7.2, unit: 'bar' }),
    );
  });
});
