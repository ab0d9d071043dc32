import { errorMessage, failure, isStorageFull } from './error-message';

describe('error messages', () => {
  it('tells the user plainly when the device is out of storage, and that saved work is safe', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

    expect(isStorageFull(quota)).toBeTrue();
    expect(failure('The job was not saved', quota)).toBe(
      'The job was not saved: this device is out of storage space. Everything saved before is still here. ' +
        'Free up some space on the device (old photos, videos or apps), then try again.',
    );
  });

  it('passes other reasons through', () => {
    expect(isStorageFull(new Error('Data integrity error'))).toBeFalse();
    expect(errorMessage(new Error('Data integrity error'))).toBe('Data integrity error');
    expect(errorMessage('offline')).toBe('offline');
  });
});
