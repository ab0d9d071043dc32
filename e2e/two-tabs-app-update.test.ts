import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Device, waitForServiceWorker } from '../testing/browser.ts';
import { createJob, eventually, openDeviceWithSite, syncBarSays } from '../testing/fieldbook.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';
import { type AppRelease, copyOfBuiltApp } from './support/app-release.ts';

/** The models version the tab's device store was written with (DataStore's own setting). */
function storedModelsVersion(): Promise<string | null> {
  return new Promise((resolve) => {
    const open = indexedDB.open('amplify-datastore');
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction('datastore_Setting').objectStore('datastore_Setting').getAll();
      request.onsuccess = () => {
        db.close();
        const row = (request.result as { key: string; value: string }[]).find((r) => r.key === 'schemaVersion');
        resolve(row ? (JSON.parse(row.value) as string) : null);
      };
    };
    open.onerror = () => resolve(null);
  });
}

// An update whose data models changed makes DataStore delete and rebuild the device store. With a
// second tab still on the old version, that tab must let go first, and the delete must not hang.
describe('two tabs: one reloads into a version with new data models', { timeout: 240_000 }, () => {
  let release: AppRelease;
  let server: ServerProcess;
  let device: Device;

  before(async () => {
    release = copyOfBuiltApp();
    server = await startServerProcess({ FIELDBOOK_STATIC_DIR: release.directory });
    device = await openDeviceWithSite(server, 'Upgrade Yard');
  });

  after(async () => {
    await device?.close();
    await server?.dispose();
    release?.dispose();
  });

  it('the old tab stops and says why; the updated tab rebuilds the store from the server', async () => {
    const oldTab = device.page;
    await createJob(oldTab, 'Synced before the update', 'Upgrade Yard');
    await syncBarSays(oldTab, /^All changes synced/);
    const updatedTab = await device.newPage();
    await updatedTab.goto('/jobs');
    await waitForServiceWorker(updatedTab);
    const oldVersion = await updatedTab.evaluate(storedModelsVersion);

    const newVersion = release.publishVersionWithNewModels();
    await updatedTab.reload();
    await updatedTab.getByRole('region', { name: 'A new version of Fieldbook is ready' }).waitFor({ timeout: 60_000 });
    await updatedTab.getByRole('button', { name: 'Reload to update' }).click();

    const notice = oldTab.getByRole('alertdialog', { name: 'Fieldbook was updated in another window' });
    await notice.waitFor({ timeout: 30_000 });
    await updatedTab.getByRole('button', { name: /^All/ }).click();
    await updatedTab.getByText('Synced before the update', { exact: true }).waitFor({ timeout: 30_000 });
    await syncBarSays(updatedTab, /^All changes synced/, 30_000);
    assert.notEqual(oldVersion, newVersion);
    // DataStore deletes the old store and records the new models version on its next start.
    assert.notEqual(await updatedTab.evaluate(storedModelsVersion), oldVersion, 'the old store is gone');

    await oldTab.getByRole('button', { name: 'Reload to continue' }).click();
    await eventually(
      'the old tab on the new version',
      () => oldTab.evaluate(storedModelsVersion),
      (v) => v === newVersion,
    );
    await oldTab.goto('/jobs');
    await oldTab.getByRole('button', { name: /^All/ }).click();
    await oldTab.getByText('Synced before the update', { exact: true }).waitFor({ timeout: 30_000 });
    assert.equal(await notice.count(), 0, 'the notice is gone after the reload');
  });
});
