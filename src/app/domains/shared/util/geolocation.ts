/** Where the device is, as a site or a field note stores it. */
export interface DevicePosition {
  readonly latitude: number;
  readonly longitude: number;
  /** Radius of the 68 % circle around the point, rounded to whole metres. */
  readonly accuracyMeters: number;
}

/** A position could not be had; `message` says why in words the person can act on. */
export class LocationUnavailable extends Error {
  constructor(
    message: string,
    readonly reason: 'unsupported' | 'denied' | 'unavailable' | 'timeout',
  ) {
    super(message);
    this.name = 'LocationUnavailable';
  }
}

const PERMISSION_DENIED = 1;
const POSITION_UNAVAILABLE = 2;

/**
 * A fresh fix is worth waiting for in the field (a cold GPS can take 10-20 s); a minute-old one is
 * good enough for a note taken where the person stands. GPS needs no network, so this works offline.
 */
const OPTIONS: PositionOptions = { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 };

/** Whether this browser can be asked for the device's position at all. */
export function canLocate(geolocation: Geolocation | null = globalThis.navigator?.geolocation ?? null): boolean {
  return !!geolocation;
}

/** The device's position, or a `LocationUnavailable` saying why not. */
export function locateDevice(
  geolocation: Geolocation | null = globalThis.navigator?.geolocation ?? null,
): Promise<DevicePosition> {
  if (!geolocation) {
    return Promise.reject(new LocationUnavailable('This browser cannot share the device’s location.', 'unsupported'));
  }
  return new Promise((resolve, reject) =>
    geolocation.getCurrentPosition(
      ({ coords }) =>
        resolve({
          latitude: coords.latitude,
          longitude: coords.longitude,
          accuracyMeters: Math.round(coords.accuracy),
        }),
      (error) => reject(locationProblem(error)),
      OPTIONS,
    ),
  );
}

/** What went wrong, by the error's code: the browser's own message is often empty or technical. */
export function locationProblem(error: Pick<GeolocationPositionError, 'code'>): LocationUnavailable {
  switch (error.code) {
    case PERMISSION_DENIED:
      return new LocationUnavailable(
        'Fieldbook is not allowed to use this device’s location. Allow location for this site in the browser’s settings, then try again.',
        'denied',
      );
    case POSITION_UNAVAILABLE:
      return new LocationUnavailable(
        'This device cannot tell where it is right now. Check that location is on, or try again outdoors.',
        'unavailable',
      );
    default:
      return new LocationUnavailable(
        'Finding the location took too long. Try again outdoors, away from buildings.',
        'timeout',
      );
  }
}

/** "51.507400, -0.127800": six decimals is about 10 cm, finer than any phone's fix. */
export function formatCoordinates(point: { readonly latitude: number; readonly longitude: number }): string {
  return `${point.latitude.toFixed(6)}, ${point.longitude.toFixed(6)}`;
}
