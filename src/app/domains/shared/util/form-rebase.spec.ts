import { rebase } from './form-rebase';

describe('rebase', () => {
  const base = { title: 'Inspect', priority: 'NORMAL', tags: ['pumps'] as string[] };

  it('takes into the form what changed elsewhere and not in the form', () => {
    const result = rebase(base, { ...base, title: 'Inspect pumps' }, { ...base, priority: 'LOW' });
    expect(result.taken).toEqual(['title']);
    expect(result.clashes).toEqual([]);
  });

  it('leaves to the user a field both changed to different values', () => {
    const result = rebase(base, { ...base, priority: 'URGENT' }, { ...base, priority: 'LOW' });
    expect(result.taken).toEqual([]);
    expect(result.clashes).toEqual(['priority']);
  });

  it('sees nothing to decide when both made the same change, or nothing changed elsewhere', () => {
    expect(rebase(base, { ...base, tags: ['pumps', 'night'] }, { ...base, tags: ['pumps', 'night'] })).toEqual({
      taken: [],
      clashes: [],
    });
    expect(rebase(base, base, { ...base, title: 'Mine' })).toEqual({ taken: [], clashes: [] });
  });
});
