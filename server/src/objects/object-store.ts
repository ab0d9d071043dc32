import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import type Database from 'better-sqlite3';

import { OBJECT_FILE_GRACE_MS } from '../limits.ts';

/** Headers kept with an object and answered on GET and HEAD: content-* and x-amz-meta-*. */
export type ObjectHeaders = Record<string, string>;

export interface StoredObject {
  key: string;
  file: string;
  size: number;
  etag: string;
  lastModified: number;
  headers: ObjectHeaders;
  owner: string;
}

export interface Upload {
  uploadId: string;
  bucket: string;
  key: string;
  owner: string;
  headers: ObjectHeaders;
  initiated: number;
}

export interface Part {
  partNumber: number;
  file: string;
  size: number;
  etag: string;
  lastModified: number;
}

/** The folder of object files for the database at `dbPath`: beside it, named after it. */
export function objectsDirFor(dbPath: string): string {
  return `${dbPath}.objects`;
}

interface ObjectRow {
  key: string;
  file: string;
  size: number;
  etag: string;
  last_modified: number;
  headers: string;
  owner: string;
}

const toObject = (row: ObjectRow): StoredObject => ({
  key: row.key,
  file: row.file,
  size: row.size,
  etag: row.etag,
  lastModified: row.last_modified,
  headers: JSON.parse(row.headers) as ObjectHeaders,
  owner: row.owner,
});

/**
 * Object bytes in files, metadata in SQLite. Every file is written once under a fresh name in
 * `tmp/`, fsynced, renamed into `data/`, and only then named by a row, so a row never names a
 * partial file. Files a row stops naming wait OBJECT_FILE_GRACE_MS in `object_file_garbage`
 * before they are removed, so an online backup can still copy what its snapshot names.
 */
export class ObjectStore {
  readonly dataDir: string;
  readonly tempDir: string;

  constructor(
    private readonly db: Database.Database,
    readonly dir: string,
    private readonly now: () => number,
  ) {
    this.dataDir = join(dir, 'data');
    this.tempDir = join(dir, 'tmp');
  }

  /** Creates the folders and clears what a crash can leave: temporary files, and files no row names. */
  open(): void {
    rmSync(this.tempDir, { recursive: true, force: true });
    mkdirSync(this.tempDir, { recursive: true });
    mkdirSync(this.dataDir, { recursive: true });
    const named = new Set(
      (
        this.db
          .prepare(
            'SELECT file FROM objects UNION ALL SELECT file FROM object_parts UNION ALL SELECT file FROM object_file_garbage',
          )
          .all() as { file: string }[]
      ).map((row) => row.file),
    );
    for (const file of readdirSync(this.dataDir))
      if (!named.has(file)) rmSync(join(this.dataDir, file), { force: true });
  }

  pathOf(file: string): string {
    return join(this.dataDir, file);
  }

