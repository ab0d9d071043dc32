import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { repositoryRoot } from '../src/amplify-project.ts';
import { insertRecords } from '../src/seed.ts';
import type { RunningServer } from '../src/server.ts';
import { gql, startTestServer, tempDbPath } from './harness.ts';

// A write whose answer is lost (connection cut after the server committed) is resent by DataStore
// with the version it was based on. Found by the convergence fuzzer: it must not be applied twice.
const { fingerprint } = createRequire(import.meta.url)(
  `${repositoryRoot}/amplify/backend/function/fieldbookJobConflictHandler/src/index.js`,
) as { fingerprint: (value: unknown) => string };

const db = tempDbPath();
let server: RunningServer;

before(async () => {
  server = await startTestServer(db.path, {
    seed: (store) => {
      insertRecords(store, 'Site', [
        { id: 's1', name: 'Quay' },
        { id: 's2', name: 'Depot' },
        { id: 's3', name: 'Yard' },
      ]);
      insertRecords(store, 'FieldNote', [
        { id: 'n1', jobID: 'j', body: 'b', observedAt: '2026-02-01T10:00:00.000Z', tags: ['t'] },
        { id: 'n2', jobID: 'j', body: 'b', observedAt: '2026-02-01T10:00:00.000Z', attributes: '{"gauge":"G-1"}' },
      ]);
      insertRecords(store, 'Job', [
        { id: 'j1', siteID: 's', title: 'T', status: 'OPEN', priority: 'LOW', tags: ['a'] },
        { id: 'j2', siteID: 's', title: 'T', status: 'OPEN', priority: 'LOW' },
        { id: 'j3', siteID: 's', title: 'T', status: 'OPEN', priority: 'LOW', tags: ['a'] },
        // As the app last wrote it: each field's fingerprint beside its edit time.
        {
          id: 'j4',
          siteID: 's',
          title: 'T',
          status: 'OPEN',
          priority: 'LOW',
          tags: ['a'],
          fieldEditedAt: JSON.stringify({
            tags: '2026-02-01T10:00:00.000Z',
            _values: { title: fingerprint('T'), status: fingerprint('OPEN'), priority: fingerprint('LOW') },
          }),
        },
      ]);
    },
  });
});
after(async () => {
  await server.close();
  db.cleanup();
});

const NOTE = 'mutation($input: UpdateFieldNoteInput!) { updateFieldNote(input: $input) { tags _version } }';
const JOB = 'mutation($input: UpdateJobInput!) { updateJob(input: $input) { tags title _version } }';

test('Auto Merge: a resent update changes nothing and creates no version', { timeout: 20_000 }, async () => {
  const input = { id: 'n1', tags: ['t', 'x'], _version: 1 };
  const first = await gql(server.port, NOTE, { input });
  assert.deepEqual(first.body.data.updateFieldNote, { tags: ['t', 'x'], _version: 2 });
  const resent = await gql(server.port, NOTE, { input });
  assert.equal(resent.body.errors, undefined);
  assert.deepEqual(resent.body.data.updateFieldNote, { tags: ['t', 'x'], _version: 2 });
});

test(
  'Auto Merge: a stale update merged into another device’s list, then resent, is not appended twice',
  { timeout: 20_000 },
  async () => {
    // n1 is at version 2 (tags t, x) from the test above; this device still has version 1.
    const input = { id: 'n1', tags: ['t', 'y'], _version: 1 };
    const merged = await gql(server.port, NOTE, { input });
    assert.deepEqual(merged.body.data.updateFieldNote, { tags: ['t', 'x', 't', 'y'], _version: 3 });
    const resent = await gql(server.port, NOTE, { input });
    assert.equal(resent.body.errors, undefined);
    assert.deepEqual(resent.body.data.updateFieldNote, { tags: ['t', 'x', 't', 'y'], _version: 3 });
  },
);

