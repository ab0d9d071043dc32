import { TestBed } from '@angular/core/testing';
import { DataStore } from '@aws-amplify/datastore';
import { type Subscription } from 'rxjs';

import { Attachment, ChangeLogEntry, FieldNote, Job, JobPriority, Site } from '../../../../models';
import { JobRepository } from '../../jobs/data/job-repository';
import { FieldNoteRepository } from '../../notes/data/field-note-repository';
import { AttachmentRepository } from '../../photos/data/attachment-repository';
import { SiteRepository } from '../../sites/data/site-repository';
import { clearLocalData } from '../../sync/data/datastore-setup';
import { RecordRepository } from '../../sync/data/record-repository';
import { DeviceChanges } from './device-changes';

const NORTH = { crewID: 'north', crewGroup: 'crew-north' };
const SOUTH = { crewID: 'south', crewGroup: 'crew-south' };
const NONE = { crewID: null, crewGroup: null };

const scopeOf = (record: { crewID?: string | null; crewGroup?: string | null } | undefined) => ({
  crewID: record?.crewID ?? null,
  crewGroup: record?.crewGroup ?? null,
});
const historyOf = (recordId: string) => DataStore.query(ChangeLogEntry, (entry) => entry.recordID.eq(recordId));

describe("Every record the device makes carries its crew's scope (real DataStore in Chromium)", () => {
  let feed: Subscription;
  let sites: SiteRepository;
  let jobs: JobRepository;

  beforeEach(async () => {
    await clearLocalData();
    feed = TestBed.inject(DeviceChanges).publishThisTabsStore();
    sites = TestBed.inject(SiteRepository);
    jobs = TestBed.inject(JobRepository);
  });

  afterEach(async () => {
    feed.unsubscribe();
    await clearLocalData();
  });

  it('copies a site’s crew down to its jobs, their notes, photo records and every history entry', async () => {
    const site = await sites.create({ name: 'Pump station 4', crewID: 'north' });
    const job = await jobs.create({ siteID: site.id, title: 'Replace valve', priority: JobPriority.HIGH });
    await jobs.update(job.id, { title: 'Replace both valves' });
    const note = await TestBed.inject(FieldNoteRepository).add({
      jobID: job.id,
      body: 'Valve seized',
      observedAt: new Date().toISOString(),
    });
    const photoId = await TestBed.inject(AttachmentRepository).add(crypto.randomUUID(), {
      jobID: job.id,
      fieldNoteID: note.id,
      key: `public/photos/${job.id}/abc.jpg`,
      contentHash: 'abc',
      contentType: 'image/jpeg',
      size: 3,
      width: 1,
      height: 1,
      takenAt: new Date().toISOString(),
    });

    expect(scopeOf(await DataStore.query(Site, site.id))).toEqual(NORTH);
    expect(scopeOf(await DataStore.query(Job, job.id))).toEqual(NORTH);
    expect(scopeOf(await DataStore.query(FieldNote, note.id))).toEqual(NORTH);
    expect(scopeOf(await DataStore.query(Attachment, photoId))).toEqual(NORTH);
    const history = [...(await historyOf(site.id)), ...(await historyOf(job.id))];
    expect(history.map((entry) => entry.operation).sort()).toEqual(['create', 'create', 'update']);
    expect(history.map(scopeOf)).toEqual([NORTH, NORTH, NORTH]);
    // The scope is the entry's own: the history shows what the user changed, not the crew's group.
    for (const entry of history) {
      const fields = typeof entry.fields === 'string' ? (JSON.parse(entry.fields) as object) : entry.fields;
      expect(Object.keys(fields)).not.toContain('crewGroup');
    }
  });

  it('gives the records of a site of no crew no scope, so they stay the office’s', async () => {
    const site = await sites.create({ name: 'Head office', crewID: null });
    const job = await jobs.create({ siteID: site.id, title: 'Inventory', priority: JobPriority.LOW });

    expect(scopeOf(await DataStore.query(Site, site.id))).toEqual(NONE);
    expect(scopeOf(await DataStore.query(Job, job.id))).toEqual(NONE);
    expect((await historyOf(job.id)).map(scopeOf)).toEqual([NONE]);
  });

  it('moves a job’s scope with the job when it moves to another crew’s site', async () => {
    const north = await sites.create({ name: 'North yard', crewID: 'north' });
    const south = await sites.create({ name: 'South yard', crewID: 'south' });
    const job = await jobs.create({ siteID: north.id, title: 'Paint', priority: JobPriority.NORMAL });

    await jobs.update(job.id, { siteID: south.id });

    expect(scopeOf(await DataStore.query(Job, job.id))).toEqual(SOUTH);
    const move = (await historyOf(job.id)).find((entry) => entry.operation === 'update');
    expect(scopeOf(move)).toEqual(SOUTH);
  });

  it('brings a deleted site back with its crew, and a deleted job with its site’s', async () => {
    const records = TestBed.inject(RecordRepository);
    const plain = (record: unknown) => JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
    const site = await sites.create({ name: 'Weir', crewID: 'north' });
    const siteFields = plain(await DataStore.query(Site, site.id));
    await sites.remove(site.id);

    const restoredSite = await records.restoreWithChildren('Site', site.id, siteFields);
    const job = await jobs.create({ siteID: restoredSite, title: 'Clear grate', priority: JobPriority.NORMAL });
    const jobFields = plain(await DataStore.query(Job, job.id));
    await jobs.remove(job.id);
    await records.restoreTaken({ model: 'Job', id: job.id, fields: jobFields }, []);

    expect(scopeOf(await DataStore.query(Site, restoredSite))).toEqual(NORTH);
    expect(scopeOf(await DataStore.query(Job, job.id))).toEqual(NORTH);
  });
});
