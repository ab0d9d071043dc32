import { Injectable } from '@angular/core';

/**
 * Cards added at a time. The page scrolls as one (no scroller inside the page) and cards grow with
 * their text, so rows are added as the user nears the end rather than virtualised at a fixed height:
 * 10,000 jobs cost 40 cards until someone scrolls through them.
 */
export const JOB_PAGE_SIZE = 40;

/**
 * Where the jobs list was left in this tab: how far it was scrolled and how many cards it showed, so
 * coming back from a job finds the same cards on screen. Kept in memory only: a reload starts at the top.
 */
@Injectable({ providedIn: 'root' })
export class JobListPosition {
  scrollY = 0;
  shown = 0;
}
