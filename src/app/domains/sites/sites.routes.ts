import { type Routes } from '@angular/router';

export const SITES_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./feature-site-list/site-list').then((m) => m.SiteList),
    title: 'Sites · Fieldbook',
  },
];
