import { TestBed } from '@angular/core/testing';

import { CREW_MEMBER_KEY, CrewMemberPreference } from './crew-member-preference';

describe('CrewMemberPreference', () => {
  let saved: string | null;

  beforeEach(() => {
    saved = localStorage.getItem(CREW_MEMBER_KEY);
    localStorage.removeItem(CREW_MEMBER_KEY);
  });

  afterEach(() => {
    if (saved === null) localStorage.removeItem(CREW_MEMBER_KEY);
    else localStorage.setItem(CREW_MEMBER_KEY, saved);
  });

  it('keeps the crew member’s name on this device, trimmed, and forgets it when cleared', () => {
    const preference = TestBed.inject(CrewMemberPreference);
    expect(preference.read()).toBe('');

    preference.write('  Ana Silva ');
    expect(localStorage.getItem(CREW_MEMBER_KEY)).toBe('Ana Silva');
    expect(TestBed.inject(CrewMemberPreference).read()).toBe('Ana Silva');

    preference.write('   ');
    expect(preference.read()).toBe('');
  });
});
