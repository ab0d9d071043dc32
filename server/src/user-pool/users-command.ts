import type { CrewDirectory } from '../crews/crew-directory.ts';
import type { UserPoolAdmin } from './admin.ts';
import { TEMPORARY_PASSWORD_DAYS } from './passwords.ts';
import { type Group, GROUPS } from './user-store.ts';

export const USERS_USAGE = `usage: npm run users -- <command>   (on FIELDBOOK_DB, default .data/fieldbook.sqlite)
  add <email> --name "<name>" --group <Office|Crew|Viewer>   invite a user; prints a temporary password once
  list                                                       every user, their group and state
  set-group <email> --group <Office|Crew|Viewer>
  disable <email>                                            no more sign-ins; every session ends
  enable <email>
  reset-password <email>                                     a new temporary password; every session ends
  sign-out-everywhere <email>                                refresh tokens revoked; access tokens end within the hour
  wipe-devices <email>                                       erase the data on the user's devices at their next contact
  crews                                                      every crew, its group and its members
  crew create "<name>" [--id <id>]                           a new crew (its id is made from the name unless given)
  crew add <crew id> <email>                                 put a Crew or Office user in a crew (at most 4 crews each)
  crew remove <crew id> <email>                              take them out`;

class UsageError extends Error {}

/** `--flag value` pairs and the remaining positional words. */
function parseArgs(args: readonly string[]): { words: string[]; flags: Map<string, string> } {
  const words: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) words.push(arg);
    else if (i + 1 < args.length) flags.set(arg.slice(2), args[++i] as string);
    else throw new UsageError(`${arg} needs a value`);
  }
  return { words, flags };
}

function groupOf(value: string | undefined): Group {
  const group = GROUPS.find((g) => g.toLowerCase() === value?.toLowerCase());
  if (!group) throw new UsageError(`--group must be one of ${GROUPS.join(', ')}`);
  return group;
}

const stamp = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

function crewCommand(admin: UserPoolAdmin, crews: CrewDirectory, words: string[], flags: Map<string, string>): string {
  const [, action, crewId, email] = words;
  if (action === 'create') {
    if (!crewId) throw new UsageError('crew create needs a name');
    const crew = crews.create(crewId, flags.get('id'));
    return `created crew ${crew.id} (${crew.name}); its members are in the group ${crew.group}`;
  }
  if (action !== 'add' && action !== 'remove') throw new UsageError(`unknown crew command ${action ?? ''}`.trim());
  if (!crewId || !email) throw new UsageError(`crew ${action} needs a crew id and an email address`);
  const crew = crews.get(crewId);
  if (!crew) throw new Error(`no crew ${crewId}`);
  admin.setInCrew(email, crew.group, action === 'add');
  const change = action === 'add' ? `now works in ${crew.name}` : `no longer works in ${crew.name}`;
  return `${email} ${change} (in their tokens from the next refresh, within the hour)`;
}

function crewList(admin: UserPoolAdmin, crews: CrewDirectory): string {
  const rows = crews.list().map((crew) =>
    [
      crew.id,
      crew.name,
      crew.group,
      admin
        .membersOf(crew.group)
        .map((u) => u.username)
        .join(' '),
    ].join('\t'),
  );
  return rows.length ? ['crew\tname\tgroup\tmembers', ...rows].join('\n') : 'no crews yet';
}

function run(admin: UserPoolAdmin, crews: CrewDirectory, args: readonly string[]): string {
  const { words, flags } = parseArgs(args);
  const [command, email] = words;
  if (command === 'crews') return crewList(admin, crews);
  if (command === 'crew') return crewCommand(admin, crews, words, flags);
  if (command === 'list') {
    const rows = admin
      .list()
      .map((u) =>
        [
          u.username,
          u.name,
          [u.group, ...admin.groupsOf(u.username)].join(' '),
          u.enabled ? u.status : 'DISABLED',
          u.wipeRequestedAt ? `wipe since ${stamp(u.wipeRequestedAt)}` : '',
        ].join('\t'),
      );
    return rows.length ? ['email\tname\tgroup\tstate\t', ...rows].join('\n') : 'no users yet';
  }
  if (!email) throw new UsageError(command ? `${command} needs an email address` : 'no command given');
  switch (command) {
    case 'add': {
      const name = flags.get('name');
      if (!name?.trim()) throw new UsageError('add needs --name "<name>"');
      const group = groupOf(flags.get('group'));
      const password = admin.add(email, name.trim(), group);
      return `added ${email.toLowerCase()} (${name.trim()}, ${group})\ntemporary password, shown only now: ${password}\nthey sign in with it within ${TEMPORARY_PASSWORD_DAYS} days and then choose their own`;
    }
    case 'set-group': {
      const group = groupOf(flags.get('group') ?? words[2]);
      admin.setGroup(email, group);
      return `${email} is now in ${group} (in their tokens from the next refresh)`;
    }
    case 'disable':
    case 'enable':
      admin.setEnabled(email, command === 'enable');
      return `${email} ${command}d`;
    case 'reset-password':
      return `new temporary password for ${email}, shown only now: ${admin.resetPassword(email)}`;
    case 'sign-out-everywhere':
      return `${email}: ${admin.signOutEverywhere(email)} sessions revoked; access tokens already issued end within the hour`;
    case 'wipe-devices':
      admin.wipeDevices(email);
      return `${email}: devices signed in until now erase their Fieldbook data at their next contact`;
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** Runs one users command; its output and the exit code (2 for a usage error, 1 for a refusal). */
export function usersCommand(
  admin: UserPoolAdmin,
  crews: CrewDirectory,
  args: readonly string[],
): { output: string; code: number } {
  try {
    return { output: run(admin, crews, args), code: 0 };
  } catch (error) {
    if (error instanceof UsageError) return { output: `${error.message}\n${USERS_USAGE}`, code: 2 };
    if (error instanceof Error) return { output: error.message, code: 1 };
    throw error;
  }
}
