import { type Routes } from '@angular/router';

export const JOBS_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./feature-job-list/job-list').then((m) => m.JobList),
    title: 'Jobs · Fieldbook',
  },
  {
    path: 'new',
    loadComponent: () => import('./feature-job-form/job-form').then((m) => m.JobForm),
    title: 'New job · Fieldbook',
  },
  {
    path: ':id',
    loadComponent: () => import('./feature-job-detail/job-detail').then((m) => m.JobDetail),
    title: 'Job · Fieldbook',
  },
  {
    path: ':id/edit',
    loadComponent: () => import('./feature-job-form/job-form').then((m) => m.JobForm),
    title: 'Edit job · Fieldbook',
  },
  {
    path: ':id/report',
    loadComponent: () => import('./feature-job-report/job-report').then((m) => m.JobReport),
    title: 'Job report · Fieldbook',
  },
];

export const DASHBOARD_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./feature-dashboard/dashboard').then((m) => m.Dashboard),
    title: 'Dashboard · Fieldbook',
  },
];
