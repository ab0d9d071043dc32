import { fingerprint, lastChangeTimes, readEditTimes, stampEditTimes } from './edit-times';

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

  it('reads unreadable edit times as none', () => {
    for (const value of [undefined, null, 'not json{', '42', '["a"]'])
      expect(readEditTimes(value)).withContext(String(value)).toEqual({ times: {}, values: {} });
  });
});
