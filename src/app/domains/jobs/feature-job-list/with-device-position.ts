import { patchState, signalStoreFeature, withMethods, withState } from '@ngrx/signals';

import { type Site } from '../../../../models';
import { distanceKm } from '../../shared/util/geo-distance';
import { type DevicePosition, locateDevice, LocationUnavailable } from '../../shared/util/geolocation';

interface DevicePositionState {
  /** Where the device was when the user asked for jobs near them; kept for this visit only. */
  readonly here: DevicePosition | null;
  readonly locating: boolean;
  readonly locationProblem: string | null;
}

/**
 * "Near me": the device's position, asked for only when the user sorts by distance (GPS works
 * offline); `sitesNear` turns it into each site's distance.
 */
export function withDevicePosition() {
  return signalStoreFeature(
    withState<DevicePositionState>({ here: null, locating: false, locationProblem: null }),
    withMethods((store) => ({
      async locate(): Promise<void> {
        patchState(store, { locating: true, locationProblem: null });
        try {
          patchState(store, { here: await locateDevice(), locating: false });
        } catch (error: unknown) {
          const message =
            error instanceof LocationUnavailable ? error.message : 'The device’s location could not be read.';
          patchState(store, { locating: false, locationProblem: `${message} Jobs stay sorted by due date.` });
        }
      },
    })),
  );
}

/** Kilometres from `here` by site id, for sites with a location; empty until the device is located. */
export function sitesNear(
  here: DevicePosition | null,
  sites: readonly Pick<Site, 'id' | 'location'>[],
): ReadonlyMap<string, number> {
  if (!here) return new Map();
  return new Map(sites.flatMap((site) => (site.location ? [[site.id, distanceKm(here, site.location)] as const] : [])));
}
