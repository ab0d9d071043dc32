import { Injectable } from '@angular/core';

/**
 * Where the jobs list was left in this tab: how far it was scrolled and how many cards it showed, so
 * coming back from a job finds the same cards on screen. Kept in memory only: a reload starts at the top.
 */
@Injectable({ providedIn: 'root' })
export class JobListPosition {
  scrollY = 0;
  shown = 0;
}
