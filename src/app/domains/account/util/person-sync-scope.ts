import { crewGroupOf, crewOfGroup } from '../../crews/api';
import { type SyncScope, WHOLE_SCOPE } from '../../sync/api';
import { type AccountUser } from './account-user';

/** The ids of the crews a person's groups name, in the order the groups list them. */
export function crewsOf(groups: readonly string[]): string[] {
  return groups.map(crewOfGroup).filter((crew): crew is string => crew !== undefined);
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
    crewGroups: crews.map(crewGroupOf),
    syncCrew: only !== undefined && others.length === 0 ? only : null,
  };
}
