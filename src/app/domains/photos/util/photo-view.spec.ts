import { uploadWaitReason } from './photo-view';

describe('uploadWaitReason', () => {
  it('tells no connection from a failed upload, whichever way the browser words a lost connection', () => {
    for (const problem of ['Network Error', 'A network error has occurred.', 'Failed to fetch', 'Load failed']) {
      expect(uploadWaitReason(true, problem))
        .withContext(problem)
        .toBe('Uploads once the server can be reached; trying again.');
    }
    expect(uploadWaitReason(true, 'Access Denied')).toBe('Last upload attempt failed (Access Denied); trying again.');
  });

  it('offline, says the photo waits for the device to be online, whatever the last attempt met', () => {
    expect(uploadWaitReason(false, 'Access Denied')).toBe('Uploads once the device is online again.');
    expect(uploadWaitReason(false, null)).toBe('Uploads once the device is online again.');
  });

  it('online with nothing gone wrong, gives no reason', () => {
    expect(uploadWaitReason(true, null)).toBe('');
  });
});
