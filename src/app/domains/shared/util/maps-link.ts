/**
 * A link that opens a point in a maps app. Nothing is fetched by Fieldbook: the link is built from
 * the stored coordinates, so it is there offline too.
 *
 * On Android a `geo:` URI hands the point to the maps app the person has installed (Google Maps,
 * Organic Maps, OsmAnd…), several of which keep maps for offline use. Other systems have no
 * `geo:` handler (iOS, desktops), so there the link is an OpenStreetMap page with a marker on the
 * point, which opens in the browser once there is a connection and shows the coordinates in its
 * address either way.
 */
export function mapsLink(
  point: { readonly latitude: number; readonly longitude: number },
  userAgent: string = globalThis.navigator?.userAgent ?? '',
): string {
  const { latitude: lat, longitude: lon } = point;
  if (/Android/i.test(userAgent)) return `geo:${lat},${lon}?q=${lat},${lon}`;
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

/** Whether `mapsLink` opens another app (the `geo:` case) rather than a web page. */
export function opensMapsApp(link: string): boolean {
  return link.startsWith('geo:');
}
