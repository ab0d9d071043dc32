import { Subject } from 'rxjs';

import { gate } from '../../../../../testing/gate';
import { ascending, BURST_SIZE } from './list-patch';
import { liveList } from './live-list';
import { until } from './until.testing';

interface Row {
  id: string;
  title: string;
}

/** A fake DataStore table behind a live list: reads and re-queries are counted. */
function harness(initial: Row[]) {
  const table = new Map(initial.map((r) => [r.id, r]));
  const snapshots = new Subject<{ items: readonly Row[] }>();
  const changes = new Subject<{ element: { id: string } }>();
  const calls = { requery: 0, readOne: 0 };
  const sorted = () => [...table.values()].sort(ascending<Row>((r) => r.title));
  const emitted: (readonly Row[])[] = [];
  const subscription = liveList<Row>({
    snapshots,
    changes,
    requery: async () => {
      calls.requery++;
      return sorted();
    },
    readOne: async (id) => {
      calls.readOne++;
      return table.get(id);
    },
    matches: (r) => !r.title.startsWith('hidden'),
    compare: ascending<Row>((r) => r.title),
  }).subscribe((list) => emitted.push(list));
  const save = (r: Row) => {
    table.set(r.id, r);
    changes.next({ element: { id: r.id } });
  };
  const remove = (id: string) => {
    table.delete(id);
    changes.next({ element: { id } });
  };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
  const latest = () => (emitted.at(-1) ?? []).map((r) => r.title);
  return { snapshots, calls, emitted, subscription, save, remove, settled, latest, sorted };
}

