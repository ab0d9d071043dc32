import { type Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { render, screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { BehaviorSubject } from 'rxjs';

import { type ChecklistItem, FieldNote, Job, JobPriority, JobStatus, Site } from '../../../../models';
import { signedInAs } from '../../account/data/account-session.testing';
import { CrewMemberPreference } from '../../device/data/crew-member-preference';
import { type FieldNoteDraft, FieldNoteRepository } from '../../notes/data/field-note-repository';
import { readNoteDraft } from '../../notes/data/note-drafts';
import { SiteRepository } from '../../sites/data/site-repository';
import { JobRepository } from '../data/job-repository';
import { removeChecklistItem, restoreChecklistItem, toggleChecklistItem } from '../util/checklist';
import { CLOCK } from '../util/local-date';
import { JobDetail } from './job-detail';

const site = new Site({ name: 'Quarry' });

/** An in-memory stand-in that behaves like the repositories: writes show up in the live streams. */
function fakeRepositories(job: Job) {
  const job$ = new BehaviorSubject<Job | undefined>(job);
  const notes$ = new BehaviorSubject<readonly FieldNote[]>([]);
  const edit = (change: (current: Job) => Job) => {
    job$.next(change(job$.value!));
    return Promise.resolve(job$.value);
  };
  const jobs = {
    watchById: () => job$,
    setStatus: (_id: string, status: JobStatus) =>
      edit((current) => Job.copyOf(current, (d) => void (d.status = status))),
    toggleChecklistItem: (_id: string, itemId: string) =>
      edit((current) =>
        Job.copyOf(current, (d) => void (d.checklist = toggleChecklistItem(d.checklist ?? [], itemId, new Date()))),
      ),
    removeChecklistItem: (_id: string, itemId: string) =>
      edit((current) =>
        Job.copyOf(current, (d) => void (d.checklist = removeChecklistItem(d.checklist ?? [], itemId))),
      ),
    restoreChecklistItem: (_id: string, item: ChecklistItem, position: number) =>
      edit((current) =>
        Job.copyOf(current, (d) => void (d.checklist = restoreChecklistItem(d.checklist ?? [], item, position))),
      ),
    remove: () => {
      job$.next(undefined);
      return Promise.resolve();
    },
  };
  const notes = {
    watchByJob: () => notes$,
    add: (draft: FieldNoteDraft) => {
      notes$.next([new FieldNote(draft), ...notes$.value]);
      return Promise.resolve();
    },
  };
  return { jobs, notes, job$ };
}

async function renderDetail(
  job: Job,
  crewMember: Partial<CrewMemberPreference> = { read: () => 'Ana' },
  providers: Provider[] = [],
) {
  const fakes = fakeRepositories(job);
  const { fixture } = await render(JobDetail, {
    inputs: { id: job.id },
    providers: [
      provideRouter([]),
      { provide: JobRepository, useValue: fakes.jobs },
      { provide: FieldNoteRepository, useValue: fakes.notes },
      { provide: SiteRepository, useValue: { findById: async () => site } },
      { provide: CrewMemberPreference, useValue: { fromAccount: () => false, ...crewMember } },
      { provide: CLOCK, useValue: () => new Date(2025, 5, 10) },
      ...providers,
    ],
  });
  const navigations: string[] = [];
  spyOn(fixture.debugElement.injector.get(Router), 'navigate').and.callFake(async (commands: readonly unknown[]) => {
    navigations.push(commands.join('/'));
    return true;
  });
  return { ...fakes, navigations };
}

const checklist: ChecklistItem[] = [
  { id: 'a', label: 'Isolate supply', done: false },
  { id: 'b', label: 'Swap valve', done: false },
];

function aJob(fields: Partial<ConstructorParameters<typeof Job>[0]> = {}): Job {
  return new Job({
    siteID: site.id,
    title: 'Replace valve',
    status: JobStatus.OPEN,
    priority: JobPriority.HIGH,
    dueDate: '2025-06-01',
    checklist,
    ...fields,
  });
}

describe('JobDetail page', () => {
  it('shows the job with its site, an overdue due date and an edit link', async () => {
    const job = aJob();
    await renderDetail(job);

    expect(await screen.findByRole('heading', { level: 1, name: 'Replace valve' })).toBeTruthy();
    expect((await screen.findByRole('link', { name: 'Quarry' })).getAttribute('href')).toBe(`/sites/${site.id}`);
    const sunday1June = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
    expect(screen.getByText(`${sunday1June.format(new Date(2025, 5, 1))} (overdue 9 days)`)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Edit' }).getAttribute('href')).toBe(`/jobs/${job.id}/edit`);
  });

  it('changes the status with pressed buttons', async () => {
    await renderDetail(aJob());
    const status = within(await screen.findByRole('group', { name: 'Status' }));

    await userEvent.click(status.getByRole('button', { name: 'In progress' }));

    expect(status.getByRole('button', { name: 'In progress' }).getAttribute('aria-pressed')).toBe('true');
    expect(status.getByRole('button', { name: 'Open' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('ticks checklist items with labelled checkboxes and shows progress', async () => {
    await renderDetail(aJob());

    await userEvent.click(await screen.findByRole('checkbox', { name: 'Isolate supply' }));

    expect((screen.getByRole('checkbox', { name: 'Isolate supply' }) as HTMLInputElement).checked).toBeTrue();
    expect(screen.getByRole('heading', { name: /Checklist 1 of 2 done/ })).toBeTruthy();
  });

  it('puts a removed checklist item back, in its place and ticked as it was, when the user undoes', async () => {
    await renderDetail(aJob());
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Isolate supply' }));
    const ticked = await screen.findByRole('checkbox', { name: 'Isolate supply', checked: true });
    const item = ticked.closest('li') as HTMLElement;

    // A quiet icon named for its item, not a red word beside every item.
    const remove = within(item).getByRole('button', { name: 'Remove Isolate supply' });
    expect(remove.textContent?.trim()).toBe('');
    expect(remove.classList).not.toContain('danger');
    await userEvent.click(remove);
    // Jasmine's expect records a failure instead of throwing, so waitFor needs checks that throw to retry.
    await waitFor(() => {
      if (screen.queryByRole('checkbox', { name: 'Isolate supply' })) throw new Error('the item is still listed');
    });
    // The checklist's own status line: the note form below has one too (its location).
    const checklist = within(screen.getByRole('region', { name: /^Checklist/ }));
    await waitFor(() => {
      if (!checklist.getByRole('status').textContent?.includes('Removed “Isolate supply”.'))
        throw new Error('no notice yet');
    });

    const status = checklist.getByRole('status');
    await userEvent.click(within(status).getByRole('button', { name: /^Undo/ }));
    await screen.findByRole('checkbox', { name: 'Isolate supply' });
    const items = checklist.getAllByRole('checkbox') as HTMLInputElement[];
    expect(items.map((item) => item.labels?.[0]?.textContent?.trim())).toEqual(['Isolate supply', 'Swap valve']);
    expect(items[0]?.checked).toBeTrue();
    expect(screen.queryByRole('button', { name: /Undo removing/ })).toBeNull();
  });

  it('adds a field note with a reading and lists it', async () => {
    await renderDetail(aJob());

    await userEvent.type(await screen.findByRole('textbox', { name: 'Note' }), 'Pressure holds');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reading' }), '4.5');
    await userEvent.type(screen.getByRole('textbox', { name: 'Unit' }), 'bar');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));

    const notes = within(await screen.findByRole('list', { name: 'Field notes' }));
    expect(notes.getByText('Pressure holds')).toBeTruthy();
    expect(notes.getByText('Reading: 4.5 bar')).toBeTruthy();
    expect(notes.getByText(/Ana/)).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('');
  });

  it('asks who is adding the first note, saves the note with that name and remembers it', async () => {
    let kept = '';
    await renderDetail(aJob(), { read: () => kept, write: (name: string) => void (kept = name.trim()) });

    await userEvent.type(await screen.findByRole('textbox', { name: 'Note' }), 'Gate open');
    await userEvent.type(screen.getByRole('textbox', { name: 'Your name' }), 'Rui');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));

    const notes = within(await screen.findByRole('list', { name: 'Field notes' }));
    expect(notes.getByText(/Rui/)).toBeTruthy();
    expect(kept).toBe('Rui');
    // The next note is added as Rui without asking again.
    expect(screen.queryByRole('textbox', { name: 'Your name' })).toBeNull();
    expect(screen.getByText(/Adding as Rui/)).toBeTruthy();
  });

  it('adds notes as the signed-in person, whose name is not offered for change', async () => {
    await renderDetail(aJob(), { read: () => 'Ana Silva', fromAccount: () => true });

    await userEvent.type(await screen.findByRole('textbox', { name: 'Note' }), 'Gate open');
    expect(screen.getByText(/Adding as Ana Silva/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change name' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));

    const notes = within(await screen.findByRole('list', { name: 'Field notes' }));
    expect(notes.getByText(/Ana Silva/)).toBeTruthy();
  });

  it('keeps a half-typed note when the user leaves the job and comes back, until it is added', async () => {
    const job = aJob();
    await renderDetail(job);
    await userEvent.type(await screen.findByRole('textbox', { name: 'Note' }), 'Valve weeping at the flange');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reading' }), '7,2');
    // Leaving the page destroys it; the next visit builds it afresh.
    TestBed.resetTestingModule();
    document.body.replaceChildren();

    await renderDetail(job);
    const note = (await screen.findByRole('textbox', { name: 'Note' })) as HTMLTextAreaElement;
    expect(note.value).toBe('Valve weeping at the flange');
    expect((screen.getByRole('textbox', { name: 'Reading' }) as HTMLInputElement).value).toBe('7,2');

    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(
      await within(await screen.findByRole('list', { name: 'Field notes' })).findByText(/Valve weeping/),
    ).toBeTruthy();
    expect(readNoteDraft(job.id)).toBeNull();
  });

  it('refuses an empty note', async () => {
    await renderDetail(aJob());

    await userEvent.click(await screen.findByRole('button', { name: 'Add note' }));

    expect(screen.getByText('Write what you observed.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Field notes' })).toBeNull();
  });

  it('deletes only after confirming in a dialog, then returns to the list', async () => {
    const { navigations, job$ } = await renderDetail(aJob());

    await userEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this job?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep job' }));

    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep job' }));
    expect(job$.value).toBeDefined();

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete job' }));
    expect(job$.value).toBeUndefined();
    expect(navigations).toEqual(['/jobs']);
  });

  describe('offers only what the signed-in person may do', () => {
    it('a Viewer sees the job, and no button or form that would change it', async () => {
      await renderDetail(aJob(), undefined, [signedInAs('Viewer')]);

      expect(await screen.findByRole('heading', { level: 1, name: 'Replace valve' })).toBeTruthy();
      expect(screen.getByRole('link', { name: 'Report' })).toBeTruthy();
      expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
      expect(screen.queryByRole('group', { name: 'Status' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Add item' })).toBeNull();
      expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
      expect((screen.getByRole('checkbox', { name: 'Isolate supply' }) as HTMLInputElement).disabled).toBeTrue();
      expect(screen.queryByRole('button', { name: /add note/i })).toBeNull();
    });

    it('Crew may edit the job, tick and add checklist items, and add notes, but not delete it', async () => {
      await renderDetail(aJob(), undefined, [signedInAs('Crew')]);

      expect(await screen.findByRole('link', { name: 'Edit' })).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
      expect(screen.getByRole('group', { name: 'Status' })).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Add item' })).toBeTruthy();
      expect((screen.getByRole('checkbox', { name: 'Isolate supply' }) as HTMLInputElement).disabled).toBeFalse();
      expect(screen.getByRole('button', { name: /add note/i })).toBeTruthy();
    });

    it('Office is offered everything, delete included', async () => {
      await renderDetail(aJob(), undefined, [signedInAs('Office')]);

      expect(await screen.findByRole('link', { name: 'Edit' })).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Delete' })).toBeTruthy();
    });
  });
});
