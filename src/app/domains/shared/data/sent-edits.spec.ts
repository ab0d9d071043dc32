import { clearSentEdits, hasSentEdit, noteSentEdit, takeSentEdit } from './sent-edits';

const SENT_EDITS_KEY = 'fieldbook.sentEdits';
const FIRST = '2026-03-02T10:30:00.000Z';
const SECOND = '2026-03-02T10:35:00.000Z';

describe('sent edits', () => {
  beforeEach(() => localStorage.removeItem(SENT_EDITS_KEY));
  afterEach(() => localStorage.removeItem(SENT_EDITS_KEY));

  it('keeps what was saved for a record until it is taken, then forgets it', () => {
    noteSentEdit('Job', 'job-1', { priority: 'LOW', tags: ['pumps'] }, FIRST);

    expect(hasSentEdit('Job', 'job-1')).toBeTrue();
    expect(takeSentEdit('Job', 'job-1')).toEqual({
      model: 'Job',
      recordId: 'job-1',
      fields: { priority: { value: 'LOW', at: FIRST }, tags: { value: ['pumps'], at: FIRST } },
    });
    expect(takeSentEdit('Job', 'job-1')).toBeUndefined();
    expect(hasSentEdit('Job', 'job-1')).toBeFalse();
  });

  it('has nothing for a record that was never saved', () => {
    expect(hasSentEdit('Job', 'job-1')).toBeFalse();
    expect(takeSentEdit('Job', 'job-1')).toBeUndefined();
  });

  it('merges later saves of a record field by field, the latest value of each field winning', () => {
    noteSentEdit('Job', 'job-1', { priority: 'LOW', title: 'Inspect pump' }, FIRST);
    noteSentEdit('Job', 'job-1', { priority: 'URGENT', assignee: 'Sam' }, SECOND);

    expect(takeSentEdit('Job', 'job-1')?.fields).toEqual({
      priority: { value: 'URGENT', at: SECOND },
      title: { value: 'Inspect pump', at: FIRST },
      assignee: { value: 'Sam', at: SECOND },
    });
  });

  it('remembers a list item added by one save and removed by the next as removed, though the list never held it', () => {
    noteSentEdit('FieldNote', 'note-1', { tags: ['t', 'pump'] }, FIRST, { tags: ['t'] });
    noteSentEdit('FieldNote', 'note-1', { tags: ['t'] }, SECOND);

    expect(takeSentEdit('FieldNote', 'note-1')?.fields).toEqual({
      tags: { value: ['t'], at: SECOND, base: ['t', 'pump'] },
    });
  });

  it('records a cleared value as null', () => {
    noteSentEdit('Job', 'job-1', { assignee: undefined, dueDate: null }, FIRST);

    expect(takeSentEdit('Job', 'job-1')?.fields).toEqual({
      assignee: { value: null, at: FIRST },
      dueDate: { value: null, at: FIRST },
    });
  });

  it('keeps records of other models and ids apart, and taking one leaves the others', () => {
    noteSentEdit('Job', 'id-1', { title: 'Inspect pump' }, FIRST);
    noteSentEdit('Site', 'id-1', { name: 'North depot' }, FIRST);
    noteSentEdit('Job', 'id-2', { title: 'Replace valve' }, FIRST);

    expect(takeSentEdit('Site', 'id-1')?.fields).toEqual({ name: { value: 'North depot', at: FIRST } });
    expect(takeSentEdit('Job', 'id-1')?.fields).toEqual({ title: { value: 'Inspect pump', at: FIRST } });
    expect(takeSentEdit('Job', 'id-2')?.fields).toEqual({ title: { value: 'Replace valve', at: FIRST } });
  });

  it('forgets every record when cleared', () => {
    noteSentEdit('Job', 'job-1', { title: 'Inspect pump' }, FIRST);
    noteSentEdit('Site', 'site-1', { name: 'North depot' }, FIRST);

    clearSentEdits();

    expect(takeSentEdit('Job', 'job-1')).toBeUndefined();
    expect(takeSentEdit('Site', 'site-1')).toBeUndefined();
  });

  it('drops the least recently edited records beyond 1,000, a new save counting as recent', () => {
    for (let index = 0; index < 1_000; index++) noteSentEdit('Job', `job-${index}`, { title: `Job ${index}` }, FIRST);
    // job-0 is saved again, so job-1 is now the least recently edited.
    noteSentEdit('Job', 'job-0', { priority: 'HIGH' }, SECOND);

    noteSentEdit('Job', 'job-1000', { title: 'Job 1000' }, SECOND);

    expect(takeSentEdit('Job', 'job-1')).toBeUndefined();
    expect(takeSentEdit('Job', 'job-0')?.fields).toEqual({
      title: { value: 'Job 0', at: FIRST },
      priority: { value: 'HIGH', at: SECOND },
    });
    expect(takeSentEdit('Job', 'job-2')).toBeDefined();
    expect(takeSentEdit('Job', 'job-999')).toBeDefined();
    expect(takeSentEdit('Job', 'job-1000')).toBeDefined();
  });

  it('treats garbage in storage as no edits, and notes new ones over it', () => {
    for (const stored of ['not json{', 'null', '42', '"text"', '[1,2]']) {
      localStorage.setItem(SENT_EDITS_KEY, stored);
      expect(takeSentEdit('Job', 'job-1')).withContext(stored).toBeUndefined();

      noteSentEdit('Job', 'job-1', { title: 'Inspect pump' }, FIRST);
      expect(takeSentEdit('Job', 'job-1'))
        .withContext(stored)
        .toEqual({ model: 'Job', recordId: 'job-1', fields: { title: { value: 'Inspect pump', at: FIRST } } });
    }
  });
});
