import { contentHash, photoKey } from './photo-key';

describe('photo keys', () => {
  it('hashes the bytes with SHA-256', async () => {
    expect(await contentHash(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('puts a job’s photo under public/photos/<job>/<hash>, so the same bytes have one key', () => {
    expect(photoKey('job-1', 'ab12', 'image/jpeg')).toBe('public/photos/job-1/ab12.jpg');
    expect(photoKey('job-1', 'ab12', 'image/webp')).toBe('public/photos/job-1/ab12.webp');
  });
});
