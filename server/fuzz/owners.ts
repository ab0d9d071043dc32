import { displayedOwner } from '../src/auth/record-rules.ts';
import type { SentMutation } from '../test/client-process.ts';
import type { Sent, Stored } from './oracle.ts';

/**
 * The `owner` of a record with an owner rule is the server's, filled in from the writer's token
 * (`sub::username`), not a field any client wrote: the oracles judge the fields clients wrote, and
 * owners are checked on their own (`wrongOwners`).
 */
export function withoutOwner<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([field]) => field !== 'owner')) as T;
}

/** Every version as the oracles read it: without its owner. */
export function historyWithoutOwners(history: Map<string, Stored[]>): Map<string, Stored[]> {
  return new Map([...history].map(([key, versions]) => [key, versions.map(withoutOwner)]));
}

/** Every version with its owner as the server shows it (the username), as devices hold it. */
export function historyAsShown(history: Map<string, Stored[]>): Map<string, Stored[]> {
  const shown = (version: Stored): Stored =>
    'owner' in version ? { ...version, owner: displayedOwner(version['owner']) as string } : version;
  return new Map([...history].map(([key, versions]) => [key, versions.map(shown)]));
}

/** A sent mutation with the owner left out of its answers, as the history is read. */
export function answeredWithoutOwner<T extends SentMutation>(sent: T): T {
  const data = sent.response?.data;
  if (!sent.response || !data) return sent;
  const answers = Object.fromEntries(
    Object.entries(data).map(([field, answer]) => [field, answer && withoutOwner(answer)]),
  );
  return { ...sent, response: { ...sent.response, data: answers } };
}

/** Versions whose owner is not `<sub>::<username>` of someone `signedIn` accepts. */
export function wrongOwners(history: Map<string, Stored[]>, signedIn: RegExp): string[] {
  return [...history].flatMap(([key, versions]) =>
    versions
      .filter(
        (version) =>
          'owner' in version &&
          !(/^[\w-]+::/.test(String(version['owner'])) && signedIn.test(String(displayedOwner(version['owner'])))),
      )
      .map((version) => `${key} version ${version._version} is owned by ${JSON.stringify(version['owner'])}`),
  );
}

/**
 * Records whose owner is not the person who created them: the server fills the owner in from the
 * token of the create it took (whatever the device sent), and no later write changes it. Every
 * create of one record comes from one device (a re-send carries the same token's user).
 */
export function ownersNotTheirCreators(history: Map<string, Stored[]>, sent: readonly Sent[]): string[] {
  return [...history].flatMap(([key, versions]) => {
    const [model, id] = key.split(':');
    const owner = versions[0]?.['owner'];
    if (owner === undefined || owner === null) return [];
    const creators = new Set(
      sent.filter((q) => q.field === `create${model}` && String(q.variables.input['id']) === id).map((q) => q.as),
    );
    const errors = creators.has(String(displayedOwner(owner)))
      ? []
      : [`${key} is owned by ${JSON.stringify(owner)}, not by whoever created it (${[...creators].join(', ')})`];
    for (const version of versions.slice(1)) {
      if (version['owner'] !== owner) errors.push(`${key} version ${version._version} changed its owner`);
    }
    return errors;
  });
}
