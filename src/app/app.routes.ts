import { type Routes } from '@angular/router';

import { signedInGuard } from './domains/account/api';

export const routes: Routes = [
  {
    path: 'sign-in',
    loadChildren: () => import('./domains/account/account.routes').then((m) => m.ACCOUNT_ROUTES),
  },
  { path: '', canActivateChild: [signedInGuard], children: appRoutes() },
];

function appRoutes(): Routes {
  return [
    { path: '', pathMatch: 'full', redirectTo: 'jobs' },
    { path: 'jobs', loadChildren: () => import('./domains/jobs/jobs.routes').then((m) => m.JOBS_ROUTES) },
    { path: 'sites', loadChildren: () => import('./domains/sites/sites.routes').then((m) => m.SITES_ROUTES) },
    {
      path: 'dashboard',
      loadChildren: () => import('./domains/jobs/jobs.routes').then((m) => m.DASHBOARD_ROUTES),
    },
    {
      path: 'conflicts',
      loadChildren: () => import('./domains/sync/sync.routes').then((m) => m.CONFLICTS_ROUTES),
    },
    { path: 'settings', loadChildren: () => import('./domains/device/device.routes').then((m) => m.SETTINGS_ROUTES) },
    { path: '**', redirectTo: 'jobs' },
  ];
}
