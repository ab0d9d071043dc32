import { inScope, narrows, sameScope, type SyncScope, WHOLE_SCOPE, widens } from './sync-scope';

const crews = (...groups: string[]): SyncScope => ({ crewGroups: groups, syncCrew: null });

describe('sync scope', () => {
  it('keeps a record of one of its crews; one with no crew only in the whole scope', () => {
    expect(inScope(crews('crew-north'), 'crew-north')).toBeTrue();
    expect(inScope(crews('crew-north'), 'crew-south')).toBeFalse();
    expect(inScope(crews('crew-north'), null)).toBeFalse();
    expect(inScope(WHOLE_SCOPE, null)).toBeTrue();
  });

  it('widens when it gains a crew or becomes whole, narrows when it loses one', () => {
    expect(widens(crews('crew-north'), crews('crew-north', 'crew-south'))).toBeTrue();
    expect(narrows(crews('crew-north'), crews('crew-north', 'crew-south'))).toBeFalse();
    expect(widens(crews('crew-north'), WHOLE_SCOPE)).toBeTrue();
    expect(narrows(WHOLE_SCOPE, crews('crew-north'))).toBeTrue();
    expect(widens(WHOLE_SCOPE, crews('crew-north'))).toBeFalse();
    // Moved from one crew to another: both.
    expect(widens(crews('crew-north'), crews('crew-south'))).toBeTrue();
    expect(narrows(crews('crew-north'), crews('crew-south'))).toBeTrue();
  });

  it('is the same scope whatever the order of its crews, not with another expression', () => {
    expect(sameScope(crews('crew-a', 'crew-b'), crews('crew-b', 'crew-a'))).toBeTrue();
    expect(sameScope({ crewGroups: ['crew-a'], syncCrew: 'a' }, crews('crew-a'))).toBeFalse();
  });
});
