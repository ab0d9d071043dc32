/** The PouchDB peer: replicate a remote database into a fresh IndexedDB-backed PouchDB in this page. */
import PouchDB from 'pouchdb-browser';

async function replicate(remote: string, batchSize: number): Promise<{ ms: number; docs: number }> {
  const db = new PouchDB(`bench-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  await db.replicate.from(remote, { batch_size: batchSize });
  const ms = performance.now() - started;
  const info = await db.info();
  await db.destroy();
  return { ms, docs: info.doc_count };
}

(globalThis as unknown as { replicate: typeof replicate }).replicate = replicate;
