import { contentHash, photoKey } from './photo-key';

describe('photo keys', () => {
  it('hashes the bytes with SHA-256', async () => {
    expect(await contentHash(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('puts each attachment’s photo in its job’s crew’s folder, public/crews/<crew>/photos/<job>/<attachment>', () => {
    const job = { id: 'job-1', crewID: 'north' };
    expect(photoKey(job, 'photo-7', 'image/jpeg')).toBe('public/crews/north/photos/job-1/photo-7.jpg');
    expect(photoKey(job, 'photo-7', 'image/webp')).toBe('public/crews/north/photos/job-1/photo-7.webp');
  });

  it('keeps a job of no crew (from before crews) in public/photos/<job>/<attachment>', () => {
    expect(photoKey({ id: 'job-1', crewID: null }, 'photo-7', 'image/png')).toBe('public/photos/job-1/photo-7.png');
    expect(photoKey({ id: 'job-1' }, 'photo-7', 'image/jpeg')).toBe('public/photos/job-1/photo-7.jpg');
  });
});
