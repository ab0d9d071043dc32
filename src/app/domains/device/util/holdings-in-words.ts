/** How many records of each kind the device holds, as the Settings line counts them. */
export interface RecordCounts {
  readonly sites: number;
  readonly jobs: number;
  readonly notes: number;
  readonly photos: number;
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function joinedWithAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * What this device holds, in one line: whose records (`crews` null is every crew's, as Office and
 * Viewer sync; otherwise the names of the person's crews) and how many of each kind.
 */
export function holdingsInWords(crews: readonly string[] | null, counts: RecordCounts): string {
  const whose =
    crews === null
      ? 'every crew’s records'
      : crews.length === 0
        ? 'no crew’s records (you are in no crew yet)'
        : `the records of ${joinedWithAnd(crews)} only`;
  const what = joinedWithAnd([
    count(counts.sites, 'site', 'sites'),
    count(counts.jobs, 'job', 'jobs'),
    count(counts.notes, 'note', 'notes'),
    count(counts.photos, 'photo', 'photos'),
  ]);
  return `This device holds ${whose}: ${what}.`;
}
