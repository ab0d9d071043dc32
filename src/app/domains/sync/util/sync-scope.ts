/**
 * What this device syncs and keeps. `crewGroups: null` is everything the server gives (Office,
 * Viewer, no accounts); otherwise only records whose `crewGroup` is one of them, so a record with no
 * crew (from before crews) is outside every such scope. `syncCrew` is set when the scope is exactly
 * one crew: its records are then asked for as `crewID eq <crew>`, which AppSync answers with a Query
 * of the `byCrew` index; several crews cannot share one first `eq` term, so they sync unfiltered.
 */
export interface SyncScope {
  readonly crewGroups: readonly string[] | null;
  readonly syncCrew: string | null;
}

export const WHOLE_SCOPE: SyncScope = { crewGroups: null, syncCrew: null };

/** Whether a stored record of a model with a `crewGroup` field belongs on the device. */
export function inScope(scope: SyncScope, crewGroup: unknown): boolean {
  return scope.crewGroups === null || (typeof crewGroup === 'string' && scope.crewGroups.includes(crewGroup));
}

/** Whether `next` holds anything `previous` did not: records it brings must come by a full sync. */
export function widens(previous: SyncScope, next: SyncScope): boolean {
  if (next.crewGroups === null) return previous.crewGroups !== null;
  const before = previous.crewGroups;
  return before !== null && next.crewGroups.some((group) => !before.includes(group));
}

/** Whether `next` leaves out something `previous` held: records outside it are evicted. */
export function narrows(previous: SyncScope, next: SyncScope): boolean {
  return widens(next, previous);
}

export function sameScope(a: SyncScope, b: SyncScope): boolean {
  return !widens(a, b) && !narrows(a, b) && a.syncCrew === b.syncCrew;
}
