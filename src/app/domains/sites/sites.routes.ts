import { type Routes, type UrlMatcher, type UrlSegment } from '@angular/router';

/**
 * `/sites/:id` for one site, except the fixed word `new`: whatever order the routes end up in,
 * the detail page can never swallow the create form.
 */
export const siteDetailMatcher: UrlMatcher = (segments: UrlSegment[]) =>
  segments.length === 1 && segments[0].path !== 'new' ? { consumed: segments, posParams: { id: segments[0] } } : null;

export const SITES_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./feature-site-list/site-list').then((m) => m.SiteList),
    title: 'Sites · Fieldbook',
  },
  {
    path: 'new',
    loadComponent: () => import('./feature-site-form/site-form').then((m) => m.SiteForm),
    title: 'New site · Fieldbook',
  },
  {
    path: ':id/edit',
    loadComponent: () => import('./feature-site-form/site-form').then((m) => m.SiteForm),
    title: 'Edit site · Fieldbook',
  },
  {
    matcher: siteDetailMatcher,
    loadComponent: () => import('./feature-site-detail/site-detail').then((m) => m.SiteDetail),
    title: 'Site · Fieldbook',
  },
];