describe('liveList', () => {
  it('patches a single save into the last list by re-reading that record, with no re-query', async () => {
    const h = harness([
      { id: 'a', title: 'Alpha' },
      { id: 'c', title: 'Charlie' },
    ]);
    h.snapshots.next({ items: h.sorted() });

    h.save({ id: 'b', title: 'Bravo' });
    await h.settled();

    expect(h.latest()).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(h.calls).toEqual({ requery: 0, readOne: 1 });
    h.subscription.unsubscribe();
  });

  it('moves an edited record, removes a deleted one and one that stops matching', async () => {
    const h = harness([
      { id: 'a', title: 'Alpha' },
      { id: 'b', title: 'Bravo' },
      { id: 'c', title: 'Charlie' },
    ]);
    h.snapshots.next({ items: h.sorted() });

    h.save({ id: 'a', title: 'Delta' });
    await h.settled();
    expect(h.latest()).toEqual(['Bravo', 'Charlie', 'Delta']);

    h.remove('b');
    await h.settled();
    expect(h.latest()).toEqual(['Charlie', 'Delta']);

    h.save({ id: 'c', title: 'hidden Charlie' });
    await h.settled();
    expect(h.latest()).toEqual(['Delta']);
    expect(h.calls.requery).toBe(0);
    h.subscription.unsubscribe();
  });

  it('applies a save without waiting for a timer', async () => {
    const h = harness([{ id: 'a', title: 'Alpha' }]);
    h.snapshots.next({ items: h.sorted() });

    h.save({ id: 'b', title: 'Bravo' });
    // Two microtask turns for the read, none for a timer.
    for (let i = 0; i < 5; i++) await Promise.resolve();

    expect(h.latest()).toEqual(['Alpha', 'Bravo']);
    h.subscription.unsubscribe();
  });

  it('takes in a burst of changes with one re-query instead of one read per record', async () => {
    const h = harness([{ id: 'a', title: 'Alpha' }]);
    h.snapshots.next({ items: h.sorted() });

    for (let i = 0; i <= BURST_SIZE; i++) h.save({ id: `n${i}`, title: `New ${String(i).padStart(3, '0')}` });
    await h.settled();

    expect(h.calls).toEqual({ requery: 1, readOne: 0 });
    expect(h.latest().length).toBe(BURST_SIZE + 2);
    h.subscription.unsubscribe();
  });

  it('never runs two re-queries at once, and catches up on changes made during one', async () => {
    const changes = new Subject<{ element: { id: string } }>();
    const ids = new Set<string>();
    let running = 0;
    let overlapped = false;
    const lists: (readonly Row[])[] = [];
    // The first re-query is held until two more bursts have come in.
    const first = gate();
    let requeries = 0;
    const subscription = liveList<Row>({
      snapshots: new Subject(),
      changes,
      requery: async () => {
        running++;
        overlapped ||= running > 1;
        const seen = [...ids].map((id) => ({ id, title: id }));
        if (requeries++ === 0) await first.hold();
        running--;
        return seen;
      },
      readOne: async () => undefined,
      matches: () => true,
      compare: ascending<Row>((r) => r.title),
    }).subscribe((list) => lists.push(list));

    const burst = (round: number) => {
      for (let i = 0; i <= BURST_SIZE; i++) {
        ids.add(`r${round}-${i}`);
        changes.next({ element: { id: `r${round}-${i}` } });
      }
    };
    burst(0);
    await first.arrived;
    burst(1);
    burst(2);
    first.open();
    await until('every row listed', () => running === 0 && lists.at(-1)?.length === 3 * (BURST_SIZE + 1));

    expect(overlapped).toBeFalse();
    expect(lists.at(-1)?.length).toBe(3 * (BURST_SIZE + 1));
    expect(lists.length).toBeLessThan(3);
    subscription.unsubscribe();
  });

  it('passes observeQuery snapshots through and patches later changes onto the newest one', async () => {
    const h = harness([{ id: 'a', title: 'Alpha' }]);
    h.snapshots.next({ items: h.sorted() });
    h.snapshots.next({
      items: [
        { id: 'a', title: 'Alpha' },
        { id: 'z', title: 'Zulu' },
      ],
    });
    expect(h.latest()).toEqual(['Alpha', 'Zulu']);

    h.save({ id: 'm', title: 'Mike' });
    await h.settled();

    expect(h.latest()).toEqual(['Alpha', 'Mike', 'Zulu']);
    h.subscription.unsubscribe();
  });

  it('re-queries a change that arrives before the first snapshot', async () => {
    const h = harness([{ id: 'a', title: 'Alpha' }]);

    h.save({ id: 'b', title: 'Bravo' });
    await h.settled();

    expect(h.calls.requery).toBe(1);
    expect(h.latest()).toEqual(['Alpha', 'Bravo']);
    h.subscription.unsubscribe();
  });

  describe('started from a query, without snapshots (how the repositories use it)', () => {
    function fromQuery(requery: () => Promise<readonly Row[]>) {
      const emitted: (readonly Row[])[] = [];
      const errors: unknown[] = [];
      const subscription = liveList<Row>({
        changes: new Subject<{ element: { id: string } }>(),
        requery,
        readOne: async () => undefined,
        matches: () => true,
        compare: ascending<Row>((r) => r.title),
      }).subscribe({ next: (list) => emitted.push(list), error: (error: unknown) => errors.push(error) });
      return { emitted, errors, subscription };
    }

    it('reads again when DataStore was restarting (this tab taking over the sync engine)', async () => {
      let tries = 0;
      const { emitted, errors, subscription } = fromQuery(async () => {
        if (++tries === 1)
          throw new Error('DataStoreStateError: Tried to execute `DataStore.query()` while DataStore was "Stopping".');
        return [{ id: 'a', title: 'Alpha' }];
      });
      await until('a list read', () => emitted.length > 0 || errors.length > 0);
      subscription.unsubscribe();

      expect(errors).toEqual([]);
      expect(emitted.at(-1)?.map((r) => r.title)).toEqual(['Alpha']);
      expect(tries).toBe(2);
    });

    it('still reports any other read failure', async () => {
      const { emitted, errors, subscription } = fromQuery(async () => {
        throw new Error('QuotaExceededError');
      });
      await until('the failure reported', () => emitted.length > 0 || errors.length > 0);
      subscription.unsubscribe();

      expect(emitted).toEqual([]);
      expect(errors.length).toBe(1);
    });
  });
});
