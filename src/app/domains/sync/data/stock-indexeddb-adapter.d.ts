/** DataStore's own IndexedDB adapter instance (its default in browsers), which has no public import path. */
declare module '@aws-amplify/datastore/dist/esm/storage/adapter/IndexedDBAdapter.mjs' {
  import type { StorageAdapter } from '@aws-amplify/datastore';

  const stockIndexedDbAdapter: StorageAdapter;
  export default stockIndexedDbAdapter;
}
