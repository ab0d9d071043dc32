/**
 * The id a deleted record comes back under: a deleted id cannot be used again, and one derived from
 * the old id makes two devices restoring the same record make one record, not two.
 */
export async function restoredId(id: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`restored:${id}`));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Each id's restored id, by id. */
export async function restoredIds(ids: readonly string[]): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await restoredId(id)] as const)));
}
