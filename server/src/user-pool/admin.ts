import { MAX_CREWS_PER_PERSON } from './crew-attributes.ts';
import { TEMPORARY_PASSWORD_DAYS, temporaryPassword } from './passwords.ts';
import type { UserPool } from './pool.ts';
import { type Group, normalizeUsername, type PoolUser } from './user-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export class UnknownUserError extends Error {
  constructor(email: string) {
    super(`no user ${email}`);
  }
}

/**
 * What an administrator does to the pool (the users command): invite users with a temporary
 * password, change their group, disable, reset, sign out everywhere, and mark devices to wipe.
 */
export class UserPoolAdmin {
  constructor(private readonly pool: UserPool) {}

  private user(email: string): PoolUser {
    const user = this.pool.users.byUsername(email);
    if (!user) throw new UnknownUserError(normalizeUsername(email));
    return user;
  }

  private temporaryFor(username: string) {
    const password = temporaryPassword();
    return {
      password,
      secret: this.pool.secretFor(username, password),
      expiresAt: this.pool.now() + TEMPORARY_PASSWORD_DAYS * DAY_MS,
    };
  }

  /** Invites a user (Cognito's AdminCreateUser): returns the one-time temporary password. */
  add(email: string, name: string, group: Group): string {
    const username = normalizeUsername(email);
    if (!/^[^\s@]+@[^\s@]+$/.test(username) || username.length > 128) throw new Error(`not an email address: ${email}`);
    if (this.pool.users.byUsername(username)) throw new Error(`${username} is already a user`);
    const temporary = this.temporaryFor(username);
    this.pool.users.add({
      username,
      name,
      group,
      status: 'FORCE_CHANGE_PASSWORD',
      secret: temporary.secret,
      temporaryPasswordExpiresAt: temporary.expiresAt,
      createdAt: this.pool.now(),
    });
    return temporary.password;
  }

  list(): PoolUser[] {
    return this.pool.users.list();
  }

  setGroup(email: string, group: Group): void {
    const user = this.user(email);
    // A crew's group admits whoever is in it to the crew's records, whatever their role.
    if (group === 'Viewer' && this.pool.users.extraGroupsOf(user.sub).length > 0) {
      throw new Error(`${user.username} works in crews; take them out of their crews first (crew remove)`);
    }
    this.pool.users.setGroup(user.sub, group);
  }

  /** The groups beside the role (the crews') a user is in. */
  groupsOf(email: string): string[] {
    return this.pool.users.extraGroupsOf(this.user(email).sub);
  }

  /** The users in a group beside their role. */
  membersOf(group: string): PoolUser[] {
    return this.pool.users.membersOf(group).flatMap((sub) => this.pool.users.bySub(sub) ?? []);
  }

  /**
   * Puts a Crew or Office user in a crew's group, or takes them out (Cognito's AdminAddUserToGroup
   * and AdminRemoveUserFromGroup): in their tokens from the next refresh, as on Cognito. An Office
   * user in a crew (a foreman) gains no access by it, and their devices still hold every crew's
   * records; a Viewer never joins one, since a crew's group lets its members write its records.
   */
  setInCrew(email: string, crewGroup: string, member: boolean): void {
    const user = this.user(email);
    const groups = this.pool.users.extraGroupsOf(user.sub);
    if (member && !groups.includes(crewGroup)) {
      if (user.group === 'Viewer') {
        throw new Error(
          `${user.username} is Viewer: a Viewer works in no crew (a crew's group lets its members write its records)`,
        );
      }
      if (groups.length >= MAX_CREWS_PER_PERSON) {
        throw new Error(
          `${user.username} already works in ${MAX_CREWS_PER_PERSON} crews, the most AppSync can follow live`,
        );
      }
    }
    this.pool.users.setInGroup(user.sub, crewGroup, member);
  }

  /** Disabling also ends every sign-in, as Cognito's AdminDisableUser does. */
  setEnabled(email: string, enabled: boolean): void {
    const user = this.user(email);
    this.pool.users.setEnabled(user.sub, enabled);
    if (!enabled) this.pool.sessions.revokeAll(user.sub, this.pool.now());
  }

  /** A new temporary password (to be changed at the next sign-in); every sign-in ends. */
  resetPassword(email: string): string {
    const user = this.user(email);
    const temporary = this.temporaryFor(user.username);
    this.pool.users.setPassword(user.sub, temporary.secret, temporary.expiresAt);
    this.pool.sessions.revokeAll(user.sub, this.pool.now());
    return temporary.password;
  }

  /** Revokes every refresh token of the user; access tokens already issued live until they expire. */
  signOutEverywhere(email: string): number {
    return this.pool.sessions.revokeAll(this.user(email).sub, this.pool.now());
  }

  /**
   * Sets the user's wipe mark (Cognito's AdminUpdateUserAttributes on a custom attribute): a device
   * signed in before it erases its data at its next contact. The sign-ins are left alone on purpose:
   * a revoked session cannot read the mark, so revoking first would keep a lost phone's data.
   */
  wipeDevices(email: string): void {
    this.pool.users.markWipe(this.user(email).sub, this.pool.now());
  }
}
