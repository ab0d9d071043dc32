import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type Break, BREAKS } from './broken-clients.ts';
import { closeEnv, createEnv, type FuzzEnv, runSeed } from './run-seed.ts';

// Each broken client loses a user's save in one way; the oracle must fail the seed and name the
// loss. The seeds run no random script (0 steps), so only the broken client's writes decide.
const CAUGHT: Record<Break, RegExp> = {
  'old-status': /client 0 saved Job:job-1 status = "IN_PROGRESS": no server version since holds it/,
  'unrelated-conflict': /client 0 saved Site:site-2 name = "Yard lost": no server version since holds it/,
  'delete-stays': /client 0 deleted Site:site-2: the server still holds it/,
  'list-back': /client 0 saved Job:job-1 tags = \[\]: no server version since holds it/,
  'ack-unapplied': /Job:job-1: acknowledged updateJob by client 0 is in no version up to the acknowledged one/,
  'review-dropped':
    /client 0 saved Site:site-2 notes = "c0": no server version since holds it and the device was never told/,
  'tab-error-ack': /client 2 tab 0 update Site:site-1: acknowledged name = "Depot", never confirmed by the server/,
  'refusal-unfiled': /client 1 updateSite site-2: refused for permissions and not in that device's review list/,
  'token-drop':
    /client 0 updateJob job-1: its token was refused \(HTTP 401\) and the device never sent the change again/,
};
let env: FuzzEnv;

before(async () => {
  env = await createEnv(2, { devices: 1, tabs: 2 });
});
after(async () => {
  await closeEnv(env);
});

for (const [kind, caught] of Object.entries(CAUGHT) as [Break, RegExp][]) {
  test(`the fuzz oracle fails a seed with ${BREAKS[kind]}`, { timeout: 90_000 }, async () => {
    const { errors } = await runSeed(env, 1, 0, kind);
    assert.ok(
      errors.some((line) => caught.test(line)),
      `expected ${String(caught)} among:\n${errors.join('\n')}`,
    );
  });
}
