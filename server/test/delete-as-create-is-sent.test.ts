import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startCrewDevice } from './crew-device.ts';
import { gql, waitFor } from './harness.ts';

// DataStore drops a queued create together with a delete of the same record (neither is sent), but
// not the create it is sending: that one is marked in flight when the mutation processor reads it
// off the outbox's head. The read holds the storage lock; a delete's entry waiting for that lock
// must find the create marked. Marked only once the lock was let go, the delete took the create
// for a queued one: the create still reached the server, the delete was never sent, and the
// create's answer then dequeued the entry behind it, a change never sent either (fuzz seed 79: a
// note deleted just as a refused job delete left the outbox, and a job delete behind it lost).
test(
  'a note deleted as its create is taken off the outbox is deleted on the server, and the change behind it is sent',
  { timeout: 120_000 },
  async (t) => {
    const device = await startCrewDevice('ana@example.test', 'Harbour-pumps-7', {}, [
      { id: 'j1', siteID: 's1', title: 'Service the boiler', status: 'OPEN', priority: 'LOW' },
    ]);
    t.after(() => device.dispose());
    const { client, server } = device;
    await waitFor('the job on the device', async () => (await client.query('Job')).length === 1, 30_000);

    // A site Crew may not add is on the wire; the note and an edit of its job queue behind it.
    await client.call('hold');
    await client.call('create', { model: 'Site', fields: { name: 'Weir house' } });
    await client.call('heldSend');
    const note = await client.call<{ id: string }>('create', {
      model: 'FieldNote',
      fields: { jobID: 'j1', body: 'Flue blocked', observedAt: '2026-03-01T08:00:00.000Z' },
    });
    await client.call('update', { model: 'Job', id: 'j1', fields: { status: 'IN_PROGRESS' } });
    await client.call('deleteBehindNextHeadRead', { model: 'FieldNote', id: note.id });
    await client.call('release');

    await waitFor(
      'the note’s create answered and the outbox empty',
      async () =>
        (await client.sent()).some(({ field, response }) => field === 'createFieldNote' && response) &&
        (await client.outbox()) === 0,
      30_000,
    );
    const { body } = await gql(
      server.port,
      'query($id: ID!) { getFieldNote(id: $id) { _deleted } getJob(id: "j1") { status } }',
      { id: note.id },
    );
    assert.equal(body.data?.getFieldNote?._deleted, true, 'the note is deleted on the server');
    assert.equal(body.data?.getJob?.status, 'IN_PROGRESS', 'the job’s edit reached the server');
    assert.deepEqual(
      (await client.sent()).map(({ field }) => field),
      ['createSite', 'createFieldNote', 'updateJob', 'deleteFieldNote'],
      'the delete was sent after its create’s answer',
    );
  },
);
