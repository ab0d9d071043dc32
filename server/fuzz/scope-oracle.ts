/**
 * Once the devices have settled, a device kept to its person's crews holds exactly their share: no
 * record outside it (one the server refused to create stays for its review entry), and every live
 * server record inside it. An eviction is the device's alone: no record it evicted was deleted on the
 * server by a delete it sent, unless its user deleted that record or a record it hangs on.
 */
import { crewGroupOf } from '../src/crews/crew-directory.ts';
import type { Save } from './intent-oracle.ts';
import { at } from './ops.ts';
import type { Sent, Stored } from './oracle.ts';

type Fields = Record<string, unknown>;

export interface ScopeInput {
  readonly client: number;
  /** The crews the user pool has the device's person in at the end. */
  readonly crews: readonly string[];
  /** What the device holds of the crew-scoped models, `Model:id` → record. */
  readonly held: ReadonlyMap<string, Fields>;
  readonly history: ReadonlyMap<string, Stored[]>;
  /** Creates the server refused for permissions, kept on the device for their review entries. */
  readonly keptForReview: ReadonlySet<string>;
  /** The device's own sent mutations, saves and evictions. */
  readonly sent: readonly Sent[];
  readonly saves: readonly Save[];
  readonly evicted: readonly { model: string; id: string }[];
}

export interface ScopeResult {
  errors: string[];
  /** Records the device held at the end, each checked to be in its share. */
  held: number;
}

/** The last version of every record of `models`, by `Model:id`. */
function lastVersions(history: ReadonlyMap<string, Stored[]>, models: ReadonlySet<string>): Map<string, Stored> {
  return new Map(
    [...history]
      .filter(([key]) => models.has(at(key.split(':'), 0)))
      .map(([key, versions]) => [key, at(versions, versions.length - 1)]),
  );
}

/** Whether the server's copy of a record is one a member of `groups` holds. */
export const inShare = (groups: readonly string[], record: Fields): boolean =>
  typeof record['crewGroup'] === 'string' && groups.includes(record['crewGroup']);

/** The history of the records in `crews`' share (their last version in it): what their device holds. */
export function shareOf(history: ReadonlyMap<string, Stored[]>, crews: readonly string[]): Map<string, Stored[]> {
  const groups = crews.map(crewGroupOf);
  return new Map([...history].filter(([, versions]) => inShare(groups, at(versions, versions.length - 1))));
}

/** Ids the device's user deleted, with everything the delete took (a site's jobs, a job's notes). */
function deletedByUser(saves: readonly Save[], last: ReadonlyMap<string, Stored>): (key: string) => boolean {
  const deleted = new Set(saves.filter((save) => save.fields === null).map((save) => `${save.model}:${save.id}`));
  const parent = (key: string): string | undefined => {
    const record = last.get(key);
    if (key.startsWith('Job:') && record?.['siteID']) return `Site:${String(record['siteID'])}`;
    if (key.startsWith('FieldNote:') && record?.['jobID']) return `Job:${String(record['jobID'])}`;
    return undefined;
  };
  return (key) => {
    for (let at: string | undefined = key; at; at = parent(at)) if (deleted.has(at)) return true;
    return false;
  };
}

export function checkScope(input: ScopeInput, models: readonly string[]): ScopeResult {
  const groups = input.crews.map(crewGroupOf);
  const last = lastVersions(input.history, new Set(models));
  const name = `client ${input.client} (crews ${input.crews.join(', ')})`;
  const errors: string[] = [];
  // Judged by the server's copy: a device that kept an old copy of a record moved away holds it outside.
  for (const [key, copy] of input.held) {
    const record = last.get(key) ?? copy;
    if (!inShare(groups, record) && !input.keptForReview.has(key))
      errors.push(`${name} holds ${key} of ${String(record['crewGroup'])}, outside its scope`);
  }
  for (const [key, record] of last) {
    if (!record._deleted && inShare(groups, record) && !input.held.has(key))
      errors.push(`${name} misses ${key} of ${String(record['crewGroup'])}, inside its scope`);
  }
  const evicted = new Set(input.evicted.map(({ model, id }) => `${model}:${id}`));
  const userDeleted = deletedByUser(input.saves, last);
  for (const q of input.sent) {
    const [, model] = /^delete(\w+)$/.exec(q.field) ?? [];
    const key = `${model}:${String(q.variables.input['id'])}`;
    if (model && evicted.has(key) && !userDeleted(key))
      errors.push(
        `${name} sent ${q.field} ${key.split(':')[1]} for a record it evicted: an eviction sent to the server as a delete`,
      );
  }
  return { errors, held: input.held.size };
}
