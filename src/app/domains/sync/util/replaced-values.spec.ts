import { type SentEdit } from '../../shared/data/sent-edits';
import { fingerprint } from '../../shared/util/edit-times';
import { describeReplaced, type ReplacedValue, replacedValues } from './replaced-values';

const SAVED_AT = '2026-03-02T10:30:00.000Z';

/** What the user saved for one job, every field at the same time. */
function sentEdit(fields: Record<string, unknown>): SentEdit {
  return {
    model: 'Job',
    recordId: 'job-1',
    fields: Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, { value, at: SAVED_AT }])),
  };
}

/** "10:32" from an ISO time, whatever the machine's time zone. */
const clock = (iso: string) => iso.slice(11, 16);

describe('replacedValues', () => {
  it('reports a field the server holds another value for, with both values', () => {
    const sent = sentEdit({ priority: 'LOW', title: 'Inspect pump' });

    expect(replacedValues(sent, { priority: 'URGENT', title: 'Inspect pump', status: 'OPEN' })).toEqual([
      { field: 'priority', mine: 'LOW', theirs: 'URGENT', theirsSavedAt: null },
    ]);
  });

  it('reports nothing when the server kept every saved value, embedded objects compared whatever the key order', () => {
    const sent = sentEdit({ title: 'Inspect pump', location: { latitude: 52.1, longitude: 4.3 }, assignee: null });

    expect(replacedValues(sent, { title: 'Inspect pump', location: { longitude: 4.3, latitude: 52.1 } })).toEqual([]);
  });

  it('counts a list as kept when the server holds every item the user saved, in any order and key order', () => {
    const sent = sentEdit({
      tags: ['pumps', 'urgent'],
      checklist: [
        { id: 'a', label: 'Shut valve', done: true, doneAt: '2026-03-02T10:29:00.000Z' },
        { id: 'b', label: 'Drain tank', done: false, doneAt: null },
      ],
    });
    const server = {
      tags: ['valves', 'urgent', 'pumps'],
      checklist: [
        { doneAt: null, done: false, label: 'Drain tank', id: 'b' },
        { id: 'c', label: 'Photograph gauge', done: false, doneAt: null },
        { label: 'Shut valve', doneAt: '2026-03-02T10:29:00.000Z', id: 'a', done: true },
      ],
    };

    expect(replacedValues(sent, server)).toEqual([]);
  });

  it('reports a list when an item the user saved is missing from the server’s list or changed in it', () => {
    const sent = sentEdit({
      tags: ['pumps', 'urgent'],
      checklist: [{ id: 'a', label: 'Shut valve', done: true, doneAt: '2026-03-02T10:29:00.000Z' }],
    });
    const server = {
      tags: ['pumps'],
      checklist: [{ id: 'a', label: 'Shut valve', done: false, doneAt: null }],
    };

    expect(replacedValues(sent, server).map(({ field, theirs }) => ({ field, theirs }))).toEqual([
      { field: 'tags', theirs: ['pumps'] },
      { field: 'checklist', theirs: [{ id: 'a', label: 'Shut valve', done: false, doneAt: null }] },
    ]);
  });

  it('reports a value the user cleared that the server filled, and one the server no longer holds as null', () => {
    const sent = sentEdit({ assignee: null, dueDate: '2026-12-01' });

    expect(replacedValues(sent, { assignee: 'Sam' })).toEqual([
      { field: 'assignee', mine: null, theirs: 'Sam', theirsSavedAt: null },
      { field: 'dueDate', mine: '2026-12-01', theirs: null, theirsSavedAt: null },
    ]);
  });

  it('reports a removed list item that a union brought back, and not an item another device added', () => {
    const sent: SentEdit = {
      model: 'Job',
      recordId: 'job-1',
      fields: { tags: { value: ['valves'], at: '2026-03-02T10:00:00.000Z', base: ['pumps'] } },
    };
    expect(replacedValues(sent, { tags: ['pumps', 'valves'] }).map(({ field }) => field)).toEqual(['tags']);
    expect(replacedValues(sent, { tags: ['valves', 'gauges'] })).toEqual([]);
  });

  describe('a checklist merged item by item', () => {
    const valve = { id: 'c1', label: 'Shut valve', done: false, doneAt: null };
    const drain = { id: 'c2', label: 'Drain tank', done: false, doneAt: null };
    /** The user saved `value` over the checklist [valve, drain]. */
    const saved = (value: unknown[]): SentEdit => ({
      model: 'Job',
      recordId: 'job-1',
      fields: { checklist: { value, at: SAVED_AT, base: [valve, drain] } },
    });

    it('reports a removed item that another device edited, by the name the user removed, to remove again', () => {
      const renamed = { ...valve, label: 'Shut both valves', done: true };
      const replaced = replacedValues(saved([drain]), { checklist: [renamed, drain] });

      expect(replaced.map(({ field, mine }) => ({ field, mine }))).toEqual([{ field: 'checklist', mine: [drain] }]);
      expect(describeReplaced(replaced, clock)).toBe(
        'Your removal of “Shut valve” from the checklist was not applied: it was edited on another device (now “☑ Shut both valves”).',
      );
    });

    it('reports a removed item that came back unchanged with another device’s change', () => {
      const added = { id: 'c3', label: 'Photograph gauge', done: false, doneAt: null };
      const replaced = replacedValues(saved([drain]), { checklist: [valve, drain, added] });

      expect(replaced[0]?.mine).withContext('restoring keeps the other device’s item').toEqual([drain, added]);
      expect(describeReplaced(replaced, clock)).toBe(
        'Your removal of “Shut valve” from the checklist was not applied: another device’s change kept it.',
      );
    });

    it('does not report an item the user left alone that another device ticked', () => {
      const ticked = { ...drain, done: true, doneAt: '2026-03-02T10:31:00.000Z' };

      expect(replacedValues(saved([drain]), { checklist: [ticked] })).toEqual([]);
      expect(
        replacedValues(saved([{ ...valve, label: 'Shut valves' }, drain]), {
          checklist: [{ ...valve, label: 'Shut valves' }, ticked],
        }),
      ).toEqual([]);
    });

    it('reports an item the user added that the server’s list does not hold, and a label another device replaced', () => {
      const added = { id: 'c3', label: 'Photograph gauge', done: false, doneAt: null };
      const dropped = replacedValues(saved([valve, drain, added]), { checklist: [valve, drain] });
      const renamed = replacedValues(saved([{ ...valve, label: 'Mine' }, drain]), {
        checklist: [{ ...valve, label: 'Theirs' }, drain],
      });

      expect(dropped.map(({ mine }) => mine)).toEqual([[valve, drain, added]]);
      expect(describeReplaced(dropped, clock)).toBe(
        'Your checklist “☐ Shut valve, ☐ Drain tank, ☐ Photograph gauge” was replaced by “☐ Shut valve, ☐ Drain tank” on another device.',
      );
      expect(renamed.map(({ mine }) => mine)).toEqual([[{ ...valve, label: 'Mine' }, drain]]);
    });
  });

  it('treats an empty list and no list as the same, so clearing a list is not reported as replaced', () => {
    expect(replacedValues(sentEdit({ tags: [] }), { tags: null })).toEqual([]);
    expect(replacedValues(sentEdit({ tags: [] }), {})).toEqual([]);
    expect(replacedValues(sentEdit({ tags: null }), { tags: [] })).toEqual([]);
  });

  it('takes when the replacing value was saved from the server’s fieldEditedAt (AWSJSON)', () => {
    const sent = sentEdit({ priority: 'LOW', assignee: 'Mara' });
    const server = {
      priority: 'URGENT',
      assignee: 'Sam',
      fieldEditedAt: JSON.stringify({ priority: '2026-03-02T10:32:00.000Z', title: '2026-03-01T08:00:00.000Z' }),
    };

    expect(replacedValues(sent, server)).toEqual([
      { field: 'priority', mine: 'LOW', theirs: 'URGENT', theirsSavedAt: '2026-03-02T10:32:00.000Z' },
      { field: 'assignee', mine: 'Mara', theirs: 'Sam', theirsSavedAt: null },
    ]);
  });

  it('also reads fieldEditedAt that is already parsed', () => {
    const server = { priority: 'URGENT', fieldEditedAt: { priority: '2026-03-02T10:32:00.000Z' } };

    expect(replacedValues(sentEdit({ priority: 'LOW' }), server)[0]?.theirsSavedAt).toBe('2026-03-02T10:32:00.000Z');
  });

  it('takes a value set without an edit time (another AppSync client) as saved when the server stored it', () => {
    const storedAt = Date.parse('2026-03-02T11:05:00.000Z');
    const fieldEditedAt = JSON.stringify({
      priority: '2026-03-01T08:00:00.000Z',
      title: '2026-03-01T08:00:00.000Z',
      _values: { priority: fingerprint('NORMAL'), title: fingerprint('Pump') },
    });
    const server = { priority: 'URGENT', title: 'Pump', fieldEditedAt, _lastChangedAt: storedAt };

    expect(replacedValues(sentEdit({ priority: 'LOW', title: 'Pump B' }), server)).toEqual([
      { field: 'priority', mine: 'LOW', theirs: 'URGENT', theirsSavedAt: '2026-03-02T11:05:00.000Z' },
      { field: 'title', mine: 'Pump B', theirs: 'Pump', theirsSavedAt: '2026-03-01T08:00:00.000Z' },
    ]);
  });

  it('leaves the time unknown when fieldEditedAt is missing or unreadable', () => {
    const sent = sentEdit({ priority: 'LOW' });

    for (const fieldEditedAt of [undefined, null, 'not json{', 'null', '"2026-03-02T10:32:00.000Z"', '42']) {
      expect(replacedValues(sent, { priority: 'URGENT', fieldEditedAt }))
        .withContext(String(fieldEditedAt))
        .toEqual([{ field: 'priority', mine: 'LOW', theirs: 'URGENT', theirsSavedAt: null }]);
    }
  });
});

