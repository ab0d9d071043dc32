import { crewLabel, NO_CREW, scopeOf } from './crew-scope';

describe('scopeOf', () => {
  it("names a crew's group after its id, as the server's crew directory does", () => {
    expect(scopeOf('north')).toEqual({ crewID: 'north', crewGroup: 'crew-north' });
  });

  it('gives a record of no crew no scope at all, so only Office works it', () => {
    expect(scopeOf(null)).toEqual(NO_CREW);
    expect(scopeOf('')).toEqual({ crewID: null, crewGroup: null });
  });
});

describe('crewLabel', () => {
  const names = new Map([['north', 'North']]);

  it('names a crew the device holds, a crew it does not by its id, and says when there is none', () => {
    expect(crewLabel('north', names)).toBe('North');
    expect(crewLabel('south', names)).toBe('south');
    expect(crewLabel(null, names)).toBe('No crew (office only)');
  });
});