test(
  'Auto Merge: a stale update is not taken for a resend where merging it would have changed nothing',
  { timeout: 20_000 },
  async () => {
    const ATTRIBUTES =
      'mutation($input: UpdateFieldNoteInput!) { updateFieldNote(input: $input) { attributes _version } }';
    const update = async (input: Record<string, unknown>) =>
      (await gql(server.port, ATTRIBUTES, { input: { id: 'n2', ...input } })).body.data.updateFieldNote;
    await update({ attributes: '{"gauge":"A","k2":2}', _version: 1 });
    await update({ tags: ['other device'], _version: 2 });
    await update({ attributes: '{"gauge":"C","k1":7}', _version: 3 });
    // Based on version 1: merged into version 2 it would have added nothing (k2 was there), so that
    // proves no earlier delivery; merged into version 4 it adds k2.
    const merged = await update({ attributes: '{"gauge":"B","k2":8}', _version: 1 });
    assert.equal(merged._version, 5);
    assert.deepEqual(JSON.parse(String(merged.attributes)), { gauge: 'C', k1: 7, k2: 8 });
  },
);

test(
  'custom handler: a resent update that RESOLVEs to the stored job creates no version',
  { timeout: 20_000 },
  async () => {
    const input = { id: 'j1', title: 'New', tags: ['a', 'b'], _version: 1 };
    assert.equal((await gql(server.port, JOB, { input })).body.data.updateJob._version, 2);
    const resent = await gql(server.port, JOB, { input });
    assert.deepEqual(resent.body.data.updateJob, { tags: ['a', 'b'], title: 'New', _version: 2 });
    const stale = await gql(server.port, JOB, { input: { id: 'j1', title: 'Newer', _version: 1 } });
    assert.deepEqual(stale.body.data.updateJob, { tags: ['a', 'b'], title: 'Newer', _version: 3 });
  },
);

test('custom handler: a resent update does not undo a later edit by another device', { timeout: 20_000 }, async () => {
  await gql(server.port, JOB, { input: { id: 'j1', title: 'First', _version: 3 } });
  await gql(server.port, JOB, { input: { id: 'j1', title: 'Later edit', _version: 4 } });
  const resent = await gql(server.port, JOB, { input: { id: 'j1', title: 'First', _version: 3 } });
  assert.deepEqual(resent.body.data.updateJob, { tags: ['a', 'b'], title: 'Later edit', _version: 5 });
});

test(
  'custom handler: a stale update the handler merged, then resent, does not undo a later edit',
  { timeout: 20_000 },
  async () => {
    const update = async (input: Record<string, unknown>) =>
      (await gql(server.port, JOB, { input: { id: 'j3', ...input } })).body.data.updateJob;
    await update({ tags: ['a', 'b'], _version: 1 });
    // Based on version 1, so the handler unions the tags rather than taking them as sent.
    const stale = { title: 'From the van', tags: ['a', 'c'], _version: 1 };
    assert.deepEqual(await update(stale), { tags: ['a', 'b', 'c'], title: 'From the van', _version: 3 });
    await update({ title: 'Later edit', _version: 3 });
    assert.deepEqual(await update(stale), { tags: ['a', 'b', 'c'], title: 'Later edit', _version: 4 });
  },
);

test(
  'a stale update whose value another write happened to set earlier is still applied',
  { timeout: 20_000 },
  async () => {
    const STATUS = 'mutation($input: UpdateJobInput!) { updateJob(input: $input) { status title _version } }';
    const update = async (input: Record<string, unknown>) =>
      (await gql(server.port, STATUS, { input: { id: 'j2', ...input } })).body.data.updateJob;
    await update({ title: 'Closed by A', status: 'DONE', _version: 1 });
    await update({ status: 'OPEN', _version: 2 });
    // Version 2 holds DONE too, but it was A's write (it also changed the title): this one never arrived.
    assert.deepEqual(await update({ status: 'DONE', _version: 1 }), {
      status: 'DONE',
      title: 'Closed by A',
      _version: 4,
    });
  },
);

