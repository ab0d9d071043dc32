import { contentHash, photoKey } from './photo-key';

describe('photo keys', () => {
  it('hashes the bytes with SHA-256', async () => {
    expect(await contentHash(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('puts each attachment’s photo under public/photos/<job>/<attachment>', () => {
    expect(photoKey('job-1', 'photo-7', 'image/jpeg')).toBe('public/photos/job-1/photo-7.jpg');
    expect(photoKey('job-1', 'photo-7', 'image/webp')).toBe('public/photos/job-1/photo-7.webp');
  });
});
