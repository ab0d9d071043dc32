import { type Routes } from '@angular/router';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'sites' },
  { path: 'sites', loadChildren: () => import('./domains/sites/sites.routes').then((m) => m.SITES_ROUTES) },
  { path: '**', redirectTo: 'sites' },
];
