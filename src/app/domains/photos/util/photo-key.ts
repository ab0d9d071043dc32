/**
 * Where a photo's bytes live in Amplify Storage: one object per attachment, so deleting one photo on
 * one device can never take the bytes of another attachment (two devices attaching the same picture
 * each have their own), and an upload tried again after a reload writes the same object. A crew's
 * job keeps its photos under the crew's folder, the only one its members' credentials reach
 * (ARCHITECTURE.md, "Crews' photos"); a job of no crew (from before crews) keeps the old folder,
 * which only Office and Viewer reach, like its record.
 */
export function photoKey(
  job: { readonly id: string; readonly crewID?: string | null },
  attachmentId: string,
  contentType: string,
): string {
  const folder = job.crewID ? `public/crews/${job.crewID}/photos` : 'public/photos';
  return `${folder}/${job.id}/${attachmentId}.${extensionOf(contentType)}`;
}

function extensionOf(contentType: string): string {
  if (contentType === 'image/webp') return 'webp';
  if (contentType === 'image/png') return 'png';
  return 'jpg';
}

/** SHA-256 of the bytes, as lowercase hex. */
export async function contentHash(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
