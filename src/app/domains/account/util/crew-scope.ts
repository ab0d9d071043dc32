import { type SyncScope, WHOLE_SCOPE } from '../../sync/api';
import { type AccountUser } from './account-user';

/** A crew's Cognito group is `crew-<crew id>` (the server's crew directory names them so). */
const CREW_GROUP_PREFIX = 'crew-';

/** The ids of the crews a person's groups name, in the order the groups list them. */
export function crewsOf(groups: readonly string[]): string[] {
  return groups
    .filter((group) => group.startsWith(CREW_GROUP_PREFIX) && group.length > CREW_GROUP_PREFIX.length)
    .map((group) => group.slice(CREW_GROUP_PREFIX.length));
}

/**
 * What a person's device holds. A Crew user holds their crews' records only; Office and Viewer
 * read every crew's, and so does a device on a backend with no accounts (`user` null). A Crew user
 * in one crew syncs it by the `byCrew` index; in several, unfiltered, and the device keeps only
 * their crews' records. Someone signed in with no role holds nothing the server would give them
 * anyway: their scope is their crews, none.
 */
export function crewScope(user: AccountUser | null): SyncScope {
  if (!user || user.role === 'Office' || user.role === 'Viewer') return WHOLE_SCOPE;
  const crews = crewsOf(user.groups);
  const [only, ...others] = crews;
  return {
    crewGroups: crews.map((crew) => CREW_GROUP_PREFIX + crew),
    syncCrew: only !== undefined && others.length === 0 ? only : null,
  };
}
