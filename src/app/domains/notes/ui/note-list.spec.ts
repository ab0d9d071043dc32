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

describe('NoteList showing a note', () => {
  it('says when a note was edited, and by whom', async () => {
    const edited = FieldNote.copyOf(gauge, (draft) => {
      draft.attributes = JSON.stringify({ gauge: 'G-7', editedAt: '2026-11-28T14:32:00.000Z', editedBy: 'Ben' });
    });
    await renderNotes([edited]);

    const item = within(screen.getByRole('listitem'));
    const when = item.getByText(/^Edited/);
    expect(when.textContent?.replace(/\s+/g, ' ').trim()).toMatch(/^Edited .*2026.* by Ben$/);
    expect(when.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-28T14:32:00.000Z');
  });

  it('does not call a note edited that never was', async () => {
    await renderNotes([gauge]);

    expect(within(screen.getByRole('listitem')).queryByText(/Edited/)).toBeNull();
  });

  it('shows where a note was taken, with a link to open it in maps', async () => {
    const placed = FieldNote.copyOf(gauge, (draft) => {
      draft.location = { latitude: 51.5074, longitude: -0.1278, accuracyMeters: 9 };
    });
    await renderNotes([placed, new FieldNote({ jobID: 'job-1', body: 'No place', observedAt: gauge.observedAt })]);

    const [first, second] = screen.getAllByRole('listitem');
    expect(first?.textContent).toContain('Location: 51.507400, -0.127800');
    const link = within(first!).getByRole('link', { name: /^Open in maps for the note from/ });
    expect(link.getAttribute('href')).toBe(
      'https://www.openstreetmap.org/?mlat=51.5074&mlon=-0.1278#map=17/51.5074/-0.1278',
    );
    expect(within(second!).queryByRole('link', { name: /Open in maps/ })).toBeNull();
  });
});

describe('NoteList editing a note’s location', () => {
  it('sends a location taken while editing, and nothing else', async () => {
    spyOn(navigator.geolocation, 'getCurrentPosition').and.callFake((success) =>
      success({ coords: { latitude: -33.8568, longitude: 151.2153, accuracy: 5 } } as GeolocationPosition),
    );
    const { edits } = await renderNotes([gauge]);
    const form = within(await openEditor());

    await userEvent.click(form.getByRole('button', { name: 'Use my location' }));
    await userEvent.click(form.getByRole('button', { name: 'Save note' }));

    expect(edits[0]?.changes).toEqual({ location: { latitude: -33.8568, longitude: 151.2153, accuracyMeters: 5 } });
  });

  it('removes a note’s location', async () => {
    const placed = FieldNote.copyOf(gauge, (draft) => {
      draft.location = { latitude: 51.5074, longitude: -0.1278, accuracyMeters: 9 };
    });
    const { edits } = await renderNotes([placed]);
    const form = within(await openEditor());

    await userEvent.click(form.getByRole('button', { name: 'Remove location' }));
    await userEvent.click(form.getByRole('button', { name: 'Save note' }));

    expect(edits[0]?.changes).toEqual({ location: null });
  });
});
