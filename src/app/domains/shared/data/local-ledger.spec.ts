import { localLedger } from './local-ledger';

const KEY = 'fieldbook.test.ledger';

describe('localLedger', () => {
  afterEach(() => localStorage.removeItem(KEY));

  it('stores an object ledger as an object, as devices already hold sent edits', () => {
    localLedger<number>(KEY, 'object', 10).update((entries) => entries.set('a', 1).set('b', 2));
    expect(JSON.parse(localStorage.getItem(KEY) ?? 'null')).toEqual({ a: 1, b: 2 });
  });

  it('stores an entry-list ledger as a list of pairs, as devices already hold deletes', () => {
    localLedger<number>(KEY, 'entry-list', 10).update((entries) => entries.set('a', 1));
    expect(JSON.parse(localStorage.getItem(KEY) ?? 'null')).toEqual([['a', 1]]);
  });

  it('reads back what another page wrote and returns what the change returns', () => {
    localStorage.setItem(KEY, JSON.stringify([['a', 1]]));
    const taken = localLedger<number>(KEY, 'entry-list', 10).update((entries) => {
      const value = entries.get('a');
      entries.delete('a');
      return value;
    });
    expect(taken).toBe(1);
    expect(localLedger<number>(KEY, 'entry-list', 10).read().size).toBe(0);
  });

  it('drops the oldest entries beyond its cap', () => {
    const ledger = localLedger<number>(KEY, 'object', 2);
    ledger.update((entries) => entries.set('old', 1).set('mid', 2).set('new', 3));
    expect([...ledger.read().keys()]).toEqual(['mid', 'new']);
  });

  it('reads storage of another shape or unparseable storage as empty', () => {
    localStorage.setItem(KEY, '{not json');
    expect(localLedger<number>(KEY, 'object', 10).read().size).toBe(0);
    localStorage.setItem(KEY, JSON.stringify({ a: 1 }));
    expect(localLedger<number>(KEY, 'entry-list', 10).read().size).toBe(0);
  });

  it('keeps the previous entries when storage is full', () => {
    const ledger = localLedger<number>(KEY, 'object', 10);
    ledger.update((entries) => entries.set('kept', 1));
    spyOn(Storage.prototype, 'setItem').and.throwError(new DOMException('full', 'QuotaExceededError'));
    expect(() => ledger.update((entries) => entries.set('lost', 2))).not.toThrow();
    expect([...ledger.read().keys()]).toEqual(['kept']);
  });

  it('clears its key', () => {
    const ledger = localLedger<number>(KEY, 'object', 10);
    ledger.update((entries) => entries.set('a', 1));
    ledger.clear();
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});
