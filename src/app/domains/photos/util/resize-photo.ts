import { MAX_EDGE_PX, PHOTO_QUALITY, PhotoRefused, THUMBNAIL_EDGE_PX, THUMBNAIL_QUALITY } from './photo-limits';

export interface ResizedPhoto {
  readonly blob: Blob;
  readonly thumbnail: Blob;
  readonly width: number;
  readonly height: number;
}

/** The size that fits `maxEdge` on the longer edge, keeping the aspect ratio; never enlarged. */
export function fitWithin(width: number, height: number, maxEdge: number): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Decodes the picked image upright (`imageOrientation: 'from-image'` applies its EXIF rotation),
 * scales it to at most MAX_EDGE_PX and encodes it as JPEG, with a thumbnail beside it. Encoding
 * anew drops the file's metadata (camera, GPS position): a location is kept only where the user
 * asks for it, as the attachment's own field.
 */
export async function resizePhoto(file: Blob): Promise<ResizedPhoto> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoRefused('This image could not be read. Try taking the photo again, or pick a JPEG or PNG.');
  }
  try {
    const size = fitWithin(bitmap.width, bitmap.height, MAX_EDGE_PX);
    const thumb = fitWithin(bitmap.width, bitmap.height, THUMBNAIL_EDGE_PX);
    const blob = await encode(bitmap, size, PHOTO_QUALITY);
    const thumbnail = await encode(bitmap, thumb, THUMBNAIL_QUALITY);
    return { blob, thumbnail, ...size };
  } finally {
    bitmap.close();
  }
}

async function encode(bitmap: ImageBitmap, size: { width: number; height: number }, quality: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoRefused('This browser cannot resize photos.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  return canvas.convertToBlob({ type: 'image/jpeg', quality });
}

/** A thumbnail of stored bytes (a photo loaded from storage comes without one). */
export async function makeThumbnail(blob: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(blob);
  try {
    return await encode(bitmap, fitWithin(bitmap.width, bitmap.height, THUMBNAIL_EDGE_PX), THUMBNAIL_QUALITY);
  } finally {
    bitmap.close();
  }
}
