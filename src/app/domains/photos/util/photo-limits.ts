/** The longest edge of a stored photo: enough to read a gauge or a serial plate, small enough to sync on a weak signal. */
export const MAX_EDGE_PX = 2048;
/** Thumbnails on the job page: the longest edge, in pixels (2x the shown size for sharp phone screens). */
export const THUMBNAIL_EDGE_PX = 240;
/** A larger file is refused before it is decoded: a phone camera's photo is 3-12 MB; 25 MB is not a photo. */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;
export const PHOTO_QUALITY = 0.85;
export const THUMBNAIL_QUALITY = 0.7;

/** A file the user picked that cannot become a photo; `message` says why, in words they can act on. */
export class PhotoRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhotoRefused';
  }
}

/** Refuses what is not an image, or too large to be one, before anything is decoded or saved. */
export function checkPhotoFile(file: Pick<File, 'name' | 'type' | 'size'>): void {
  if (!file.type.startsWith('image/')) {
    throw new PhotoRefused(`“${file.name}” is not a photo. Only images (JPEG, PNG, WebP, HEIC…) can be attached.`);
  }
  if (file.size > MAX_INPUT_BYTES) {
    const mb = Math.round(file.size / (1024 * 1024));
    throw new PhotoRefused(`“${file.name}” is ${mb} MB; photos up to 25 MB can be attached.`);
  }
}
