import { insertRecords } from '../store/insert-records.ts';
import type { SqliteStore } from '../store/sqlite-store.ts';

/**
 * Crews as `amplify/`'s schema has them: a `Crew` record (synced like any other) whose Cognito group
 * `crew-<id>` its members are in. Every record a crew works carries `crewID` (the scope key sync
 * expressions use, on an `@index`) and `crewGroup` (the group AppSync's dynamic group rules compare
 * with `cognito:groups`); ARCHITECTURE.md, "Crews", says why both.
 */
export const CREW_MODEL = 'Crew';

/** The Cognito group of a crew's members. */
export const crewGroupOf = (crewId: string) => `crew-${crewId}`;

/** The crew whose members a group holds, or undefined for another group. */
export const crewOfGroup = (group: string): string | undefined =>
  group.startsWith(crewGroupOf('')) ? group.slice(crewGroupOf('').length) : undefined;

/** The scope fields of a record a crew works: the same on a site, its jobs and everything on them. */
export const crewScope = (crewId: string) => ({ crewID: crewId, crewGroup: crewGroupOf(crewId) });

export interface Crew {
  readonly id: string;
  readonly name: string;
  readonly group: string;
}

/** The longest crew id: the auth resource's override.ts gives the crew attributes this maxLength. */
export const MAX_CREW_ID_LENGTH = 40;

/** A crew id from its name: lower case letters, digits and dashes, as short group names read best. */
function idFrom(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_CREW_ID_LENGTH);
}

/** The crews in the server's store, for the users command and the seed. */
export class CrewDirectory {
  constructor(private readonly store: SqliteStore) {}

  list(): Crew[] {
    return this.store
      .scan(CREW_MODEL, 0, -1)
      .map((row) => row.record)
      .filter((record) => !record._deleted)
      .map((record) => ({
        id: String(record['id']),
        name: String(record['name']),
        group: crewGroupOf(String(record['id'])),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  get(id: string): Crew | undefined {
    return this.list().find((crew) => crew.id === id);
  }

  /** A new crew (its record, written as a sync would bring it to every device); refuses a taken id. */
  create(name: string, id = idFrom(name)): Crew {
    if (!name.trim()) throw new Error('a crew needs a name');
    if (!id) throw new Error(`no crew id can be made from "${name}"; give one with --id`);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new Error(`a crew id is lower case letters, digits and dashes: ${id}`);
    // A member's crew ids are custom attributes of theirs on AWS (custom:crew1 …), of at most this length.
    if (id.length > MAX_CREW_ID_LENGTH)
      throw new Error(`a crew id has at most ${MAX_CREW_ID_LENGTH} characters: ${id}`);
    if (this.store.get(CREW_MODEL, id)) throw new Error(`there is already a crew ${id}`);
    insertRecords(this.store, CREW_MODEL, [{ id, name: name.trim(), ...crewScope(id) }]);
    return { id, name: name.trim(), group: crewGroupOf(id) };
  }
}
