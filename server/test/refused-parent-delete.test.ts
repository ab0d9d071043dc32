import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startCrewDevice } from './crew-device.ts';
import { gql, waitFor } from './harness.ts';

// A Crew member may not delete jobs. Deleting one on the device takes its notes with it (DataStore's
// cascade): a note added offline never leaves the device (the outbox drops its queued create with
// its delete), and a synced note of theirs is deleted on the server by its own delete, sent first.
// The server then refuses the job's delete: the review entry must hold both notes, and its restore
// must put them back on the server.
const CREW = { email: 'ana@example.test', password: 'Harbour-pumps-7' };

test(
  'a job delete refused for a Crew user keeps the notes it took, and restoring them puts them on the server',
  { timeout: 180_000 },
  async (t) => {
    const device = await startCrewDevice(CREW.email, CREW.password, {}, [
      { id: 'j1', siteID: 's1', title: 'Replace boiler valve', status: 'OPEN', priority: 'HIGH' },
      { id: 'j2', siteID: 's1', title: 'Bleed radiators', status: 'OPEN', priority: 'NORMAL' },
    ]);
    t.after(() => device.dispose());
    const { client, server } = device;
    await waitFor('both jobs on the device', async () => (await client.query('Job')).length === 2, 30_000);
    const synced = await client.call<Record<string, unknown>>('create', {
      model: 'FieldNote',
      fields: { jobID: 'j1', body: 'Valve seized', observedAt: '2026-03-01T08:00:00.000Z' },
    });
    await waitFor('the first note synced', async () => (await client.outbox()) === 0);

    // Held on the wire, a note on another job is the outbox's head: the one added to j1 waits behind
    // it, as offline, and the job's delete drops its create.
    await client.call('hold');
    await client.call('create', {
      model: 'FieldNote',
      fields: { jobID: 'j2', body: 'Radiator 3 cold', observedAt: '2026-03-01T08:05:00.000Z' },
    });
    const offline = await client.call<Record<string, unknown>>('create', {
      model: 'FieldNote',
      fields: { jobID: 'j1', body: 'New gasket fitted', observedAt: '2026-03-01T08:10:00.000Z' },
    });
    await client.call('delete', { model: 'Job', id: 'j1' });
    await client.call('release');

    await waitFor(
      'the refused delete filed for review',
      async () => (await client.events()).reviews?.list.some((entry) => entry.model === 'Job') ?? false,
      30_000,
    );
    await waitFor('the outbox empty', async () => (await client.outbox()) === 0, 30_000);
    const entry = (await client.events()).reviews?.list.find((candidate) => candidate.model === 'Job');
    assert.equal(entry?.recordId, 'j1');
    assert.equal(entry?.operation, 'delete');
    const children = entry?.children ?? [];
    assert.deepEqual(
      children
        .map(({ model, id, unsent, fields }) => ({ model, id, unsent, body: fields['body'], job: fields['jobID'] }))
        .sort((a, b) => String(a.body).localeCompare(String(b.body))),
      [
        { model: 'FieldNote', id: offline['id'], unsent: true, body: 'New gasket fitted', job: 'j1' },
        { model: 'FieldNote', id: synced['id'], unsent: false, body: 'Valve seized', job: 'j1' },
      ],
    );
    assert.match(
      entry?.reason ?? '',
      /^You may no longer delete this job.* 2 notes \(1 you added, never sent\) were removed/,
    );
    const onServer = await notesOnServer(server.port);
    assert.equal(onServer.get(String(offline['id'])), undefined, 'the offline note never reached the server');
    assert.equal(onServer.get(String(synced['id']))?.['_deleted'], true, 'the synced note was deleted there');

    const parent = { model: 'Job', id: 'j1', fields: entry?.mine ?? {} };
    const made = await client.call<Record<string, unknown>[]>('restoreTaken', { parent, children });
    const restored = new Map(made.map((note) => [String(note['body']), String(note['id'])]));
    assert.equal(restored.get('New gasket fitted'), offline['id'], 'the note never sent keeps its id');
    const again = restored.get('Valve seized');
    assert.ok(again && again !== synced['id'], 'the note deleted on the server comes back under a new id');
    await waitFor(
      'both notes back on the server, on the job',
      async () => {
        const notes = await notesOnServer(server.port);
        const back = (id: string, body: string) => {
          const note = notes.get(id);
          return note?.['body'] === body && note['jobID'] === 'j1' && !note['_deleted'];
        };
        return back(String(offline['id']), 'New gasket fitted') && back(again, 'Valve seized');
      },
      30_000,
    );
    // The job is back on the device (the server answered its restore with its own copy), and
    // nothing else was filed: the restore's create of the job the server holds is no new refusal.
    assert.ok((await client.query('Job')).some((job) => job['id'] === 'j1' && job['title'] === 'Replace boiler valve'));
    assert.deepEqual(
      (await client.events()).reviews?.list.map((other) => other.id),
      [entry?.id],
    );
  },
);

async function notesOnServer(port: number): Promise<Map<string, Record<string, unknown>>> {
  const { body } = await gql(port, 'query { syncFieldNotes(limit: 1000) { items { id body jobID _deleted } } }');
  const items = (body.data?.syncFieldNotes?.items ?? []) as Record<string, unknown>[];
  return new Map(items.map((note) => [String(note['id']), note]));
}
