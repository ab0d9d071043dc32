/**
 * The app's idempotent write commands, mirrored for the shared-store client (the app's also log
 * each change and load the app's models module): createOnce and deleteIfPresent (idempotent-writes.ts
 * in src/app/domains/shared/data; a job's or site's delete first notes what it takes with it), edits that set only the fields that differ (changed-fields.ts),
 * each write followed by the outbox barrier of durable-write.ts. `alive` throws once the tab running the command has closed, so a
 * closed tab takes no further DataStore step, as a closed browser tab would not.
 */
import type * as DataStoreModule from '@aws-amplify/datastore';

type Fields = Record<string, unknown>;
type Store = typeof DataStoreModule.DataStore;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Models = Record<string, any>;

/** What one run of a command did to the device store; runs after the first usually do nothing. */
export interface RunEffect {
  id: string;
  /** Fields this run saved (a create saves all of them); empty when the store already held them. */
  saved: string[];
  /** What an edit's saved fields held in the device store before it: the list a list edit started from. */
  base?: Fields;
}

const NO_SUCH_RECORD = 'fieldbook-outbox-barrier';

function sameValue(left: unknown, right: unknown): boolean {
  if (left === right || (left == null && right == null)) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => sameValue(item, right[index]));
  }
  if (typeof left === 'object' && left !== null && typeof right === 'object' && right !== null) {
    const [l, r] = [left as Fields, right as Fields];
    return [...new Set([...Object.keys(l), ...Object.keys(r)])].every((key) => sameValue(l[key], r[key]));
  }
  return false;
}

/**
 * `stopping` is the store's stop while a hand-over runs. Tabs share one DataStore here, so a closing
 * tab's command can still be running when the next leader stops the store; in a browser that tab
 * would be gone, its write either on disk with its outbox entry or not made.
 */
export function tabCommands(
  store: Store,
  models: () => Models,
  stopping: () => Promise<void> | undefined,
  beforeDelete: (model: string, id: string) => Promise<void>,
) {
  /**
   * durable-write.ts: one more turn of DataStore's storage lock puts the outbox entry on disk. A
   * stop refuses that turn, but it waits for the sync engine to queue every change already made,
   * so once it is over the write and its outbox entry are both on disk: the run did save.
   */
  const durably = async <T>(write: () => Promise<T>): Promise<T> => {
    const result = await write();
    try {
      await store.query(models()['Site'], NO_SUCH_RECORD);
    } catch (error: unknown) {
      const stop = stopping();
      if (!stop || !String(error).includes('DataStoreStateError')) throw error;
      await stop;
    }
    return result;
  };
  const find = (model: string, id: string) => store.query(models()[model], id);

  return new Map<string, (args: never, alive: () => void) => Promise<RunEffect>>([
    [
      'create',
      async ({ model, fields }: { model: string; fields: Fields & { id: string } }, alive) => {
        const existing = await find(model, fields.id);
        alive();
        if (existing) return { id: fields.id, saved: [] };
        await durably(() => store.save(models()[model].fromJSON(fields)));
        return { id: fields.id, saved: Object.keys(fields) };
      },
    ],
    [
      'update',
      async ({ model, id, changes }: { model: string; id: string; changes: Fields }, alive) => {
        const current = await find(model, id);
        alive();
        if (!current) throw new Error(`${model} ${id} not found locally`);
        const changed = Object.fromEntries(
          Object.entries(changes).filter(([key, value]) => !sameValue((current as Fields)[key], value)),
        );
        if (Object.keys(changed).length > 0) {
          await durably(() =>
            store.save(models()[model].copyOf(current, (draft: Fields) => Object.assign(draft, changed))),
          );
        }
        const base = Object.fromEntries(Object.keys(changed).map((key) => [key, (current as Fields)[key] ?? null]));
        return { id, saved: Object.keys(changed), base: JSON.parse(JSON.stringify(base)) as Fields };
      },
    ],
    [
      'delete',
      async ({ model, id }: { model: string; id: string }, alive) => {
        const existing = await find(model, id);
        alive();
        if (existing) await beforeDelete(model, id);
        if (existing) await durably(() => store.delete(existing));
        return { id, saved: existing ? ['_deleted'] : [] };
      },
    ],
  ]);
}
