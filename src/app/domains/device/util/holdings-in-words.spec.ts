import { holdingsInWords } from './holdings-in-words';

describe('holdingsInWords', () => {
  const counts = { sites: 1, jobs: 12, notes: 0, photos: 2 };

  it('says an office device holds every crew’s records, counted with singulars', () => {
    expect(holdingsInWords(null, counts)).toBe(
      'This device holds every crew’s records: 1 site, 12 jobs, 0 notes and 2 photos.',
    );
  });

  it('names the one crew a member’s device holds', () => {
    expect(holdingsInWords(['North'], counts)).toBe(
      'This device holds the records of North only: 1 site, 12 jobs, 0 notes and 2 photos.',
    );
  });

  it('names every crew of a member of several', () => {
    expect(holdingsInWords(['North', 'South', 'East'], { sites: 2, jobs: 1, notes: 1, photos: 1 })).toBe(
      'This device holds the records of North, South and East only: 2 sites, 1 job, 1 note and 1 photo.',
    );
  });

  it('says a person in no crew holds none', () => {
    expect(holdingsInWords([], { sites: 0, jobs: 0, notes: 0, photos: 0 })).toContain('no crew’s records');
  });
});
