import { canLocate, formatCoordinates, locateDevice, LocationUnavailable } from './geolocation';

/** A stand-in for `navigator.geolocation` that answers the way a browser does. */
function geolocationThat(answer: { coords?: Partial<GeolocationCoordinates>; code?: number }): Geolocation {
  return {
    getCurrentPosition: (success: PositionCallback, failure?: PositionErrorCallback | null) => {
      if (answer.coords) success({ coords: answer.coords } as GeolocationPosition);
      else failure?.({ code: answer.code ?? 0, message: '' } as GeolocationPositionError);
    },
  } as Geolocation;
}

describe('locateDevice', () => {
  it('gives the position with its accuracy in whole metres', async () => {
    const position = await locateDevice(
      geolocationThat({ coords: { latitude: 48.8583701, longitude: 2.2944813, accuracy: 12.4 } }),
    );
    expect(position).toEqual({ latitude: 48.8583701, longitude: 2.2944813, accuracyMeters: 12 });
  });

  it('says what to do when location is not allowed, even when the browser gives no message', async () => {
    await expectAsync(locateDevice(geolocationThat({ code: 1 }))).toBeRejectedWith(
      jasmine.objectContaining({
        reason: 'denied',
        message: jasmine.stringMatching(/not allowed to use this device’s location\. Allow location/),
      }),
    );
  });

  it('tells "no fix" and "too slow" apart from a refusal', async () => {
    await expectAsync(locateDevice(geolocationThat({ code: 2 }))).toBeRejectedWith(
      jasmine.objectContaining({ reason: 'unavailable', message: jasmine.stringMatching(/cannot tell where it is/) }),
    );
    await expectAsync(locateDevice(geolocationThat({ code: 3 }))).toBeRejectedWith(
      jasmine.objectContaining({ reason: 'timeout', message: jasmine.stringMatching(/took too long/) }),
    );
  });

  it('says so when the browser has no geolocation', async () => {
    expect(canLocate(null)).toBeFalse();
    const failure = await locateDevice(null).catch((error: unknown) => error);
    expect(failure).toEqual(jasmine.any(LocationUnavailable));
    expect((failure as LocationUnavailable).reason).toBe('unsupported');
  });

  it('shows coordinates to six decimals', () => {
    expect(formatCoordinates({ latitude: 51.5074, longitude: -0.1278 })).toBe('51.507400, -0.127800');
  });
});
