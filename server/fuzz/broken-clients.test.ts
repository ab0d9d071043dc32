import assert from 'node:assert/strict';
import { test } from 'node:test';

import { type Break, BREAKS } from './broken-clients.ts';
import { closeEnv, createEnv, runSeed, type SharedOptions } from './run-seed.ts';

// Each broken client loses a user's save in one way; the oracle must fail the seed and name the
// loss. The seeds run no random script (0 steps), so only the broken client's writes decide, and
// each seed has only the devices its break writes from (client 0; client 1, the crew's, for the
// refused permission; the office's shared-store device, client 2, for the tab and the conflicting
// edit): each device is a process of its own, spawned for every seed, and one that runs no script
// would only add its start-up and syncs.
const SEPARATE_ONLY: SharedOptions = { devices: 0, tabs: 2 };
const WITH_OFFICE_TABS: SharedOptions = { devices: 1, tabs: 2 };
const CAUGHT: Record<Break, { caught: RegExp; separate: number; shared?: SharedOptions }> = {
  'old-status': {
    caught: /client 0 saved Job:job-1 status = "IN_PROGRESS": no server version since holds it/,
    separate: 1,
  },
  'unrelated-conflict': {
    caught: /client 0 saved Site:site-2 name = "Yard lost": no server version since holds it/,
    separate: 2,
    shared: WITH_OFFICE_TABS,
  },
  'delete-stays': { caught: /client 0 deleted Site:site-2: the server still holds it/, separate: 1 },
  'list-back': { caught: /client 0 saved Job:job-1 tags = \[\]: no server version since holds it/, separate: 1 },
  'ack-unapplied': {
    caught: /Job:job-1: acknowledged updateJob by client 0 is in no version up to the acknowledged one/,
    separate: 1,
  },
  'review-dropped': {
    caught: /client 0 saved Site:site-2 notes = "c0": no server version since holds it and the device was never told/,
    separate: 2,
    shared: WITH_OFFICE_TABS,
  },
  'tab-error-ack': {
    caught: /client 2 tab 0 update Site:site-1: acknowledged name = "Depot", never confirmed by the server/,
    separate: 2,
    shared: WITH_OFFICE_TABS,
  },
  'refusal-unfiled': {
    caught: /client 1 updateSite site-2: refused for permissions and not in that device's review list/,
    separate: 2,
  },
  'taken-unfiled': {
    caught:
      /client 1 saved FieldNote:\S+ body = "c1 taken": no server version since holds it and the device was never told/,
    separate: 2,
  },
  'token-drop': {
    caught: /client 0 updateJob job-1: its token was refused \(HTTP 401\) and the device never sent the change again/,
    separate: 1,
  },
  'never-evicts': { caught: /client 1 \(crews fuzz\) holds Site:site-1 of crew-fuzz2, outside its scope/, separate: 2 },
  'evict-queued': {
    caught:
      /client 1 saved Job:job-4 title = "c1 evicted": no server version since holds it and the device was never told/,
    separate: 2,
  },
  'eviction-deletes': {
    caught:
      /client 1 \(crews fuzz\) sent deleteSite site-3 for a record it evicted: an eviction sent to the server as a delete/,
    separate: 2,
  },
};

for (const [kind, { caught, separate, shared = SEPARATE_ONLY }] of Object.entries(CAUGHT) as [
  Break,
  (typeof CAUGHT)[Break],
][]) {
  test(`the fuzz oracle fails a seed with ${BREAKS[kind]}`, { timeout: 90_000 }, async () => {
    const env = await createEnv(separate, shared);
    try {
      const { errors } = await runSeed(env, 1, 0, kind);
      assert.ok(
        errors.some((line) => caught.test(line)),
        `expected ${String(caught)} among:\n${errors.join('\n')}`,
      );
    } finally {
      await closeEnv(env);
    }
  });
}
