/**
 * Where a photo's bytes live in Amplify Storage (Gen 1 layout: `public/` is every guest's). The key
 * is made from the job and the bytes' hash, so attaching the same photo twice on a job, or
 * uploading it again after a reload, writes one object.
 */
export function photoKey(jobID: string, contentHash: string, contentType: string): string {
  return `public/photos/${jobID}/${contentHash}.${extensionOf(contentType)}`;
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
