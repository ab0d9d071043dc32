import { scopeRetry, withoutScope } from './scope-retry';

describe('scopeRetry', () => {
  const server = { id: 's1', name: 'Dock East', crewID: 'north', crewGroup: 'crew-north', _version: 3 };

  it('sends a move to another crew again on the server’s version, its scope fields alone', () => {
    const move = { id: 's1', crewID: 'south', crewGroup: 'crew-south', _version: 1 };

    expect(scopeRetry({ localModel: move, remoteModel: server, operation: 'Update' })).toEqual({
      id: 's1',
      crewID: 'south',
      crewGroup: 'crew-south',
      _version: 3,
    });
  });

  it('keeps the group a moved job leaves, for its old crew’s late edits', () => {
    const move = { id: 'j1', crewID: 'south', crewGroup: 'crew-south', previousCrewGroup: 'crew-north', title: 'x' };

    expect(scopeRetry({ localModel: move, remoteModel: server, operation: 'Update' })).toEqual({
      id: 'j1',
      crewID: 'south',
      crewGroup: 'crew-south',
      previousCrewGroup: 'crew-north',
      _version: 3,
    });
  });

  it('retries nothing that moves nothing, nor a create, nor a record gone from the server', () => {
    const edit = { id: 's1', name: 'Dock', _version: 1 };
    const sameCrew = { id: 's1', crewID: 'north', crewGroup: 'crew-north', _version: 1 };
    const move = { id: 's1', crewID: 'south', crewGroup: 'crew-south', _version: 1 };

    expect(scopeRetry({ localModel: edit, remoteModel: server, operation: 'Update' })).toBeNull();
    expect(scopeRetry({ localModel: sameCrew, remoteModel: server, operation: 'Update' })).toBeNull();
    expect(scopeRetry({ localModel: move, remoteModel: server, operation: 'Create' })).toBeNull();
    expect(
      scopeRetry({ localModel: move, remoteModel: { ...server, _deleted: true }, operation: 'Update' }),
    ).toBeNull();
  });

  it('leaves the user’s other edits of the same save for the review', () => {
    expect(withoutScope({ name: 'Dock', crewID: 'south', crewGroup: 'crew-south' })).toEqual({ name: 'Dock' });
  });
});
