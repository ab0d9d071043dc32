/**
 * Where a photo's bytes live in Amplify Storage (Gen 1 layout: `public/` is every guest's): one
 * object per attachment, so deleting one photo on one device can never take the bytes of another
 * attachment (two devices attaching the same picture each have their own), and an upload tried
 * again after a reload writes the same object.
 */
export function photoKey(jobID: string, attachmentId: string, contentType: string): string {
  return `public/photos/${jobID}/${attachmentId}.${extensionOf(contentType)}`;
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
