import { provideRouter, Router } from '@angular/router';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { BehaviorSubject, of } from 'rxjs';

import { Job, JobPriority, JobStatus, Site } from '../../../../models';
import { SiteRepository } from '../../sites/data/site-repository';
import { type JobChanges, type JobDraft, JobRepository } from '../data/job-repository';
import { JobForm } from './job-form';

const quarry = new Site({ name: 'Quarry' });
const depot = new Site({ name: 'Depot' });

interface Calls {
  created: JobDraft[];
  updated: [string, JobChanges][];
}

async function renderForm(inputs: { id?: string; siteId?: string } = {}, existing?: Job, failWith?: Error) {
  const calls: Calls = { created: [], updated: [] };
  const stored = new BehaviorSubject<Job | undefined>(existing);
  const jobs = {
    findById: async (id: string) => (existing?.id === id ? existing : undefined),
    watchById: () => stored,
    create: async (draft: JobDraft) => {
      if (failWith) throw failWith;
      calls.created.push(draft);
      return new Job({ status: JobStatus.OPEN, ...draft });
    },
    update: async (id: string, changes: JobChanges) => {
      calls.updated.push([id, changes]);
      return existing!;
    },
  };
  const { fixture } = await render(JobForm, {
    inputs,
    providers: [
      provideRouter([]),
      { provide: JobRepository, useValue: jobs },
      { provide: SiteRepository, useValue: { watchAll: () => of([depot, quarry]) } },
    ],
  });
  const router = fixture.debugElement.injector.get(Router);
  const navigations: string[] = [];
  spyOn(router, 'navigate').and.callFake(async (commands: readonly unknown[]) => {
    navigations.push(commands.join('/'));
    return true;
  });
  await fixture.whenStable();
  /** Another tab or device saves the job while the form is open. */
  const changeElsewhere = async (job: Job) => {
    stored.next(job);
    await fixture.whenStable();
  };
  return { calls, navigations, changeElsewhere };
}

describe('JobForm page', () => {
  it('explains what is missing, moves focus there, and saves nothing', async () => {
    const { calls } = await renderForm();

    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));

    expect(await screen.findByText('Enter a title for the job.')).toBeTruthy();
    expect(screen.getByText('Choose the site where the work happens.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Title' }));
    expect(screen.getByRole('textbox', { name: 'Title' }).getAttribute('aria-invalid')).toBe('true');
    expect(calls.created).toEqual([]);
  });

  it('creates a job with site, tags and checklist and opens it', async () => {
    const { calls, navigations } = await renderForm({ siteId: quarry.id });

    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), '  Replace valve ');
    expect((screen.getByRole('combobox', { name: 'Site' }) as HTMLSelectElement).value).toBe(quarry.id);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Priority' }), 'High');
    await userEvent.type(screen.getByRole('textbox', { name: 'Tags' }), 'valves, water, valves');
    await userEvent.click(screen.getByRole('button', { name: 'Add checklist item' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Checklist item 1' }), 'Isolate supply');
    await userEvent.click(screen.getByRole('button', { name: 'Add checklist item' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));

    expect(calls.created.length).toBe(1);
    const draft = calls.created[0];
    expect(draft.title).toBe('Replace valve');
    expect(draft.siteID).toBe(quarry.id);
    expect(draft.priority).toBe(JobPriority.HIGH);
    expect(draft.tags).toEqual(['valves', 'water']);
    expect(draft.checklist?.map((item) => item.label)).toEqual(['Isolate supply']);
    expect(navigations[0]).toMatch(/^\/jobs\/.+/);
  });

  it('rejects an impossible due date', async () => {
    const { calls } = await renderForm();
    const due = screen.getByLabelText('Due date') as HTMLInputElement;
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), 'Survey');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Site' }), 'Depot');
    // A date input only yields valid dates or ''; a value typed elsewhere (a paste, an old browser) may not be.
    due.type = 'text';
    await userEvent.type(due, '2025-02-30');
    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));

    expect(await screen.findByText(/Enter a real date/)).toBeTruthy();
    expect(calls.created).toEqual([]);
  });

  it('edits an existing job, sending only the changed title so ticked checklist items stay as stored', async () => {
    const job = new Job({
      siteID: depot.id,
      title: 'Paint',
      status: JobStatus.IN_PROGRESS,
      priority: JobPriority.LOW,
      checklist: [{ id: 'c1', label: 'Sand', done: true, doneAt: '2025-01-01T00:00:00.000Z' }],
    });
    const { calls } = await renderForm({ id: job.id }, job);

    const title = await screen.findByDisplayValue('Paint');
    await userEvent.clear(title);
    await userEvent.type(title, 'Paint gate');
    expect((screen.getByRole('textbox', { name: 'Checklist item 1' }) as HTMLInputElement).value).toBe('Sand');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(calls.updated).toEqual([[job.id, { title: 'Paint gate' }]]);
  });

  it('saves only what the user changed, never the old value of a field another device changed meanwhile', async () => {
    const job = new Job({ siteID: depot.id, title: 'Paint', status: JobStatus.OPEN, priority: JobPriority.NORMAL });
    const { calls, changeElsewhere } = await renderForm({ id: job.id }, job);

    await userEvent.type(await screen.findByRole('textbox', { name: 'Description' }), 'Two coats');
    await changeElsewhere(Job.copyOf(job, (draft) => void (draft.title = 'Paint north gate')));

    const notice = await screen.findByRole('status', { name: 'Changed on another device while you were editing' });
    expect(notice.textContent).toContain('Title is now “Paint north gate” (updated in the form)');
    expect((screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe('Paint north gate');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(calls.updated).toEqual([[job.id, { description: 'Two coats' }]]);
  });

  it('leaves a field both changed to the user, and lets them take the other value', async () => {
    const job = new Job({ siteID: depot.id, title: 'Paint', status: JobStatus.OPEN, priority: JobPriority.NORMAL });
    const { calls, changeElsewhere } = await renderForm({ id: job.id }, job);

    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Priority' }), 'Low');
    await changeElsewhere(Job.copyOf(job, (draft) => void (draft.priority = JobPriority.URGENT)));

    const notice = await screen.findByRole('status', { name: 'Changed on another device while you were editing' });
    expect(notice.textContent).toContain('the other device saved “Urgent”. You have “Low”');
    expect((screen.getByRole('combobox', { name: 'Priority' }) as HTMLSelectElement).value).toBe(JobPriority.LOW);
    await userEvent.click(screen.getByRole('button', { name: 'Use “Urgent”' }));
    expect((screen.getByRole('combobox', { name: 'Priority' }) as HTMLSelectElement).value).toBe(JobPriority.URGENT);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(calls.updated).toEqual([[job.id, {}]]);
  });

  it('keeps what was typed and says why when saving fails', async () => {
    await renderForm({}, undefined, new Error('disk full'));
    await userEvent.type(screen.getByRole('textbox', { name: 'Title' }), 'Survey');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Site' }), 'Depot');
    await userEvent.click(screen.getByRole('button', { name: 'Create job' }));

    expect((await screen.findByRole('alert')).textContent).toContain('disk full');
    expect((screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe('Survey');
  });

  it('says so when the job to edit is not on this device', async () => {
    await renderForm({ id: 'gone' });

    expect(await screen.findByRole('heading', { name: 'This job is not on this device' })).toBeTruthy();
  });
});
