import { type Role } from './account-user';

/** What a screen may offer to do with a kind of record. */
export type Action = 'create' | 'update' | 'delete';

/** The records the permission table speaks of (the README's Accounts section). */
export type Subject = 'Site' | 'Job' | 'FieldNote' | 'Attachment';

/** Who is asking: `no-accounts` on a backend without a user pool, where everything is offered. */
export type Asker = Role | 'no-accounts' | null;

/**
 * The permission table, as the server's `@auth` rules hold it. Office: everything. Crew: read
 * sites; create and update jobs, never delete them (a checklist item is part of its job); their
 * own notes and photos. Viewer, or a person in no crew group: read only.
 */
const CREW: Readonly<Record<Subject, readonly Action[]>> = {
  Site: [],
  Job: ['create', 'update'],
  FieldNote: ['create', 'update', 'delete'],
  Attachment: ['create', 'update', 'delete'],
};

/**
 * Whether the screens offer `action` on `subject`. `own` is false for a note or photo someone
 * else added: Crew may change only their own. The server decides in the end; this only keeps
 * the user from starting what it would refuse.
 */
export function mayDo(asker: Asker, action: Action, subject: Subject, own = true): boolean {
  if (asker === 'no-accounts' || asker === 'Office') return true;
  if (asker !== 'Crew') return false;
  const ownedOnly = subject === 'FieldNote' || subject === 'Attachment';
  return CREW[subject].includes(action) && (own || !ownedOnly);
}
