/** Where the crew member's name from Settings is kept on this device (read by "Mine" and history). */
export const CREW_MEMBER_KEY = 'fieldbook.crewMember';
const DEVICE_ID_KEY = 'fieldbook.deviceId';

/** The signed-in person's name; '' on a project without accounts or with nobody signed in. */
let signedInName = '';

/** The account session names who is signed in; their name then stands for the typed one. */
export function setSignedInName(name: string): void {
  signedInName = name;
}

export function isNameFromAccount(): boolean {
  return signedInName !== '';
}

/**
 * Who is using this device: the signed-in person, else the crew member named in Settings, or ''
 * (storage blocked counts as no name).
 */
export function crewMemberName(): string {
  if (signedInName) return signedInName;
  try {
    return globalThis.localStorage?.getItem(CREW_MEMBER_KEY) ?? '';
  } catch {
    return ''; // storage blocked (private mode, policy): the app still works, "Mine" just stays empty
  }
}

/** Names (or, with a blank name, forgets) the crew member using this device. */
export function saveCrewMemberName(name: string): void {
  const trimmed = name.trim();
  if (trimmed) globalThis.localStorage.setItem(CREW_MEMBER_KEY, trimmed);
  else globalThis.localStorage.removeItem(CREW_MEMBER_KEY);
}

/** How this device names itself in a record's history: its kind and a short id that stays put. */
export function deviceLabel(userAgent = globalThis.navigator?.userAgent ?? ''): string {
  return `${deviceKind(userAgent)} · ${deviceId()}`;
}

function deviceKind(userAgent: string): string {
  if (/iPad|Tablet/i.test(userAgent)) return 'Tablet';
  if (/Android|iPhone|Mobile/i.test(userAgent)) return 'Phone';
  return 'Computer';
}

function deviceId(): string {
  try {
    let id = localStorage.getItem(DEVICE_ID_KEY);
    if (!id) {
      id = crypto.randomUUID().slice(0, 4).toUpperCase();
      localStorage.setItem(DEVICE_ID_KEY, id);
    }
    return id;
  } catch {
    return 'unnamed';
  }
}
