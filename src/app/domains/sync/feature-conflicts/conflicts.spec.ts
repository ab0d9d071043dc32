import { TestBed } from '@angular/core/testing';
import { DataStore, DISCARD, OpType, type PersistentModelConstructor } from '@aws-amplify/datastore';
import { render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

import { ChangeLogEntry, Job, Site } from '../../../../models';
import { noteSentEdit } from '../../shared/data/sent-edits';
import { until } from '../../shared/util/until.testing';
import { clearLocalData } from '../data/datastore-setup';
import { GRAPHQL_SEND, type GraphqlSend } from '../data/mutation-resender';
import { REVIEW_STORAGE_KEY, ReviewRepository } from '../data/review-repository';
import { SyncHandlers } from '../data/sync-handlers';
import { type OutboxEntry, SyncStorageReader } from '../data/sync-storage-reader';
import { reviewAnswer } from '../util/answer-review';
import { Conflicts } from './conflicts';

/** DataStore builds handler models with its internal instance creator; `fromJSON` is that same path. */
const fromJSON = (json: object): Site => (Site as unknown as { fromJSON(json: object): Site }).fromJSON(json);
const jobFromJSON = (json: object): Job => (Job as unknown as { fromJSON(json: object): Job }).fromJSON(json);

/**
 * Drives an Optimistic Concurrency rejection through the registered conflict handler the way the
 * (patched) MutationProcessor does: remote = errors[0].data, local = the sent input laid over it.
 */
async function rejectEdit(site: Site, sent: Record<string, unknown>, server: Record<string, unknown>) {
  const serverCopy = { ...site, ...server, _version: 2, _lastChangedAt: Date.now(), _deleted: null };
  const result = await TestBed.inject(SyncHandlers).handlers.conflictHandler!({
    modelConstructor: Site as unknown as PersistentModelConstructor<Site>,
    localModel: fromJSON({ ...serverCopy, ...sent, id: site.id, _version: 1 }),
    remoteModel: fromJSON(serverCopy),
    operation: OpType.UPDATE,
    attempts: 1,
  });
  // After DISCARD, DataStore re-reads the record and stores the server's copy on the device.
  await DataStore.save(Site.copyOf(site, (draft) => Object.assign(draft, server)));
  return result;
}

describe('Conflicts (a rejected change, from the conflict handler to the user’s choice)', () => {
  let send: jasmine.Spy<GraphqlSend>;

  beforeEach(async () => {
    localStorage.clear();
    await clearLocalData();
    send = jasmine.createSpy<GraphqlSend>('send');
  });

  /** The page is open first, so each entry has to appear live, as it would for a user. */
  const renderPage = (queued: readonly OutboxEntry[] = []) =>
    render(Conflicts, {
      providers: [
        { provide: GRAPHQL_SEND, useValue: send },
        { provide: SyncStorageReader, useValue: { outboxEntries: () => Promise.resolve(queued) } },
      ],
    });

  afterEach(async () => {
    localStorage.clear();
    await clearLocalData();
  });

  it('records the rejected edit durably, returns DISCARD, and keeps the user’s version when they choose it', async () => {
    await renderPage();
    const site = await DataStore.save(new Site({ name: 'Pump station 4', address: '12 Quarry Rd' }));

    const result = await rejectEdit(
      site,
      { address: '14 Quarry Rd', notes: 'Gate code 4411' },
      { address: '12 Quarry Road' },
    );

    expect(result).toBe(DISCARD);
    expect(JSON.parse(localStorage.getItem(REVIEW_STORAGE_KEY)!).length).toBe(1);

    const card = await screen.findByRole('article', { name: 'Site “Pump station 4”' });
    const addressRow = within(card).getByRole('row', { name: /Address/ });
    expect(addressRow.textContent).toContain('14 Quarry Rd');
    expect(addressRow.textContent).toContain('12 Quarry Road');
    expect(addressRow.textContent).toContain('differs');
    expect(within(card).getByRole('row', { name: /^Name/ }).textContent).not.toContain('differs');

    await userEvent.click(within(card).getByRole('button', { name: 'Keep mine' }));

    expect(await screen.findByRole('heading', { name: 'Nothing to review' })).toBeTruthy();
    const saved = await DataStore.query(Site, site.id);
    expect(saved?.address).toBe('14 Quarry Rd');
    expect(saved?.notes).toBe('Gate code 4411');
    expect(TestBed.inject(ReviewRepository).all()).toEqual([]);
  });

  it('saves a field-by-field merge', async () => {
    await renderPage();
    const site = await DataStore.save(new Site({ name: 'Depot', address: 'Old Rd', contactName: 'Ana' }));
    await rejectEdit(site, { address: 'Mine Rd', contactName: 'Bo' }, { address: 'Server Rd', contactName: 'Cy' });

    await userEvent.click(await screen.findByText('Choose field by field'));
    const address = screen.getByRole('group', { name: 'Address' });
    await userEvent.click(within(address).getByRole('radio', { name: /Server’s: Server Rd/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save merged version' }));

    await screen.findByRole('heading', { name: 'Nothing to review' });
    const saved = await DataStore.query(Site, site.id);
    expect(saved?.address).toBe('Server Rd');
    expect(saved?.contactName).toBe('Bo');
  });

  it('takes the server’s version by dismissing the entry and leaving the record alone', async () => {
    await renderPage();
    const site = await DataStore.save(new Site({ name: 'Yard', address: 'A' }));
    await rejectEdit(site, { address: 'Mine' }, { address: 'Server' });

    await userEvent.click(await screen.findByRole('button', { name: 'Take server’s' }));

    await screen.findByRole('heading', { name: 'Nothing to review' });
    expect((await DataStore.query(Site, site.id))?.address).toBe('Server');
  });

  it('brings back a site deleted on the server when the user keeps their edit', async () => {
    await renderPage();
    const site = await DataStore.save(new Site({ name: 'Old yard', address: 'A' }));
    const serverCopy = { ...site, _version: 2, _lastChangedAt: Date.now(), _deleted: true };
    await TestBed.inject(SyncHandlers).handlers.conflictHandler!({
      modelConstructor: Site as unknown as PersistentModelConstructor<Site>,
      localModel: fromJSON({ ...serverCopy, address: 'B', _deleted: null, _version: 1 }),
      remoteModel: fromJSON(serverCopy),
      operation: OpType.UPDATE,
      attempts: 1,
    });
    // DataStore merges the server's tombstone after DISCARD: the site is gone from the device.
    await DataStore.delete(site);

    const card = await screen.findByRole('article', { name: 'Site “Old yard”' });
    expect(card.textContent).toContain('deleted on the server');
    await userEvent.click(within(card).getByRole('button', { name: 'Keep mine' }));

    await screen.findByRole('heading', { name: 'Nothing to review' });
    const sites = await DataStore.query(Site);
    expect(sites.map((s) => [s.name, s.address])).toEqual([['Old yard', 'B']]);
  });

  it('shows a refused delete with the site as the user last had it, and keeps it with their version on request', async () => {
    const site = await DataStore.save(new Site({ name: 'North yard', address: 'A' }));
    // Edited offline, then deleted: the outbox merged the edit into the queued delete.
    const lastLocal = { ...site, address: 'B', contactName: 'Ana' };
    noteSentEdit('Site', site.id, { address: 'B', contactName: 'Ana' }, new Date().toISOString());
    await renderPage([
      { id: '01J', model: 'Site', modelId: site.id, operation: 'Delete', data: JSON.stringify(lastLocal) },
    ]);
    const serverCopy = { ...site, notes: 'Gate moved', _version: 2, _lastChangedAt: Date.now(), _deleted: null };
    await TestBed.inject(SyncHandlers).handlers.conflictHandler!({
      modelConstructor: Site as unknown as PersistentModelConstructor<Site>,
      // What DataStore hands the handler for a delete: little more than the id and version it sent.
      localModel: fromJSON({ id: site.id, name: site.name, _version: 1 }),
      remoteModel: fromJSON(serverCopy),
      operation: OpType.DELETE,
      attempts: 1,
    });
    // After DISCARD DataStore stores the server's copy: the site is back on the device.
    await DataStore.save(Site.copyOf(site, (draft) => Object.assign(draft, { notes: 'Gate moved' })));

    const card = await screen.findByRole('article', { name: 'Site “North yard”' });
    expect(card.textContent).toContain('You deleted this');
    expect(within(card).getByRole('row', { name: /Address/ }).textContent).toContain('differs');
    expect(within(card).getByRole('row', { name: /Contact name/ }).textContent).toContain('Ana');
    expect(within(card).queryByRole('row', { name: /^Notes/ }))
      .withContext('a field the user did not edit')
      .toBeNull();
    await userEvent.click(within(card).getByRole('button', { name: 'Keep it, with my version' }));

    await screen.findByRole('heading', { name: 'Nothing to review' });
    const saved = await DataStore.query(Site, site.id);
    expect([saved?.address, saved?.contactName, saved?.notes]).toEqual(['B', 'Ana', 'Gate moved']);
  });

  it('files nothing when the server deleted the record too', async () => {
    const site = await DataStore.save(new Site({ name: 'Closed yard' }));
    await renderPage([{ id: '01J', model: 'Site', modelId: site.id, operation: 'Delete', data: JSON.stringify(site) }]);
    await TestBed.inject(SyncHandlers).handlers.conflictHandler!({
      modelConstructor: Site as unknown as PersistentModelConstructor<Site>,
      localModel: fromJSON({ id: site.id, name: site.name, _version: 1 }),
      remoteModel: fromJSON({ ...site, _version: 2, _lastChangedAt: Date.now(), _deleted: true }),
      operation: OpType.DELETE,
      attempts: 1,
    });

    expect(await screen.findByRole('heading', { name: 'Nothing to review' })).toBeTruthy();
    expect(TestBed.inject(ReviewRepository).all()).toEqual([]);
  });

  it('restores a checklist removal the server’s merge kept by removing the item again, keeping what came since', async () => {
    await renderPage();
    const site = await DataStore.save(new Site({ name: 'Depot' }));
    const valve = { id: 'c1', label: 'Shut valve', done: false, doneAt: null };
    const drain = { id: 'c2', label: 'Drain tank', done: false, doneAt: null };
    const job = await DataStore.save(
      new Job({ siteID: site.id, title: 'Pump check', status: 'OPEN', priority: 'NORMAL', checklist: [valve, drain] }),
    );
    // This device removed the valve; the server's answer kept it, renamed on another device, and
    // the drain ticked there.
    const ticked = { ...drain, done: true, doneAt: '2026-03-02T10:31:00.000Z' };
    const answer = { ...job, checklist: [{ ...valve, label: 'Shut both valves' }, ticked] };
    const sent = {
      model: 'Job',
      recordId: job.id,
      fields: { checklist: { value: [drain], at: '', base: [valve, drain] } },
    };
    TestBed.inject(ReviewRepository).record(reviewAnswer(sent, answer, [], (iso) => iso)!);
    await DataStore.save(
      Job.copyOf(job, (draft) => {
        draft.checklist = answer.checklist;
      }),
    );
    // Before the user decides, a third device adds an item.
    const gauge = { id: 'c3', label: 'Photograph gauge', done: false, doneAt: null };
    const current = (await DataStore.query(Job, job.id))!;
    await DataStore.save(
      Job.copyOf(current, (draft) => {
        draft.checklist = [...answer.checklist, gauge];
      }),
    );

    const card = await screen.findByRole('article', { name: /^Job/ });
    expect(within(card).getByText(/Your removal of “Shut valve” from the checklist was not applied/)).toBeTruthy();
    await userEvent.click(within(card).getByRole('button', { name: 'Restore mine' }));

    await screen.findByRole('heading', { name: 'Nothing to review' });
    expect((await DataStore.query(Job, job.id))?.checklist).toEqual([ticked, gauge]);
  });

  it('names the sites a job conflict refers to and says who saved the server’s value, and when', async () => {
    await renderPage();
    const depot = await DataStore.save(new Site({ name: 'Demo depot' }));
    const quarry = await DataStore.save(new Site({ name: 'North quarry' }));
    const job = await DataStore.save(
      new Job({
        siteID: depot.id,
        title: 'Annual chamber gas, flow & sump inspection',
        status: 'OPEN',
        priority: 'URGENT',
      }),
    );
    await DataStore.save(
      new ChangeLogEntry({
        recordModel: 'Job',
        recordID: job.id,
        operation: 'update',
        fields: JSON.stringify({ status: 'ON_HOLD' }),
        savedAt: '2026-11-27T14:02:00.000Z',
        author: 'Mara',
        device: 'Pixel 7',
      }),
    );
    const serverCopy = { ...job, status: 'ON_HOLD', _version: 2, _lastChangedAt: Date.now(), _deleted: null };
    await TestBed.inject(SyncHandlers).handlers.conflictHandler!({
      modelConstructor: Job as unknown as PersistentModelConstructor<Job>,
      localModel: jobFromJSON({ ...serverCopy, siteID: quarry.id, status: 'DONE', _version: 1 }),
      remoteModel: jobFromJSON(serverCopy),
      operation: OpType.UPDATE,
      attempts: 1,
    });

    // Names and who saved are read after the entry shows.
    await screen.findByText('North quarry', {}, { timeout: 5_000 });
    const siteRow = within(screen.getByRole('article', { name: /^Job/ })).getByRole('row', { name: /^Site/ });
    expect(siteRow.textContent).toContain('Demo depot');
    expect(siteRow.textContent).not.toContain(quarry.id);
    const card = screen.getByRole('article', { name: /^Job/ });
    expect(within(card).getByRole('row', { name: /^Status/ }).textContent).toMatch(/Done.*On hold/s);
    expect((await within(card).findByText(/saved by Mara on Pixel 7/)).textContent).toContain(
      new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(new Date('2026-11-27T14:02:00Z')),
    );
  });

  it('retries a change DataStore dropped and clears it once the server accepts it', async () => {
    await renderPage();
    const site = await DataStore.save(new Site({ name: 'Substation', notes: 'Fence down' }));
    TestBed.inject(SyncHandlers).handlers.errorHandler!({
      localModel: { id: site.id, notes: 'Fence down', _version: 3 } as never,
      message: 'A network error has occurred.',
      operation: 'Update',
      errorType: 'Unknown',
      process: 'mutate' as never,
      remoteModel: null as never,
      cause: Object.assign(new Error('A network error has occurred.'), { path: ['updateSite'] }),
    });
    await until('the failed change recorded', () => TestBed.inject(ReviewRepository).all().length === 1);
    send.and.resolveTo({ data: { updateSite: { id: site.id } } });

    expect((await screen.findByRole('article', { name: 'Site “Substation”' })).textContent).toContain(
      'Could not reach',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry sending' }));

    await screen.findByRole('heading', { name: 'Nothing to review' });
    const [request] = send.calls.mostRecent().args;
    expect(request.query).toContain('updateSite(input: $input)');
    expect(request.variables).toEqual({ input: { id: site.id, notes: 'Fence down', _version: undefined } });
  });

  it('keeps a failed change, with a clear message, while the server is still unreachable', async () => {
    await renderPage();
    const site = await DataStore.save(new Site({ name: 'Substation' }));
    TestBed.inject(ReviewRepository).record({
      id: 'c1',
      kind: 'failed',
      model: 'Site',
      recordId: site.id,
      operation: 'create',
      mine: { name: 'Substation' },
      theirs: null,
      reason: 'Could not reach the sync server.',
      at: Date.now(),
    });
    send.and.rejectWith({ data: {}, errors: [{ message: 'A network error has occurred.' }] });

    await userEvent.click(await screen.findByRole('button', { name: 'Retry sending' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Still cannot reach the sync server');
    expect(TestBed.inject(ReviewRepository).all().length).toBe(1);
    expect(send.calls.mostRecent().args[0].query).toContain('createSite(input: $input)');
  });
});
