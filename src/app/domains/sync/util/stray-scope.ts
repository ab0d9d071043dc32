/** A record of this device's own that reached the server in the scope of a crew it had left. */
export interface StrayRef {
  readonly model: string;
  readonly toCrewID: string | null;
  readonly fromGroup: string | null;
}

/**
 * The fields that take such a record to the crew its handover names, as the office's move takes
 * everything else (shared/data/crew-move.ts): a job keeps the group it leaves, so an edit its old
 * crew made before they heard of it still lands.
 */
export function strayScope(stray: StrayRef, groupOf: (crewID: string) => string): Record<string, unknown> {
  const scope = { crewID: stray.toCrewID, crewGroup: stray.toCrewID ? groupOf(stray.toCrewID) : null };
  return stray.model === 'Job' ? { ...scope, previousCrewGroup: stray.fromGroup } : scope;
}
