import { DataStore } from '@aws-amplify/datastore';

import { Site } from '../../../../models';
import { DATASTORE_DB } from '../../sync/data/sync-storage-reader';

/** A readwrite transaction DataStore opened on one of the app's own (`user_`) stores. */
interface UserWrite {
  readonly stores: readonly string[];
  readonly options: IDBTransactionOptions | undefined;
  readonly durability: IDBTransactionDurability;
}

/**
 * Guards patches/@aws-amplify+datastore+*.patch: Chromium opens IndexedDB transactions with
 * relaxed durability unless told otherwise, so a save the user saw confirmed could vanish on power
 * loss. The patch makes IndexedDBAdapter.save/deleteItem ask for 'strict'. A DataStore upgrade or a
 * patch that no longer applies drops that silently, so the spec watches the real transactions.
 */
describe('DataStore writes in IndexedDB (strict durability patch)', () => {
  let transaction: jasmine.Spy<IDBDatabase['transaction']>;

  function userWrites(): readonly UserWrite[] {
    return transaction.calls
      .all()
      .filter((call) => (call.object as IDBDatabase).name === DATASTORE_DB && call.args[1] === 'readwrite')
      .map((call) => ({
        stores: Array.from(call.returnValue.objectStoreNames),
        options: call.args[2],
        durability: call.returnValue.durability,
      }))
      .filter((write) => write.stores.some((store) => store.startsWith('user_')));
  }

  function expectAllStrict(writes: readonly UserWrite[]): void {
    // Without a write to look at, the durability checks below would pass on anything.
    expect(writes.length).withContext('readwrite transactions on user_ stores').toBeGreaterThan(0);
    for (const write of writes) {
      expect(write.options?.durability)
        .withContext(`options for ${write.stores.join(', ')}`)
        .toBe('strict');
      expect(write.durability)
        .withContext(`transaction on ${write.stores.join(', ')}`)
        .toBe('strict');
    }
  }

  beforeEach(async () => {
    await DataStore.clear();
    // idb (DataStore's IndexedDB wrapper) looks `transaction` up on the native database each call,
    // so a spy on the prototype sees every transaction DataStore opens.
    transaction = spyOn(IDBDatabase.prototype, 'transaction').and.callThrough();
  });

  afterEach(async () => {
    await DataStore.clear();
  });

  it('saves a new record in a strict transaction', async () => {
    await DataStore.save(new Site({ name: 'Pump station 4' }));

    const writes = userWrites();
    expectAllStrict(writes);
    expect(writes.some((write) => write.stores.includes('user_Site'))).toBeTrue();
  });

  it('saves an edit in a strict transaction', async () => {
    const site = await DataStore.save(new Site({ name: 'Pump station 4' }));
    transaction.calls.reset();

    await DataStore.save(Site.copyOf(site, (draft) => void (draft.name = 'Pump station 5')));

    expectAllStrict(userWrites());
    expect((await DataStore.query(Site, site.id))?.name).toBe('Pump station 5');
  });

  it('deletes a record in a strict transaction', async () => {
    const site = await DataStore.save(new Site({ name: 'Pump station 4' }));
    transaction.calls.reset();

    await DataStore.delete(site);

    expectAllStrict(userWrites());
    expect(await DataStore.query(Site, site.id)).toBeUndefined();
  });
});
