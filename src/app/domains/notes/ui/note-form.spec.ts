import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

import type { NoteDraftText } from '../util/note-draft-text';
import { NoteForm, type NoteFormValue } from './note-form';

async function renderForm(crewMember = 'Ana') {
  const added: NoteFormValue[] = [];
  await render(NoteForm, { inputs: { crewMember }, on: { add: (value: NoteFormValue) => added.push(value) } });
  return added;
}

/** Stands in for the device's GPS: answers `getCurrentPosition` with a fix or an error code. */
function deviceLocation(answer: { latitude: number; longitude: number; accuracy: number } | { code: number }) {
  return spyOn(navigator.geolocation, 'getCurrentPosition').and.callFake((success, failure) => {
    if ('code' in answer) failure?.({ code: answer.code, message: '' } as GeolocationPositionError);
    else success({ coords: answer } as unknown as GeolocationPosition);
  });
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

  it('clears once the note is saved, but keeps a next note the user began while it saved', async () => {
    const { fixture } = await render(NoteForm, { inputs: { crewMember: 'Ana' } });
    const note = screen.getByLabelText('Note') as HTMLTextAreaElement;
    await userEvent.type(note, 'Flow at the weir');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    fixture.componentInstance.reset();
    expect(note.value).toBe('');

    await userEvent.type(note, 'First');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await userEvent.type(note, ', and the second');
    fixture.componentInstance.reset();
    expect(note.value).toBe('First, and the second');
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
      inputs: {
        crewMember: 'Ana',
        draft: { body: 'Valve weeping', reading: '7,2', unit: 'bar', observedAt: '2026-11-27T16:45' },
      },
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
      location: null,
      author: 'Ana',
    });
  });

  it('keeps a location taken for a half-typed note', async () => {
    deviceLocation({ latitude: 51.5074, longitude: -0.1278, accuracy: 9 });
    const drafts: (NoteDraftText | null)[] = [];
    await render(NoteForm, {
      inputs: { crewMember: 'Ana' },
      on: { draftChange: (draft: NoteDraftText | null) => drafts.push(draft) },
    });

    await userEvent.click(screen.getByRole('button', { name: 'Use my location' }));

    expect(drafts.at(-1)?.location).toEqual({ latitude: 51.5074, longitude: -0.1278, accuracyMeters: 9 });
  });
});

describe('NoteForm location', () => {
  it('adds the device’s location to the note, and takes it off again on request', async () => {
    deviceLocation({ latitude: 51.5074, longitude: -0.1278, accuracy: 8.6 });
    const added = await renderForm();
    await userEvent.type(screen.getByLabelText('Note'), 'Spillway crest');

    await userEvent.click(screen.getByRole('button', { name: 'Use my location' }));
    const location = screen.getByRole('group', { name: 'Location' });
    expect(location.textContent).toContain('51.507400, -0.127800');
    expect(screen.getByText('Location added (accurate to about 9 m).')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(added[0]?.location).toEqual({ latitude: 51.5074, longitude: -0.1278, accuracyMeters: 9 });

    await userEvent.click(screen.getByRole('button', { name: 'Remove location' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(added[1]?.location).toBeNull();
  });

  it('says how to allow location when it is refused, and still adds the note without it', async () => {
    deviceLocation({ code: 1 });
    const added = await renderForm();
    await userEvent.type(screen.getByLabelText('Note'), 'Spillway crest');

    await userEvent.click(screen.getByRole('button', { name: 'Use my location' }));

    const status = within(screen.getByRole('group', { name: 'Location' })).getByRole('status');
    expect(status.textContent).toContain('Fieldbook is not allowed to use this device’s location.');
    expect(status.textContent).toContain('The note can be saved without it.');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(added[0]).toEqual(jasmine.objectContaining({ body: 'Spillway crest', location: null }));
  });

  it('says so when the device cannot find where it is', async () => {
    deviceLocation({ code: 2 });
    await renderForm();

    await userEvent.click(screen.getByRole('button', { name: 'Use my location' }));

    expect(screen.getByText(/This device cannot tell where it is right now/)).toBeTruthy();
  });
});

describe('NoteForm author', () => {
  it('asks for the name when none is known, and adds the note with it', async () => {
    const added = await renderForm('');
    const name = screen.getByRole('textbox', { name: 'Your name' });
    expect(screen.queryByText(/Adding as/)).toBeNull();

    await userEvent.type(name, '  Ana Silva ');
    await userEvent.type(screen.getByLabelText('Note'), 'Gate open');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));

    expect(added[0]).toEqual(jasmine.objectContaining({ body: 'Gate open', author: 'Ana Silva' }));
  });

  it('does not hold a note back when the name is left empty', async () => {
    const added = await renderForm('');
    await userEvent.type(screen.getByLabelText('Note'), 'Gate open');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));

    expect(added[0]).toEqual(jasmine.objectContaining({ body: 'Gate open', author: '' }));
  });

  it('adds as the crew member known on the device, who can change the name, prefilled', async () => {
    const added = await renderForm('Ana');
    expect(screen.queryByRole('textbox', { name: 'Your name' })).toBeNull();
    expect(screen.getByText(/Adding as Ana/)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Change name' }));
    const name = screen.getByRole('textbox', { name: 'Your name' }) as HTMLInputElement;
    expect(name.value).toBe('Ana');
    await userEvent.clear(name);
    await userEvent.type(name, 'Ben');
    await userEvent.type(screen.getByLabelText('Note'), 'Gate open');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));

    expect(added[0]?.author).toBe('Ben');
  });
});
