/** The parts of DataStore's SyncError that decide what to tell the user. */
export interface SyncErrorFacts {
  readonly message?: string;
  readonly errorType?: string;
  readonly process?: string;
  readonly model?: string;
}

import { modelLabel } from '../../shared/util/model-names';

export { modelLabel } from '../../shared/util/model-names';

export function isNetworkFailure(message: string | undefined): boolean {
  return /network error|failed to fetch|network request failed|load failed/i.test(message ?? '');
}

/** Turns a DataStore sync error into one sentence a technician can act on. */
export function describeSyncError(error: SyncErrorFacts): string {
  const what = modelLabel(error.model);
  const sending = error.process === 'mutate';
  if (isNetworkFailure(error.message)) {
    return sending
      ? `Could not reach the sync server to send a ${what} change. Your version is kept under Conflicts: tap Retry when you have signal.`
      : 'Could not reach the sync server. Your changes stay on this device and sync when it is reachable.';
  }
  switch (error.errorType) {
    case 'Unauthorized':
      return 'The sync server did not let this device in. Changes stay on this device; sign in again, or ask the office to check your account and the app’s settings.';
    case 'ConfigError':
      return 'Sync is not set up correctly on this device. Changes stay on this device; ask whoever runs the server to check the app’s settings.';
    case 'BadModel':
    case 'BadRecord':
      return `The sync server sent a ${what} this version of the app cannot read. Update the app; your own changes are kept.`;
    case 'Transient':
      return 'The sync server is having trouble right now. Your changes stay on this device and sync later.';
    default:
      return sending
        ? `The server refused a ${what} change (${error.message ?? 'no reason given'}). Your version is kept under Conflicts.`
        : `Sync problem: ${error.message ?? 'unknown error'}. Your changes stay on this device.`;
  }
}
