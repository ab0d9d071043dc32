// The PouchDB packages ship no type declarations; the benchmark uses a few calls of each.
declare module 'pouchdb-browser' {
  interface Database {
    replicate: { from(remote: string, options?: { batch_size?: number }): Promise<unknown> };
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<void>;
  }
  const PouchDB: new (name: string) => Database;
  export default PouchDB;
}

declare module 'pouchdb-core' {
  interface Database {
    bulkDocs(docs: Record<string, unknown>[]): Promise<unknown[]>;
    info(): Promise<{ doc_count: number }>;
  }
  interface Constructor {
    new (name: string): Database;
    plugin(plugin: unknown): Constructor;
    defaults(options: Record<string, unknown>): Constructor;
  }
  const PouchDB: Constructor;
  export default PouchDB;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  function expressPouchdb(
    pouchdb: unknown,
    options?: Record<string, unknown>,
  ): (request: IncomingMessage, response: ServerResponse) => void;
  export default expressPouchdb;
}