  /** Moves a complete, fsynced temporary file into `data/` under a new name, durably. */
  adopt(tempFile: string): string {
    const file = randomUUID();
    renameSync(tempFile, this.pathOf(file));
    const dir = openSync(this.dataDir, 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    return file;
  }

  get(bucket: string, key: string): StoredObject | undefined {
    const row = this.db
      .prepare('SELECT key, file, size, etag, last_modified, headers, owner FROM objects WHERE bucket = ? AND key = ?')
      .get(bucket, key) as ObjectRow | undefined;
    return row && toObject(row);
  }

  /** Stores the object (its file already adopted), retiring the file of the one it replaces. */
  put(bucket: string, object: Omit<StoredObject, 'lastModified'>): StoredObject {
    const stored = { ...object, lastModified: this.now() };
    this.db
      .transaction(() => {
        this.retireObjectFile(bucket, object.key);
        this.db
          .prepare(
            `INSERT INTO objects (bucket, key, file, size, etag, last_modified, headers, owner)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            bucket,
            object.key,
            object.file,
            object.size,
            object.etag,
            stored.lastModified,
            JSON.stringify(object.headers),
            object.owner,
          );
      })
      .immediate();
    return stored;
  }

  delete(bucket: string, key: string): void {
    this.db.transaction(() => this.retireObjectFile(bucket, key)).immediate();
  }

  private retireObjectFile(bucket: string, key: string): void {
    const old = this.db.prepare('DELETE FROM objects WHERE bucket = ? AND key = ? RETURNING file').get(bucket, key) as
      { file: string } | undefined;
    if (old) this.retire([old.file]);
  }

  private retire(files: string[]): void {
    const statement = this.db.prepare('INSERT OR IGNORE INTO object_file_garbage (file, since) VALUES (?, ?)');
    for (const file of files) statement.run(file, this.now());
  }

  /** Keys after `startAfter` under `prefix`, in S3's order (UTF-8 bytes), lazily. */
  *keysAfter(bucket: string, prefix: string, startAfter: string): Generator<StoredObject> {
    const rows = this.db
      .prepare(
        `SELECT key, file, size, etag, last_modified, headers, owner FROM objects
         WHERE bucket = ? AND key > ? AND key >= ? AND substr(CAST(key AS BLOB), 1, ?) = CAST(? AS BLOB)
         ORDER BY key`,
      )
      .iterate(bucket, startAfter, prefix, Buffer.byteLength(prefix), prefix) as IterableIterator<ObjectRow>;
    for (const row of rows) yield toObject(row);
  }

  createUpload(upload: Omit<Upload, 'uploadId' | 'initiated'>): Upload {
    const created: Upload = { ...upload, uploadId: randomUUID().replaceAll('-', ''), initiated: this.now() };
    this.db
      .prepare(
        'INSERT INTO object_uploads (upload_id, bucket, key, owner, headers, initiated) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        created.uploadId,
        created.bucket,
        created.key,
        created.owner,
        JSON.stringify(created.headers),
        created.initiated,
      );
    return created;
  }

  upload(uploadId: string): Upload | undefined {
    const row = this.db
      .prepare('SELECT upload_id, bucket, key, owner, headers, initiated FROM object_uploads WHERE upload_id = ?')
      .get(uploadId) as
      { upload_id: string; bucket: string; key: string; owner: string; headers: string; initiated: number } | undefined;
    return (
      row && {
        uploadId: row.upload_id,
        bucket: row.bucket,
        key: row.key,
        owner: row.owner,
        headers: JSON.parse(row.headers) as ObjectHeaders,
        initiated: row.initiated,
      }
    );
  }

  /** Stores a part (file already adopted); false if the upload was completed or aborted meanwhile. */
  putPart(uploadId: string, part: Omit<Part, 'lastModified'>): boolean {
    return this.db
      .transaction(() => {
        if (!this.upload(uploadId)) {
          this.retire([part.file]);
          return false;
        }
        const old = this.db
          .prepare('DELETE FROM object_parts WHERE upload_id = ? AND part_number = ? RETURNING file')
          .get(uploadId, part.partNumber) as { file: string } | undefined;
        if (old) this.retire([old.file]);
        this.db
          .prepare(
            'INSERT INTO object_parts (upload_id, part_number, file, size, etag, last_modified) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(uploadId, part.partNumber, part.file, part.size, part.etag, this.now());
        return true;
      })
      .immediate();
  }

  parts(uploadId: string, afterPart = 0, limit = -1): Part[] {
    return (
      this.db
        .prepare(
          `SELECT part_number, file, size, etag, last_modified FROM object_parts
           WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?`,
        )
        .all(uploadId, afterPart, limit) as {
        part_number: number;
        file: string;
        size: number;
        etag: string;
        last_modified: number;
      }[]
    ).map((row) => ({
      partNumber: row.part_number,
      file: row.file,
      size: row.size,
      etag: row.etag,
      lastModified: row.last_modified,
    }));
  }

  /**
   * Ends an upload: with `object` it becomes that object (file already adopted), without it is
   * aborted. False if another request ended it first (the object's file is then retired).
   */
  endUpload(uploadId: string, bucket: string, object?: Omit<StoredObject, 'lastModified'>): boolean {
    return this.db
      .transaction(() => {
        const parts = this.db.prepare('DELETE FROM object_parts WHERE upload_id = ? RETURNING file').all(uploadId) as {
          file: string;
        }[];
        this.retire(parts.map((part) => part.file));
        const ended = this.db.prepare('DELETE FROM object_uploads WHERE upload_id = ?').run(uploadId).changes > 0;
        if (object && ended) this.put(bucket, object);
        else if (object) this.retire([object.file]);
        return ended;
      })
      .immediate();
  }

  /** Removes the files retired more than the grace period ago. */
  sweep(): number {
    const due = this.db
      .prepare('DELETE FROM object_file_garbage WHERE since < ? RETURNING file')
      .all(this.now() - OBJECT_FILE_GRACE_MS) as { file: string }[];
    for (const { file } of due) rmSync(this.pathOf(file), { force: true });
    return due.length;
  }
}
