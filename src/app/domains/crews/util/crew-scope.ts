/**
 * The scope of a record a crew works: the same on a site, its jobs and everything on them.
 * `crewID` is the key of sync expressions (on the byCrew index); `crewGroup` is the Cognito group
 * of the crew's members, which AppSync's dynamic group rules compare with the caller's token.
 * Records with neither are Office's (and Viewer's to read): those of no crew, and those from before crews.
 */
export interface CrewScope {
  readonly crewID: string | null;
  readonly crewGroup: string | null;
}

/** A crew's Cognito group is `crew-<crew id>` (the server's crew directory names them so). */
const CREW_GROUP_PREFIX = 'crew-';

/** The Cognito group of a crew's members; the server's crew directory names groups the same way. */
export const crewGroupOf = (crewID: string): string => `${CREW_GROUP_PREFIX}${crewID}`;

/** The crew whose group `group` is; undefined for any other group (a role). */
export function crewOfGroup(group: string): string | undefined {
  return group.startsWith(CREW_GROUP_PREFIX) && group.length > CREW_GROUP_PREFIX.length
    ? group.slice(CREW_GROUP_PREFIX.length)
    : undefined;
}

export const NO_CREW: CrewScope = { crewID: null, crewGroup: null };

/** The scope of a record of crew `crewID`; no crew gives a record only Office works. */
export function scopeOf(crewID: string | null | undefined): CrewScope {
  return crewID ? { crewID, crewGroup: crewGroupOf(crewID) } : NO_CREW;
}

/** How a page names the crew of a record: by name when the device holds the crew, else by its id. */
export function crewLabel(crewID: string | null | undefined, names: ReadonlyMap<string, string>): string {
  return crewID ? (names.get(crewID) ?? crewID) : NO_CREW_LABEL;
}

export const NO_CREW_LABEL = 'No crew (office only)';
