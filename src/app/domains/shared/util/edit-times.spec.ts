import { fingerprint, lastChangeTimes, listItemFingerprints, readEditTimes, stampEditTimes } from './edit-times';

const STORED_AT = Date.parse('2026-03-02T11:05:00.000Z');

describe('edit times', () => {
  it('fingerprints values as the Job conflict handler does (the handler’s test checks the same values)', () => {
    const reference: [unknown, string][] = [
      ['URGENT', '1prfu46'],
      ['Straße ☂ “night”', 'n23r7u'],
      ['', '1yz14zp'],
      [null, 'x0xxgk'],
      [0, 'epw9f3'],
      [12.5, '1wytxa3'],
      [true, 'lk2v39'],
    ];
    for (const [value, expected] of reference) expect(fingerprint(value)).withContext(String(value)).toBe(expected);
    expect(fingerprint(undefined)).toBe(fingerprint(null));
    expect(fingerprint(['a'])).toBeUndefined();
  });

  it('takes a field whose value no longer matches its fingerprint as changed when the server stored it', () => {
    const record = {
      priority: 'URGENT',
      title: 'Pump',
      _lastChangedAt: STORED_AT,
      fieldEditedAt: JSON.stringify({
        priority: '2026-03-01T08:00:00.000Z',
        title: '2026-03-01T09:00:00.000Z',
        _values: { priority: fingerprint('NORMAL'), title: fingerprint('Pump'), assignee: fingerprint(null) },
      }),
    };

    expect(lastChangeTimes(record)).toEqual({
      priority: '2026-03-02T11:05:00.000Z',
      title: '2026-03-01T09:00:00.000Z',
    });
  });

  it('stamps the changed fields, every field’s fingerprint and the values the user changed', () => {
    const record = {
      id: 'job-1',
      priority: 'URGENT',
      title: 'Pump',
      tags: ['night'],
      _version: 3,
      _lastChangedAt: STORED_AT,
      fieldEditedAt: JSON.stringify({
        priority: '2026-03-01T08:00:00.000Z',
        _values: { priority: fingerprint('NORMAL') },
      }),
    };

    const stamped = JSON.parse(stampEditTimes(record, { title: 'Pump B' }, '2026-03-02T12:00:00.000Z')) as unknown;

    expect(stamped).toEqual({
      priority: '2026-03-02T11:05:00.000Z',
      title: '2026-03-02T12:00:00.000Z',
      _values: { priority: fingerprint('URGENT'), title: fingerprint('Pump B') },
      _base: { title: fingerprint('Pump') },
    });
    expect(readEditTimes(JSON.stringify(stamped)).values).toEqual({
      priority: fingerprint('URGENT') ?? '',
      title: fingerprint('Pump B') ?? '',
    });
  });

  it('fingerprints list entries as the Job conflict handler does (the handler’s test checks the same values)', () => {
    expect(
      listItemFingerprints([
        { id: 'c1', label: 'Isolate', done: false, doneAt: null },
        { id: 'c2', label: 'Straße ☂', done: true, doneAt: '2026-01-01T00:00:00.000Z' },
      ]),
    ).toEqual({
      'id:c1': { done: '324swo', label: '1p67a1c' },
      'id:c2': { done: 'lk2v39', doneAt: '1cqejnv', label: '1a2q461' },
    });
    expect(listItemFingerprints({ done: false, label: 'Isolate', id: 'c1' })).toEqual({});
    expect(listItemFingerprints(['night'])).toEqual({ 'tag:night': '115nck9' });
  });

  describe('the lists an edit started from', () => {
    const ISOLATE = { id: 'c1', label: 'Isolate', done: false, doneAt: null };
    const DRAIN = { id: 'c2', label: 'Drain', done: false, doneAt: null };
    const startedFrom = (stamped: string) => (JSON.parse(stamped) as { _baseItems?: unknown })._baseItems;

    it('are the lists as the record held them, with the version they were read at', () => {
      const record = { id: 'job-1', checklist: [ISOLATE, DRAIN], tags: ['night'], _version: 3 };
      const stamped = stampEditTimes(record, { checklist: [DRAIN] }, '2026-03-02T12:00:00.000Z');

      expect(startedFrom(stamped)).toEqual({ checklist: listItemFingerprints([ISOLATE, DRAIN]), _version: 3 });
    });

    it('stay those of an earlier save not yet sent, which DataStore sends together with this one', () => {
      const record = { id: 'job-1', checklist: [ISOLATE, DRAIN], tags: ['night'], _version: 3 };
      const first = stampEditTimes(record, { checklist: [DRAIN] }, '2026-03-02T12:00:00.000Z');
      const afterFirst = { ...record, checklist: [DRAIN], fieldEditedAt: first };

      const second = stampEditTimes(
        afterFirst,
        { checklist: [{ ...DRAIN, done: true }], tags: [] },
        '2026-03-02T12:01:00.000Z',
      );

      expect(startedFrom(second)).toEqual({
        checklist: listItemFingerprints([ISOLATE, DRAIN]),
        tags: listItemFingerprints(['night']),
        _version: 3,
      });
    });

    it('are read again once the server has answered (a new version)', () => {
      const first = stampEditTimes(
        { checklist: [ISOLATE, DRAIN], _version: 3 },
        { checklist: [DRAIN] },
        '2026-03-02T12:00:00.000Z',
      );
      const answered = { checklist: [DRAIN], _version: 4, fieldEditedAt: first };

      const next = stampEditTimes(answered, { title: 'Pump B' }, '2026-03-02T12:05:00.000Z');
      const again = stampEditTimes(answered, { checklist: [] }, '2026-03-02T12:05:00.000Z');

      expect(startedFrom(next)).toBeUndefined();
      expect(startedFrom(again)).toEqual({ checklist: listItemFingerprints([DRAIN]), _version: 4 });
    });
  });

  it('reads unreadable edit times as none', () => {
    for (const value of [undefined, null, 'not json{', '42', '["a"]'])
      expect(readEditTimes(value)).withContext(String(value)).toEqual({ times: {}, values: {} });
  });
});
