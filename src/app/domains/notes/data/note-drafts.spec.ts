import { readNoteDraft, saveNoteDraft } from './note-drafts';

describe('note drafts', () => {
  afterEach(() => localStorage.clear());

  it('keeps a draft per job until it is cleared', () => {
    saveNoteDraft('job-1', { body: 'Valve weeping', reading: '7,2', unit: 'bar' });
    saveNoteDraft('job-2', { body: 'Other job', reading: '', unit: '', observedAt: '2026-11-27T16:45' });

    expect(readNoteDraft('job-1')).toEqual({ body: 'Valve weeping', reading: '7,2', unit: 'bar' });
    expect(readNoteDraft('job-2')?.observedAt).toBe('2026-11-27T16:45');

    saveNoteDraft('job-1', null);
    expect(readNoteDraft('job-1')).toBeNull();
    expect(readNoteDraft('job-2')?.body).toBe('Other job');
  });

  it('reads nothing from a damaged entry instead of failing', () => {
    localStorage.setItem('fieldbook.noteDraft.job-1', '{"body": 42');
    expect(readNoteDraft('job-1')).toBeNull();
    localStorage.setItem('fieldbook.noteDraft.job-1', '{"body": 42, "reading": "", "unit": ""}');
    expect(readNoteDraft('job-1')).toBeNull();
  });
});
