import {
  ascending,
  BURST_SIZE,
  changesSince,
  descending,
  type ListShape,
  patchList,
  patchRecords,
  planUpdate,
  sortedIndex,
} from './list-patch';

interface Row {
  id: string;
  title: string;
  siteID: string;
}

const row = (id: string, title: string, siteID = 'north'): Row => ({ id, title, siteID });
const atNorth: ListShape<Row> = { matches: (r) => r.siteID === 'north', compare: ascending<Row>((r) => r.title) };
const titles = (list: readonly Row[]) => list.map((r) => r.title);

describe('patchList', () => {
  const list = [row('a', 'Alpha'), row('c', 'Charlie'), row('e', 'Echo')];

  it('inserts a new record at its sorted position without touching the input', () => {
    const next = patchList(list, 'd', row('d', 'Delta'), atNorth);

    expect(titles(next)).toEqual(['Alpha', 'Charlie', 'Delta', 'Echo']);
    expect(titles(list)).toEqual(['Alpha', 'Charlie', 'Echo']);
  });

  it('inserts before the first and after the last item', () => {
    expect(titles(patchList(list, 'z', row('z', 'Aardvark'), atNorth))).toEqual([
      'Aardvark',
      'Alpha',
      'Charlie',
      'Echo',
    ]);
    expect(titles(patchList(list, 'z', row('z', 'Zulu'), atNorth))).toEqual(['Alpha', 'Charlie', 'Echo', 'Zulu']);
  });

  it('moves an updated record when its sort field changes, keeping one copy', () => {
    const next = patchList(list, 'a', row('a', 'Foxtrot'), atNorth);

    expect(next.map((r) => r.id)).toEqual(['c', 'e', 'a']);
  });

  it('replaces an updated record in place when its sort field is unchanged', () => {
    const edited = { ...row('c', 'Charlie'), note: 'new' };
    const next = patchList(list, 'c', edited, atNorth);

    expect(next[1]).toBe(edited);
    expect(next.length).toBe(3);
  });

  it('removes a deleted record', () => {
    expect(titles(patchList(list, 'c', undefined, atNorth))).toEqual(['Alpha', 'Echo']);
  });

  it('removes a record that no longer matches the predicate, and ignores one that never did', () => {
    expect(titles(patchList(list, 'c', row('c', 'Charlie', 'south'), atNorth))).toEqual(['Alpha', 'Echo']);
    expect(patchList(list, 'x', row('x', 'Bravo', 'south'), atNorth)).toEqual(list);
  });

  it('leaves the list as it was when a deleted record was not in it', () => {
    expect(patchList(list, 'x', undefined, atNorth)).toEqual(list);
  });

  it('finds the record it is told the list holds among others that sort the same, or scans for it', () => {
    const ties = [row('a', 'Bravo'), row('b', 'Bravo'), row('c', 'Bravo')];
    const ids = (rows: readonly Row[]) => rows.map((r) => r.id);

    expect(ids(patchList(ties, 'b', row('b', 'Alpha'), atNorth, { held: ties[1] }))).toEqual(['b', 'a', 'c']);
    expect(ids(patchList(ties, 'c', undefined, atNorth, { held: ties[2] }))).toEqual(['a', 'b']);
    expect(ids(patchList(ties, 'b', row('b', 'Alpha'), atNorth, { held: row('b', 'Bravo') }))).toEqual(['b', 'a', 'c']);
    expect(ids(patchList(ties, 'd', row('d', 'Bravo'), atNorth, { held: undefined }))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('patchRecords / changesSince', () => {
  const list = [row('a', 'Alpha'), row('c', 'Charlie')];

  it('tells what was patched in since a list, the latest version of each record winning', () => {
    const once = patchRecords(list, [{ id: 'b', current: row('b', 'Bravo') }], atNorth);
    const twice = patchRecords(
      once,
      [
        { id: 'b', current: row('b', 'Beta') },
        { id: 'a', current: undefined },
      ],
      atNorth,
    );

    expect(titles(twice)).toEqual(['Beta', 'Charlie']);
    expect(changesSince(twice, list)).toEqual([
      { id: 'b', current: row('b', 'Beta') },
      { id: 'a', current: undefined },
    ]);
    expect(changesSince(twice, once)?.length).toBe(2);
    expect(changesSince(list, list)).toEqual([]);
  });

  it('records a record that stopped matching as gone, as the list no longer holds it', () => {
    const next = patchRecords(list, [{ id: 'c', current: row('c', 'Charlie', 'south') }], atNorth);

    expect(changesSince(next, list)).toEqual([{ id: 'c', current: undefined }]);
  });

  it('cannot tell for a list that did not come from the other by patches', () => {
    const requeried = [...list, row('d', 'Delta')];

    expect(changesSince(requeried, list)).toBeUndefined();
    expect(
      changesSince(patchRecords(requeried, [{ id: 'e', current: row('e', 'Echo') }], atNorth), list),
    ).toBeUndefined();
  });
});

describe('sortedIndex', () => {
  it('places an equal item after its equals, so patching is stable', () => {
    const list = [row('a', 'Alpha'), row('b', 'Bravo'), row('b2', 'Bravo'), row('c', 'Charlie')];

    expect(sortedIndex(list, row('n', 'Bravo'), atNorth.compare)).toBe(3);
    expect(sortedIndex([], row('n', 'Bravo'), atNorth.compare)).toBe(0);
  });
});

describe('ascending / descending', () => {
  it('order the way DataStore sorts (plain < and >), descending reversed', () => {
    const rows = [row('1', 'b'), row('2', 'B'), row('3', 'a')];

    expect(titles([...rows].sort(ascending<Row>((r) => r.title)))).toEqual(['B', 'a', 'b']);
    expect(titles([...rows].sort(descending<Row>((r) => r.title)))).toEqual(['b', 'a', 'B']);
  });
});

describe('planUpdate', () => {
  it('patches a few changed records and re-queries a burst or when there is no list yet', () => {
    expect(planUpdate(1, true)).toBe('patch');
    expect(planUpdate(BURST_SIZE, true)).toBe('patch');
    expect(planUpdate(BURST_SIZE + 1, true)).toBe('requery');
    expect(planUpdate(1, false)).toBe('requery');
  });
});
