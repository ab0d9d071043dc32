import {
  GETTING_READY_TEXT,
  NOT_READY_OFFLINE_TEXT,
  offlineReadinessMessage,
  READY_TEXT,
} from './offline-readiness-message';

describe('offlineReadinessMessage', () => {
  it('says the app is getting ready while its files are still being stored online', () => {
    expect(offlineReadinessMessage({ supported: true, ready: false, online: true })).toBe(
      'Getting ready for offline use…',
    );
    expect(GETTING_READY_TEXT).toBe('Getting ready for offline use…');
  });

  it('asks to reconnect when the connection drops before the app is stored', () => {
    expect(offlineReadinessMessage({ supported: true, ready: false, online: false })).toBe(
      'Not ready for offline yet: reconnect for a moment',
    );
    expect(NOT_READY_OFFLINE_TEXT).toBe('Not ready for offline yet: reconnect for a moment');
  });

  it('says ready once stored, online or not', () => {
    expect(offlineReadinessMessage({ supported: true, ready: true, online: true })).toBe(READY_TEXT);
    expect(offlineReadinessMessage({ supported: true, ready: true, online: false })).toBe('Ready to work offline');
  });

  it('says nothing where no service worker can keep the app', () => {
    expect(offlineReadinessMessage({ supported: false, ready: false, online: true })).toBeNull();
    expect(offlineReadinessMessage({ supported: false, ready: false, online: false })).toBeNull();
  });
});