describe('describeReplaced', () => {
  const replaced = (value: Partial<ReplacedValue> & { field: string }): ReplacedValue => ({
    mine: null,
    theirs: null,
    theirsSavedAt: null,
    ...value,
  });

  it('names the field, both values as words and when the other device saved', () => {
    const text = describeReplaced(
      [replaced({ field: 'priority', mine: 'LOW', theirs: 'URGENT', theirsSavedAt: '2026-03-02T10:32:00.000Z' })],
      clock,
    );

    expect(text).toBe('Your priority “Low” was replaced by “Urgent”, saved 10:32 on another device.');
  });

  it('leaves the time out when it is not known, without asking for it', () => {
    const formatTime = jasmine.createSpy('formatTime', clock).and.callThrough();

    const text = describeReplaced([replaced({ field: 'status', mine: 'IN_PROGRESS', theirs: 'ON_HOLD' })], formatTime);

    expect(text).toBe('Your status “In progress” was replaced by “On hold” on another device.');
    expect(formatTime).not.toHaveBeenCalled();
  });

  it('describes every replaced field, one sentence each, and shows other values as saved', () => {
    const text = describeReplaced(
      [
        replaced({ field: 'assignee', mine: 'sam_k', theirs: null, theirsSavedAt: '2026-03-02T09:05:00.000Z' }),
        replaced({ field: 'dueDate', mine: '2026-12-01', theirs: '2026-11-15' }),
        replaced({ field: 'tags', mine: ['pumps', 'urgent'], theirs: ['valves'] }),
      ],
      clock,
    );

    expect(text).toBe(
      'Your assignee “sam_k” was replaced by “—”, saved 09:05 on another device. ' +
        'Your due date “2026-12-01” was replaced by “2026-11-15” on another device. ' +
        'Your tags “pumps, urgent” were replaced by “valves” on another device.',
    );
  });

  it('says nothing when nothing was replaced', () => {
    expect(describeReplaced([], clock)).toBe('');
  });
});
