/**
 * A job's short reference, as a person reads it out or types it in an e-mail: the start of its id,
 * which every device holds the same, so the reference never changes and needs no counter.
 */
export function jobReference(jobId: string): string {
  return jobId
    .replace(/[^0-9a-z]/gi, '')
    .slice(0, 8)
    .toUpperCase();
}
