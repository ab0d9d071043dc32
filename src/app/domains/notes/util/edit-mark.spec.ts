import { editMarkOf, withEditMark } from './edit-mark';

describe('a note’s edit mark', () => {
  it('is kept beside the note’s other attributes, and replaced by the next edit', () => {
    const first = withEditMark('{"gauge":"G-7","calibrated":true}', { at: '2026-11-28T10:32:00.000Z', by: 'Ben' });
    expect(JSON.parse(first)).toEqual({
      gauge: 'G-7',
      calibrated: true,
      editedAt: '2026-11-28T10:32:00.000Z',
      editedBy: 'Ben',
    });

    const second = withEditMark(first, { at: '2026-11-28T11:00:00.000Z', by: null });
    expect(editMarkOf(second)).toEqual({ at: '2026-11-28T11:00:00.000Z', by: null });
    expect(JSON.parse(second).gauge).toBe('G-7');
  });

  it('reads no mark from a note never edited, or from attributes that are not a map', () => {
    expect(editMarkOf(null)).toBeNull();
    expect(editMarkOf('{"gauge":"G-7"}')).toBeNull();
    expect(editMarkOf('[1,2]')).toBeNull();
    expect(editMarkOf('{not json')).toBeNull();
    expect(editMarkOf('{"editedAt":"yesterday"}')).toBeNull();
    expect(JSON.parse(withEditMark('{not json', { at: '2026-11-28T10:32:00.000Z', by: 'Ana' }))).toEqual({
      editedAt: '2026-11-28T10:32:00.000Z',
      editedBy: 'Ana',
    });
  });

  it('reads a note’s attributes as DataStore hands them back, parsed', () => {
    const parsed = { gauge: 'G-7', editedAt: '2026-11-28T10:32:00.000Z', editedBy: 'Ben' };
    expect(editMarkOf(parsed)).toEqual({ at: '2026-11-28T10:32:00.000Z', by: 'Ben' });
    expect(JSON.parse(withEditMark({ gauge: 'G-7' }, { at: '2026-11-28T11:00:00.000Z', by: null }))).toEqual({
      gauge: 'G-7',
      editedAt: '2026-11-28T11:00:00.000Z',
    });
  });
});
