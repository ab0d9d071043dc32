import { TestBed } from '@angular/core/testing';
import { DataStore, OpType, type PersistentModelConstructor } from '@aws-amplify/datastore';
import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

import { FieldNote, Job, JobPriority, Site } from '../../../../models';
import { JobRepository } from '../../jobs/data/job-repository';
import { FieldNoteRepository } from '../../notes/data/field-note-repository';
import { SiteRepository } from '../../sites/data/site-repository';
import { clearLocalData } from '../data/datastore-setup';
import { refusedForPermission } from '../data/refused-for-permission.testing';
import { SyncHandlers } from '../data/sync-handlers';
import { type OutboxEntry, SyncStorageReader } from '../data/sync-storage-reader';
import { Conflicts } from './conflicts';

describe('Conflicts: a refused delete of a job or a site keeps what it took with it on the device', () => {
  let outbox: OutboxEntry[] = [];

  beforeEach(async () => {
    localStorage.clear();
    await clearLocalData();
    outbox = [];
  });

  afterEach(async () => {
    localStorage.clear();
    await clearLocalData();
  });

  const renderPage = () =>
    render(Conflicts, {
      providers: [{ provide: SyncStorageReader, useValue: { outboxEntries: () => Promise.resolve(outbox) } }],
    });

  async function jobWithNote(title: string, body: string) {
    const site = await TestBed.inject(SiteRepository).create({ name: 'Weir 2' });
    const job = await TestBed.inject(JobRepository).create({ siteID: site.id, title, priority: JobPriority.HIGH });
    const note = await TestBed.inject(FieldNoteRepository).add({
      jobID: job.id,
      body,
      observedAt: new Date().toISOString(),
    });
    return { site, job, note };
  }

  it('names the notes a job delete refused for permissions took, and brings them back with the job', async () => {
    await renderPage();
    const { job, note } = await jobWithNote('Clear grating', 'Grating bent at the hinge');
    await TestBed.inject(JobRepository).remove(job.id);
    expect(await DataStore.query(FieldNote, note.id)).toBeUndefined();

    // The delete is the outbox's head when the server refuses it; DataStore drops it once the handler settles.
    outbox = [{ id: '1', model: 'Job', modelId: job.id, operation: 'Delete', data: JSON.stringify(job) }];
    await TestBed.inject(SyncHandlers).handlers.errorHandler!(refusedForPermission('Job'));
    outbox = [];

    const card = await screen.findByRole('article', { name: 'Job “Clear grating”' });
    // No sync engine here, so no outbox: the note counts as sent, and comes back under a new id.
    expect(card.textContent).toContain('A note was removed with it on this device');
    const removed = within(card).getByRole('list', { name: 'Removed with it on this device' });
    expect(
      within(removed)
        .getAllByRole('listitem')
        .map((item) => item.textContent?.trim()),
    ).toEqual(['Grating bent at the hinge']);

    await userEvent.click(within(card).getByRole('button', { name: 'Restore the notes' }));
    await screen.findByRole('heading', { name: 'Nothing to review' });

    const back = await DataStore.query(FieldNote, (found) => found.jobID.eq(job.id));
    expect(back.map((found) => found.body)).toEqual(['Grating bent at the hinge']);
    expect((await DataStore.query(Job, job.id))?.title).toBe('Clear grating');
  });

  it('brings a site’s jobs and their notes back when the user keeps a site whose delete met a newer edit', async () => {
    await renderPage();
    const { site, job } = await jobWithNote('Survey spillway', 'Spillway clear');
    await TestBed.inject(SiteRepository).remove(site.id);
    expect(await DataStore.query(Job, job.id)).toBeUndefined();

    const serverCopy = { ...site, name: 'Weir 2 (north)', _version: 2, _lastChangedAt: Date.now(), _deleted: null };
    const fromJSON = (json: object) => (Site as unknown as { fromJSON(json: object): Site }).fromJSON(json);
    await TestBed.inject(SyncHandlers).handlers.conflictHandler!({
      modelConstructor: Site as unknown as PersistentModelConstructor<Site>,
      localModel: fromJSON({ ...site, _version: 1 }),
      remoteModel: fromJSON(serverCopy),
      operation: OpType.DELETE,
      attempts: 1,
    });
    // After DISCARD, DataStore reads the server's copy and stores it on the device.
    await DataStore.save(fromJSON(serverCopy));

    const card = await screen.findByRole('article', { name: 'Site “Weir 2 (north)”' });
    expect(card.textContent).toContain('A job and a note were removed with it on this device');
    await userEvent.click(within(card).getByRole('button', { name: 'Keep it as the server has it' }));
    await screen.findByRole('heading', { name: 'Nothing to review' });

    const jobs = await DataStore.query(Job, (found) => found.siteID.eq(site.id));
    expect(jobs.map((found) => found.title)).toEqual(['Survey spillway']);
    const notes = await DataStore.query(FieldNote, (found) => found.jobID.eq(jobs[0]?.id ?? ''));
    expect(notes.map((found) => found.body)).toEqual(['Spillway clear']);
  });
});
