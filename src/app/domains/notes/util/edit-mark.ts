/**
 * Who last edited a note after it was saved, and when. FieldNote has no field of its own for this
 * and the schema stays as it is, so the mark lives in the note's `attributes` (AWSJSON, a map that
 * Auto Merge merges key by key) beside whatever else is kept there. It is written with the edit
 * on the device, so it shows offline at once and carries the time the person saved, not the time
 * the edit reached the server (`updatedAt`).
 */
export interface EditMark {
  /** ISO time of the edit (device clock, corrected to the server's). */
  readonly at: string;
  readonly by: string | null;
}

const AT = 'editedAt';
const BY = 'editedBy';

/** The note's attributes with `mark` set, other keys kept. */
export function withEditMark(attributes: unknown, mark: EditMark): string {
  const others = Object.entries(parseMap(attributes)).filter(([key]) => key !== BY);
  return JSON.stringify({ ...Object.fromEntries(others), [AT]: mark.at, ...(mark.by ? { [BY]: mark.by } : {}) });
}

/** The last edit recorded in a note's attributes, or null for a note never edited. */
export function editMarkOf(attributes: unknown): EditMark | null {
  const map = parseMap(attributes);
  const at = map[AT];
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return null;
  const by = map[BY];
  return { at, by: typeof by === 'string' && by ? by : null };
}

/**
 * The attributes as a map. The model types AWSJSON as a string, and that is what is sent, but a
 * note read back from DataStore holds it parsed: either may come here.
 */
function parseMap(attributes: unknown): Record<string, unknown> {
  try {
    const parsed: unknown = typeof attributes === 'string' ? JSON.parse(attributes) : attributes;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { ...(parsed as object) } : {};
  } catch {
    return {};
  }
}
