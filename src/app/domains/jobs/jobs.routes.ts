import { type Routes } from '@angular/router';

export const JOBS_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./feature-job-list/job-list').then((m) => m.JobList),
    title: 'Jobs · Fieldbook',
  },
];
