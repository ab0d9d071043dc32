import { relativeTime } from '../../shared/util/relative-time';
import { describeSyncError } from './describe-sync-error';

describe('describeSyncError', () => {
  it('tells the crew a dropped change was kept when the server could not be reached', () => {
    const text = describeSyncError({ message: 'A network error has occurred.', process: 'mutate', model: 'Job' });
    expect(text).toBe(
      'Could not reach the sync server to send a job change. Your version is kept under Conflicts: tap Retry when you have signal.',
    );
  });

  it('explains a refusal of the device’s sign-in without jargon', () => {
    const text = describeSyncError({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access syncSites',
      process: 'sync',
    });
    expect(text).toContain('did not let this device in');
    expect(text).toContain('sign in again');
    expect(text).not.toContain('syncSites');
  });

  it('names the kind of record a server refused', () => {
    const text = describeSyncError({
      errorType: 'Unknown',
      message: 'The conditional request failed',
      process: 'mutate',
      model: 'FieldNote',
    });
    expect(text).toBe(
      'The server refused a field note change (The conditional request failed). Your version is kept under Conflicts.',
    );
  });
});

describe('relativeTime', () => {
  const now = 1_800_000_000_000;
  it('reads like a person would say it', () => {
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now - 2 * 60_000, now)).toBe('2 min ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(relativeTime(now - 24 * 3_600_000, now)).toBe('1 day ago');
    expect(relativeTime(now - 4 * 24 * 3_600_000, now)).toBe('4 days ago');
  });
});
