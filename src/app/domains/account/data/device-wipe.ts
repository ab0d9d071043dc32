import { fetchUserAttributes, signOut } from 'aws-amplify/auth';

import { clearLocalData } from '../../sync/api';
import { type WipeAnswer } from '../util/contact-gate';
import { parseWipeNotice, WIPE_MARK_ATTRIBUTE, wipeMarkApplies, type WipeNotice } from '../util/wipe-mark';
import { storedClaims } from './stored-tokens';

const WIPE_NOTICE_KEY = 'fieldbook.wiped';

/** The user pool's definitive refusals of a session; anything else (network, throttling) may pass. */
const SESSION_REFUSED = /^(NotAuthorized|UserUnAuthenticated|UserNotFound|PasswordResetRequired|UserNotConfirmed)/;

/**
 * Asks the user pool (GetUser: the device's contact with the server) whether the office marked this
 * person's devices to be erased since this device signed in.
 */
export async function wipeAnswerForThisDevice(): Promise<WipeAnswer> {
  let attributes: Awaited<ReturnType<typeof fetchUserAttributes>>;
  try {
    attributes = await fetchUserAttributes();
  } catch (error) {
    return SESSION_REFUSED.test((error as Error | null)?.name ?? '') ? 'refused' : 'unreachable';
  }
  const claims = await storedClaims();
  return wipeMarkApplies(attributes[WIPE_MARK_ATTRIBUTE], claims?.['auth_time']) ? 'erase' : 'keep';
}

/**
 * Erases everything Fieldbook keeps in this browser profile: the device store with its outbox
 * (through DataStore, which stops syncing first, while the session still lets it), every other
 * database (photos), drafts, the tokens (the refresh token is revoked on the server when it can be
 * reached) and the tab's memory. The app
 * itself stays cached: it is not the crew's data, and the person may sign in again.
 */
export async function eraseThisDevice(notice: WipeNotice): Promise<void> {
  await clearLocalData();
  await signOut().catch(() => undefined);
  const databases = (await globalThis.indexedDB.databases?.().catch(() => [])) ?? [];
  await Promise.all(databases.map(({ name }) => (name ? deleteDatabase(name) : undefined)));
  globalThis.localStorage.clear();
  globalThis.sessionStorage.clear();
  globalThis.localStorage.setItem(WIPE_NOTICE_KEY, JSON.stringify(notice));
}

/** Another tab still holding the database blocks its deletion until it reloads, which it is told to do. */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = globalThis.indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => resolve();
  });
}

export function wipeNotice(): WipeNotice | null {
  try {
    return parseWipeNotice(globalThis.localStorage?.getItem(WIPE_NOTICE_KEY) ?? null);
  } catch {
    return null;
  }
}

/** Someone signed in again: the notice has been seen. */
export function forgetWipeNotice(): void {
  try {
    globalThis.localStorage.removeItem(WIPE_NOTICE_KEY);
  } catch {
    // Storage blocked: there is no notice to forget either.
  }
}
