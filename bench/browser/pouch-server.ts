import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import expressPouchdb from 'express-pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';

export interface PouchServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A PouchDB/CouchDB-compatible server on loopback (express-pouchdb over in-memory PouchDB), holding
 * `docs` in database `jobs`, and serving the page that replicates them (same origin, no CORS).
 */
export async function startPouchServer(
  docs: Record<string, unknown>[],
  pageHtml: string,
  pageScript: string,
): Promise<PouchServer> {
  const MemoryPouch = PouchDB.plugin(memoryAdapter).defaults({ adapter: 'memory' });
  const db = new MemoryPouch('jobs');
  for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000));
  const { doc_count } = await db.info();
  if (doc_count !== docs.length) throw new Error(`PouchDB server holds ${doc_count} docs, expected ${docs.length}`);
  const couch = expressPouchdb(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: '/dev/null' });
  const script = readFileSync(pageScript);
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0];
    if (path === '/bench/pouch.html') response.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml);
    else if (path === '/bench/pouch.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (path?.startsWith('/db/')) {
      request.url = (request.url ?? '').slice('/db'.length);
      couch(request, response);
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    // In-memory databases outlive the server in this process: the next server (another data set)
    // must start from an empty one.
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      // destroy() is PouchDB's, but missing from the typings pouchdb-core ships with.
      await (db as unknown as { destroy(): Promise<unknown> }).destroy();
    },
  };
}
