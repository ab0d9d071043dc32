import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

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
