import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

import type { NoteDraftText } from '../util/note-draft-text';
import { NoteForm, type NoteFormValue } from './note-form';

async function renderForm() {
  const added: NoteFormValue[] = [];
  await render(NoteForm, { on: { add: (value: NoteFormValue) => added.push(value) } });
  return added;
}

describe('NoteForm adding a field note', () => {
  it('saves a reading typed with a decimal comma as that number', async () => {
    const added = await renderForm();
    await userEvent.type(screen.getByLabelText('Note'), 'Flow at the weir');
    await userEvent.type(screen.getByLabelText('Reading'), '71,5');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));

    expect(added.length).toBe(1);
    expect(added[0]?.reading).toBe(71.5);
  });

  it('refuses a reading that is not a number, says why, and keeps what was typed', async () => {
    const added = await renderForm();
    await userEvent.type(screen.getByLabelText('Note'), 'Flow at the weir');
    await userEvent.type(screen.getByLabelText('Reading'), '71,5,2');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));

    expect(added).toEqual([]);
    expect(screen.getByText('Enter a number, like 71.5 or 71,5.')).toBeTruthy();
    expect(screen.getByLabelText('Reading').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Flow at the weir');
  });

  it('stamps a note with the time it is saved when the user leaves "Observed at" alone', async () => {
    const added = await renderForm();
    await userEvent.type(screen.getByLabelText('Note'), 'Gauge reads high');
    // The field shows the minute the form opened; the save comes later.
    const beforeSaving = Date.now();
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));

    expect(added.length).toBe(1);
    expect(Date.parse(added[0]?.observedAt ?? '')).toBeGreaterThanOrEqual(beforeSaving);
  });

  it('keeps a time the user set', async () => {
    const added = await renderForm();
    await userEvent.type(screen.getByLabelText('Note'), 'Seen yesterday');
    const observed = screen.getByLabelText('Observed at');
    await userEvent.clear(observed);
    await userEvent.type(observed, '2026-11-27T16:45');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));

    expect(added[0]?.observedAt).toBe(new Date(2026, 10, 27, 16, 45).toISOString());
  });
});

describe('NoteForm keeping a half-typed note', () => {
  it('reports what is typed so the page can keep it, and nothing once the note is cleared', async () => {
    const drafts: (NoteDraftText | null)[] = [];
    await render(NoteForm, { on: { draftChange: (draft: NoteDraftText | null) => drafts.push(draft) } });
    await userEvent.type(screen.getByLabelText('Note'), 'Valve');
    await userEvent.type(screen.getByLabelText('Reading'), '7,2');

    expect(drafts.at(-1)).toEqual({ body: 'Valve', reading: '7,2', unit: '' });

    await userEvent.clear(screen.getByLabelText('Note'));
    await userEvent.clear(screen.getByLabelText('Reading'));
    expect(drafts.at(-1)).toBeNull();
  });

  it('shows a kept draft again, with the time the user had set', async () => {
    const added: NoteFormValue[] = [];
    await render(NoteForm, {
      inputs: { draft: { body: 'Valve weeping', reading: '7,2', unit: 'bar', observedAt: '2026-11-27T16:45' } },
      on: { add: (value: NoteFormValue) => added.push(value) },
    });

    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('Valve weeping');
    expect((screen.getByLabelText('Unit') as HTMLInputElement).value).toBe('bar');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(added[0]).toEqual({
      body: 'Valve weeping',
      reading: 7.2,
      unit: 'bar',
      observedAt: new Date(2026, 10, 27, 16, 45).toISOString(),
    });
  });
});
