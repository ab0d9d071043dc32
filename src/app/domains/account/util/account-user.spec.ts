import { parseStoredUser, roleFromGroups, userFromClaims } from './account-user';
import { ANA } from './account-user.testing';

describe('account user', () => {
  it('takes the strongest crew group as the role, and none outside the crew groups', () => {
    expect(roleFromGroups(['Crew', 'Office'])).toBe('Office');
    expect(roleFromGroups(['Viewer', 'Crew'])).toBe('Crew');
    expect(roleFromGroups(['Viewer'])).toBe('Viewer');
    expect(roleFromGroups(['Admins'])).toBeNull();
  });

  it('reads the person from Cognito ID token claims', () => {
    const user = userFromClaims({
      sub: 'a1',
      'cognito:username': 'a1',
      email: ANA.email,
      name: ANA.name,
      'cognito:groups': ['Crew'],
    });
    expect(user).toEqual(ANA);
  });

  it('names a person without a name by their email, and refuses claims without an id', () => {
    expect(userFromClaims({ sub: 'b2', username: 'b2', email: 'bo@example.test' })?.name).toBe('bo@example.test');
    expect(userFromClaims({ 'cognito:username': 'c3' })).toBeNull();
  });

  it('reads a remembered user back, and nothing from storage it did not write', () => {
    const stored = JSON.stringify({ sub: 'a1', username: 'a1', name: 'Ana', email: 'a@x.test', groups: ['Viewer'] });
    expect(parseStoredUser(stored)?.role).toBe('Viewer');
    expect(parseStoredUser('{"name":"Ana"}')).toBeNull();
    expect(parseStoredUser('not json')).toBeNull();
    expect(parseStoredUser(null)).toBeNull();
  });
});
