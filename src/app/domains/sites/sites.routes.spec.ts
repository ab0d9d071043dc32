import { UrlSegment } from '@angular/router';

import { siteDetailMatcher } from './sites.routes';

const segments = (...paths: string[]) => paths.map((path) => new UrlSegment(path, {}));
const match = (...paths: string[]) => siteDetailMatcher(segments(...paths), null!, null!);

describe('site detail route', () => {
  it('matches /sites/:id and hands over the id', () => {
    expect(match('abc-123')?.posParams?.['id'].path).toBe('abc-123');
  });

  it('leaves /sites/new and /sites/:id/edit to the form routes', () => {
    expect(match('new')).toBeNull();
    expect(match('abc-123', 'edit')).toBeNull();
  });
});
