import { localLedger } from './local-ledger';

/**
 * The records this device created, kept in localStorage: when the office moves a site to another
 * crew while a crew member's phone is offline, the jobs and notes the phone made on it meanwhile
 * reach the server in the old crew's scope, and only the phone that made them takes them on to the
 * new crew (sync/data/scope-eviction.ts). The newest are kept; a record older than the last of them
 * was long answered, before any move it could have missed. Only the sync leader writes here.
 */
const ledger = localLedger<true>('fieldbook.madeHere', 'object', 2_000);

export function noteMadeHere(model: string, id: string): void {
  ledger.update((all) => all.set(`${model}:${id}`, true));
}

export function madeHere(model: string, id: string): boolean {
  return ledger.read().has(`${model}:${id}`);
}
