import { type Routes } from '@angular/router';

export const ACCOUNT_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./feature-sign-in/sign-in').then((m) => m.SignIn),
    title: 'Sign in · Fieldbook',
  },
];
