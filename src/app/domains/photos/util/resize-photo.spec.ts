import { checkPhotoFile, PhotoRefused } from './photo-limits';
import { jpegWithOrientation, makeImage } from './photo-test-images.testing';
import { fitWithin, makeThumbnail, resizePhoto } from './resize-photo';

async function sizeOf(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

describe('resizePhoto', () => {
  it('scales a 12-megapixel photo to 2048 px on its long edge as a JPEG, with a small thumbnail', async () => {
    const resized = await resizePhoto(await makeImage(4000, 3000));

    expect(resized.blob.type).toBe('image/jpeg');
    expect([resized.width, resized.height]).toEqual([2048, 1536]);
    expect(await sizeOf(resized.blob)).toEqual({ width: 2048, height: 1536 });
    expect(await sizeOf(resized.thumbnail)).toEqual({ width: 240, height: 180 });
  });

  it('never enlarges a small photo', async () => {
    const resized = await resizePhoto(await makeImage(300, 200));

    expect(await sizeOf(resized.blob)).toEqual({ width: 300, height: 200 });
  });

  it('turns a photo upright by its EXIF orientation, and the stored bytes carry no EXIF', async () => {
    const sideways = await jpegWithOrientation(400, 200, 6);

    const resized = await resizePhoto(sideways);

    expect([resized.width, resized.height]).toEqual([200, 400]);
    const bytes = new Uint8Array(await resized.blob.arrayBuffer());
    const exif = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00];
    const hasExif = bytes.some((_, i) => exif.every((byte, j) => bytes[i + j] === byte));
    expect(hasExif).withContext('EXIF (and with it any GPS position) dropped').toBe(false);
  });

  it('refuses bytes that are not an image, in words', async () => {
    const notImage = new Blob(['%PDF-1.7 not a photo'], { type: 'image/jpeg' });

    await expectAsync(resizePhoto(notImage)).toBeRejectedWithError(PhotoRefused, /could not be read/);
  });

  it('makes a thumbnail of stored bytes', async () => {
    expect(await sizeOf(await makeThumbnail(await makeImage(1000, 500)))).toEqual({ width: 240, height: 120 });
  });
});

describe('fitWithin', () => {
  it('keeps the aspect ratio within the longest edge', () => {
    expect(fitWithin(3000, 4000, 2048)).toEqual({ width: 1536, height: 2048 });
    expect(fitWithin(100, 50, 2048)).toEqual({ width: 100, height: 50 });
  });
});

describe('checkPhotoFile', () => {
  it('refuses a PDF and a 40 MB file with a clear message, and accepts a phone photo', () => {
    expect(() => checkPhotoFile({ name: 'plan.pdf', type: 'application/pdf', size: 20_000 })).toThrowError(
      PhotoRefused,
      /“plan.pdf” is not a photo/,
    );
    expect(() => checkPhotoFile({ name: 'big.jpg', type: 'image/jpeg', size: 40 * 1024 * 1024 })).toThrowError(
      PhotoRefused,
      /“big.jpg” is 40 MB; photos up to 25 MB/,
    );
    expect(() => checkPhotoFile({ name: 'IMG_0001.jpg', type: 'image/jpeg', size: 4_000_000 })).not.toThrow();
  });
});
