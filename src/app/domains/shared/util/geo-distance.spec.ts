import { distanceKm, formatDistance } from './geo-distance';

describe('distanceKm', () => {
  it('measures known distances along the earth', () => {
    const london = { latitude: 51.5074, longitude: -0.1278 };
    const paris = { latitude: 48.8566, longitude: 2.3522 };
    expect(distanceKm(london, paris)).toBeCloseTo(343.5, 0);
    expect(distanceKm(london, london)).toBe(0);
    // 0.01° of latitude is about 1.11 km anywhere.
    expect(distanceKm({ latitude: 10, longitude: 5 }, { latitude: 10.01, longitude: 5 })).toBeCloseTo(1.112, 2);
  });
});

describe('formatDistance', () => {
  it('says metres close by, one decimal under 10 km and whole kilometres beyond', () => {
    expect(formatDistance(0.347, 'en')).toBe('350 m');
    expect(formatDistance(0.001, 'en')).toBe('10 m');
    expect(formatDistance(2.44, 'en')).toBe('2.4 km');
    expect(formatDistance(2.44, 'de')).toBe('2,4 km');
    expect(formatDistance(18.3, 'en')).toBe('18 km');
  });
});
