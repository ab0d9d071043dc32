import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type CrewDevice, DEVICE_CREW, startCrewDevice } from './crew-device.ts';
import { waitFor } from './harness.ts';

// A Crew member may not add a site: the server refuses the create, the app files it for review and
// the device keeps the record. The person then edits that record. The server never took it, so the
// edit can only reach it as the record's create, whole: DataStore queued it as the changed fields
// alone, a create of them when the record had left the device meanwhile (a full sync sweeps a
// record the server does not have), which the server refused as invalid and the app filed as an
// error of its own (fuzz seed 17 of the 200-seed run: `createSite { id, notes }`, ValidationError),
// or an update of a record the server does not have otherwise.
let device: CrewDevice | undefined;
after(() => device?.dispose());

type Review = NonNullable<Awaited<ReturnType<CrewDevice['client']['events']>>['reviews']>['list'][number];

async function entriesFor(id: string): Promise<Review[]> {
  const { client } = device!;
  return ((await client.events()).reviews?.list ?? []).filter((entry) => entry.recordId === id);
}

/** A site made on the device and refused: filed for review, the outbox empty, the record still here. */
async function refusedSite(name: string): Promise<Record<string, unknown>> {
  const { client } = device!;
  const site = await client.call<{ id: string }>('create', { model: 'Site', fields: { name, ...DEVICE_CREW } });
  await waitFor('the refused site filed for review', async () => (await entriesFor(site.id)).length === 1);
  await waitFor('the outbox emptied', async () => (await client.outbox()) === 0);
  const held = (await client.query('Site')).find((record) => record['id'] === site.id);
  assert.ok(held, 'the device keeps the refused site');
  return held;
}

/** Every write of `id` the device sent, with the input's fields and the server's error. */
async function writesOf(id: string) {
  return (await device!.client.sent())
    .filter((q) => q.variables.input['id'] === id)
    .map((q) => ({ field: q.field, input: q.variables.input, error: q.response?.errors?.[0]?.errorType }));
}

/** The edit went as the site's create, whole, was refused for permissions, and is in the one entry. */
async function assertSentWholeAndFiled(id: string, name: string): Promise<void> {
  await waitFor(
    'the edit answered',
    async () => (await writesOf(id)).length === 2 && (await device!.client.outbox()) === 0,
  );
  const [, edit] = await writesOf(id);
  assert.equal(edit?.field, 'createSite', 'the edit of a site the server never took goes as its create');
  assert.equal(edit?.input['name'], name, 'the create carries the whole site');
  assert.equal(edit?.input['notes'], 'Gate code 4411');
  assert.equal(edit?.error, 'Unauthorized', 'refused for permissions, not as an invalid create');
  await waitFor('the refused edit filed', async () => (await entriesFor(id))[0]?.mine['notes'] === 'Gate code 4411');
  const [entry, ...more] = await entriesFor(id);
  assert.deepEqual(more, [], 'one entry for the site');
  assert.equal(entry?.operation, 'create');
  assert.equal(entry?.mine['name'], name, 'the entry holds the whole site, so sending it again adds it');
  assert.match(entry?.reason ?? '', /You may no longer add a site/);
}

before(async () => {
  device = await startCrewDevice('ana@example.test', 'Harbour-pumps-7', {}, [], { scoped: true });
  const { client } = device;
  await waitFor('the site on the device', async () => (await client.query('Site')).length === 1);
});

test(
  'an edit saved after a full sync swept the refused site goes as its create, whole',
  { timeout: 120_000 },
  async () => {
    const { client } = device!;
    const opened = await refusedSite('Weir house');
    const id = String(opened['id']);
    await client.call('fullSyncNext');
    await client.call('restartSync', {}, 60_000);
    await waitFor('the sweep takes the refused site off the device', async () =>
      (await client.call<{ id: string }[]>('ghosts')).some((ghost) => ghost.id === id),
    );

    // The edit form was opened on the site before the sweep.
    await client.call('updateFrom', { model: 'Site', record: opened, fields: { notes: 'Gate code 4411' } });
    await assertSentWholeAndFiled(id, 'Weir house');
  },
);

test('an edit of a refused site still on the device goes as its create, whole', { timeout: 120_000 }, async () => {
  const { client } = device!;
  const { id } = await refusedSite('Pump house');
  await client.call('update', { model: 'Site', id, fields: { notes: 'Gate code 4411' } });
  await assertSentWholeAndFiled(String(id), 'Pump house');
});
