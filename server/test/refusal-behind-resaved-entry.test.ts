import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { type CrewDevice, startCrewDevice } from './crew-device.ts';
import { waitFor } from './harness.ts';

// DataStore keys its outbox store by an auto-increment key and sends the entry with the lowest.
// When the answer to a write arrives, it saves the record's next queued write again with the new
// version: that entry goes to the back, behind writes queued after it. A refusal is filed from the
// entry DataStore is sending, so the outbox must be read in DataStore's order, not by entry id:
// read by id, the refused site was taken for the job's write, and the site's values went unfiled
// (fuzz seed 101).
let device: CrewDevice | undefined;
after(() => device?.dispose());

test(
  'a write refused after an earlier write of another record was saved again behind it is filed with its own values',
  { timeout: 120_000 },
  async () => {
    device = await startCrewDevice('ana@example.test', 'Harbour-pumps-7', {}, [
      { id: 'j1', siteID: 's1', title: 'Pump check', status: 'OPEN', priority: 'NORMAL' },
    ]);
    const { client } = device;
    await waitFor('the job on the device', async () => (await client.query('Job')).length === 1);

    await client.call('hold');
    await client.call('update', { model: 'Job', id: 'j1', fields: { title: 'Pump check, north' } });
    await client.call('heldSend');
    // Queued while the first is being sent: its own entry, then a site Crew may not create.
    await client.call('update', { model: 'Job', id: 'j1', fields: { status: 'IN_PROGRESS' } });
    const site = await client.call<{ id: string }>('create', { model: 'Site', fields: { name: 'Weir house' } });
    await client.call('release');

    const entry = await waitFor('the refused site filed for review', async () =>
      ((await client.events()).reviews?.list ?? []).find((each) => each.model === 'Site'),
    );
    assert.deepEqual(
      { recordId: entry.recordId, operation: entry.operation, name: entry.mine['name'] },
      { recordId: site.id, operation: 'create', name: 'Weir house' },
    );
    await waitFor('every write answered', async () => (await client.outbox()) === 0);
    const { reviews } = await client.events();
    assert.deepEqual(
      reviews?.list.map(({ model, recordId }) => `${model}:${recordId}`),
      [`Site:${site.id}`],
      'the job’s writes were accepted: nothing filed for them',
    );
    assert.deepEqual(
      (await client.sent()).map(({ field }) => field),
      ['updateJob', 'createSite', 'updateJob'],
      'DataStore sent the job’s second write after the site',
    );
  },
);
