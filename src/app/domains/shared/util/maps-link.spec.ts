import { mapsLink, opensMapsApp } from './maps-link';

const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Safari/604.1';
const DESKTOP = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';

describe('mapsLink', () => {
  const point = { latitude: 51.5074, longitude: -0.1278 };

  it('hands the point to the installed maps app on Android', () => {
    const link = mapsLink(point, ANDROID);
    expect(link).toBe('geo:51.5074,-0.1278?q=51.5074,-0.1278');
    expect(opensMapsApp(link)).toBeTrue();
  });

  it('opens a map page with a marker on the point elsewhere', () => {
    for (const userAgent of [IPHONE, DESKTOP]) {
      const link = mapsLink(point, userAgent);
      expect(link).toBe('https://www.openstreetmap.org/?mlat=51.5074&mlon=-0.1278#map=17/51.5074/-0.1278');
      expect(opensMapsApp(link)).toBeFalse();
    }
  });
});
