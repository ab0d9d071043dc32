import { type Routes } from '@angular/router';

export const CONFLICTS_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./feature-conflicts/conflicts').then((m) => m.Conflicts),
    title: 'Conflicts · Fieldbook',
  },
];
