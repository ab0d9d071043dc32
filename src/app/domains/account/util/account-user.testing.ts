import { type AccountUser } from './account-user';

/** A crew member as the account domain holds them. */
export const ANA: AccountUser = {
  sub: 'a1',
  username: 'a1',
  name: 'Ana Silva',
  email: 'ana@example.test',
  groups: ['Crew'],
  role: 'Crew',
};
