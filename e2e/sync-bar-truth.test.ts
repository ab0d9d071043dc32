import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device } from '../testing/browser.ts';
import {
  createJob,
  eventually,
  openDeviceWithSite,
  outboxEntries,
  serverRecords,
  syncBar,
  syncBarSays,
} from '../testing/fieldbook.ts';
import { gate as holdGate } from '../testing/gate.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { WriteGate } from './support/write-gate.ts';

// A crew member who sees "All changes synced" closes the laptop and drives off: it must be true.
describe('the sync bar says "All changes synced" only when it is true', { timeout: 120_000 }, () => {
  let server: ServerProcess;
  let gate: WriteGate;
  let device: Device;

  before(async () => {
    server = await startServerProcess();
    gate = await WriteGate.start(server.port);
    device = await openDeviceWithSite(server, 'Depot', { url: gate.url });
  });

  after(async () => {
    await device?.close();
    await gate?.stop();
    await server?.dispose();
  });

  it('counts a saved job as one change to send until the server has answered it', async () => {
    const { page } = device;
    const answer = holdGate();
    gate.holdAnswer = (request) => (request.startsWith('POST /graphql') ? answer.hold() : undefined);

    const id = await createJob(page, 'Check the sluice', 'Depot');
    await answer.arrived;
    // The server has the job, the device has not heard back: the change is still on the device only.
    assert.equal(await syncBarSays(page, /^Syncing… · /), 'Syncing… · 1 to send');
    assert.ok((await outboxEntries(page)).some((entry) => entry.modelId === id && entry.model === 'Job'));

    gate.holdAnswer = undefined;
    answer.open();
    await syncBarSays(page, /^All changes synced/);
    assert.deepEqual(await outboxEntries(page), [], 'nothing left queued when the bar says synced');
    const jobs = await serverRecords(server, 'Job', 'id title');
    assert.deepEqual(
      jobs.map((job) => job['title']),
      ['Check the sluice'],
    );
  });

  it('after a reload, says "Syncing…" until the server has answered its sync queries', async () => {
    const { page } = device;
    const sync = holdGate();
    gate.holdRequest = (request) => (request.startsWith('POST /graphql') ? sync.hold() : undefined);

    await page.reload();
    await sync.arrived;
    // The device's last sync time is on the device, but whether the server still has everything is not.
    await syncBarSays(page, /^Syncing…$/);
    assert.doesNotMatch((await syncBar(page).textContent()) ?? '', /All changes synced/);

    gate.holdRequest = undefined;
    sync.open();
    await syncBarSays(page, /^All changes synced/);
  });

  it('says how many changes wait offline from the first one, exactly', async () => {
    const { page, context } = device;
    await context.setOffline(true);
    await createJob(page, 'Grease the gate winch', 'Depot');

    assert.equal(await syncBarSays(page, /^Offline · /), 'Offline · 1 change saved on this device');
    await eventually(
      'one job queued on the device',
      async () => (await outboxEntries(page)).filter((entry) => entry.model === 'Job'),
      (jobs) => jobs.length === 1,
    );

    await context.setOffline(false);
    await syncBarSays(page, /^All changes synced/, 30_000);
    assert.equal((await serverRecords(server, 'Job', 'title')).length, 2);
  });
});
