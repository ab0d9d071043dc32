import { type Routes } from '@angular/router';

export const SETTINGS_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./feature-settings/settings').then((m) => m.Settings),
    title: 'Settings · Fieldbook',
  },
];
