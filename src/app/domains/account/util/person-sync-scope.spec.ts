import { type AccountUser } from './account-user';
import { ANA } from './account-user.testing';
import { crewScope, crewsOf } from './person-sync-scope';

const withGroups = (role: AccountUser['role'], ...groups: string[]): AccountUser => ({ ...ANA, role, groups });

describe('crewScope', () => {
  it("reads a person's crews from their crew groups only", () => {
    expect(crewsOf(['Crew', 'crew-north', 'crew-', 'crews', 'crew-south-2'])).toEqual(['north', 'south-2']);
  });

  it('syncs a member of one crew by that crew, and keeps only its records', () => {
    expect(crewScope(withGroups('Crew', 'Crew', 'crew-north'))).toEqual({
      crewGroups: ['crew-north'],
      syncCrew: 'north',
    });
  });

  it('syncs a member of several crews unfiltered, and keeps only their records', () => {
    expect(crewScope(withGroups('Crew', 'Crew', 'crew-north', 'crew-south'))).toEqual({
      crewGroups: ['crew-north', 'crew-south'],
      syncCrew: null,
    });
  });

  it('keeps nothing for a Crew user in no crew', () => {
    expect(crewScope(withGroups('Crew', 'Crew'))).toEqual({ crewGroups: [], syncCrew: null });
  });

  it('holds everything for Office, Viewer and a backend without accounts, whatever their groups', () => {
    const whole = { crewGroups: null, syncCrew: null };
    expect(crewScope(withGroups('Office', 'Office', 'crew-north'))).toEqual(whole);
    expect(crewScope(withGroups('Viewer', 'Viewer'))).toEqual(whole);
    expect(crewScope(null)).toEqual(whole);
  });
});