test(
  'custom handler: a resent update is recognised when the handler also dated an untimed change in its bookkeeping',
  { timeout: 20_000 },
  async () => {
    const STATUS = 'mutation($input: UpdateJobInput!) { updateJob(input: $input) { status tags _version } }';
    const update = async (input: Record<string, unknown>) =>
      (await gql(server.port, STATUS, { input: { id: 'j4', ...input } })).body.data.updateJob;
    // An office script renames the job (no edit times): the stored title no longer matches its fingerprint.
    await update({ title: 'Renamed by dispatch', _version: 1 });
    // A device's stale write: the handler merges it and dates the rename in fieldEditedAt as it goes.
    const stale = { status: 'ON_HOLD', tags: ['b'], _version: 1 };
    assert.deepEqual(await update(stale), { status: 'ON_HOLD', tags: ['a', 'b'], _version: 3 });
    // Its answer was lost and DataStore resends it: the same version comes back, none is added.
    assert.deepEqual(await update(stale), { status: 'ON_HOLD', tags: ['a', 'b'], _version: 3 });
  },
);

const SITE = 'mutation($input: UpdateSiteInput!) { updateSite(input: $input) { contactName notes _version } }';

test('Optimistic Concurrency: a resent update is answered with the version it made', { timeout: 20_000 }, async () => {
  const input = { id: 's1', contactName: 'Ana', _version: 1 };
  const first = await gql(server.port, SITE, { input });
  assert.deepEqual(first.body.data.updateSite, { contactName: 'Ana', notes: null, _version: 2 });
  const resent = await gql(server.port, SITE, { input });
  assert.equal(resent.body.errors, undefined);
  assert.deepEqual(resent.body.data.updateSite, { contactName: 'Ana', notes: null, _version: 2 });
});

test(
  'Optimistic Concurrency: a stale update equal to a later one by another device is a conflict, as on AppSync',
  { timeout: 20_000 },
  async () => {
    // Fuzz seeds 47 and 84: two office devices moved one site to the same crew, one of them from a
    // copy two versions old. Only the up-to-date move was applied; the other is not a resend of it.
    await gql(server.port, SITE, { input: { id: 's2', notes: 'Gate code 4411', _version: 1 } });
    const applied = await gql(server.port, SITE, { input: { id: 's2', contactName: 'Ana', _version: 2 } });
    assert.equal(applied.body.data.updateSite._version, 3);
    const stale = await gql(server.port, SITE, { input: { id: 's2', contactName: 'Ana', _version: 1 } });
    assert.equal(stale.body.data.updateSite, null);
    assert.equal(stale.body.errors?.[0]?.errorType, 'ConflictUnhandled');
    assert.deepEqual(
      { contactName: stale.body.errors[0].data.contactName, _version: stale.body.errors[0].data._version },
      { contactName: 'Ana', _version: 3 },
    );
  },
);

test(
  'Optimistic Concurrency: a write on the base of a version others have since changed is a conflict, as on AppSync',
  { timeout: 20_000 },
  async () => {
    // Fuzz seed 47: two office devices moved one site to the same crew from the same version; one
    // move was applied, the site was moved back, then the other device's move arrived. Answered as a
    // resend it was told it landed, with the site in its old crew, and filed a handover of a move that
    // never happened. On AppSync it meets a conflict, and the app resends the move on the new version.
    const move = { id: 's3', contactName: 'Moved', _version: 1 };
    assert.equal((await gql(server.port, SITE, { input: move })).body.data.updateSite._version, 2);
    await gql(server.port, SITE, { input: { id: 's3', contactName: 'Moved back', _version: 2 } });
    const other = await gql(server.port, SITE, { input: move });
    assert.equal(other.body.data.updateSite, null);
    assert.equal(other.body.errors?.[0]?.errorType, 'ConflictUnhandled');
    assert.deepEqual(
      { contactName: other.body.errors[0].data.contactName, _version: other.body.errors[0].data._version },
      { contactName: 'Moved back', _version: 3 },
    );
  },
);
