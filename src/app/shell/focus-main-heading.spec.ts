import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, RouterOutlet } from '@angular/router';
import { render, screen } from '@testing-library/angular';

import { gate } from '../../../testing/gate';
import { focusMainHeadingOnNavigation } from './focus-main-heading';

@Component({
  template: `<h1>Jobs</h1>
    <button type="button">Filters</button>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class ListPage {}

/** Opened by the test: the slow page's record has been read. */
let recordRead = gate();

/** Like a job page: the heading shows once the record has been read. */
@Component({
  template: `@if (loaded()) {
      <h1>Replace valve actuator</h1>
    } @else {
      <p>Loading job…</p>
    }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class SlowPage {
  protected readonly loaded = signal(false);
  constructor() {
    void recordRead.opened.then(() => this.loaded.set(true));
  }
}

@Component({
  imports: [RouterOutlet],
  template: `<main id="main" tabindex="-1"><router-outlet /></main>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Shell {
  constructor() {
    focusMainHeadingOnNavigation();
  }
}

async function focusedHeading(text: string): Promise<HTMLElement> {
  for (let tries = 0; tries < 100; tries++) {
    const focused = document.activeElement as HTMLElement | null;
    if (focused?.tagName === 'H1' && focused.textContent?.trim() === text) return focused;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`focus is on ${document.activeElement?.tagName} “${document.activeElement?.textContent?.trim()}”`);
}

describe('focusMainHeadingOnNavigation', () => {
  beforeEach(async () => {
    recordRead = gate();
    await render(Shell, {
      providers: [
        provideRouter([
          { path: 'jobs', component: ListPage },
          { path: 'jobs/:id', component: SlowPage },
        ]),
      ],
    });
  });

  it('leaves the first page alone, then focuses each new page’s heading, also one that shows late', async () => {
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/jobs');
    expect(document.activeElement?.tagName).not.toBe('H1');

    await router.navigateByUrl('/jobs/1');
    await screen.findByText('Loading job…');
    recordRead.open();
    const heading = await focusedHeading('Replace valve actuator');
    expect(heading.getAttribute('tabindex')).toBe('-1');

    await router.navigateByUrl('/jobs');
    await focusedHeading('Jobs');
  });

  it('does not move focus when only the query changes', async () => {
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/jobs');
    recordRead.open();
    await router.navigateByUrl('/jobs/1');
    await focusedHeading('Replace valve actuator');
    (document.querySelector('main') as HTMLElement).focus();

    await router.navigateByUrl('/jobs/1?tab=notes');
    // A new page's focus is tried in the frame after NavigationEnd, before this later request's.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(document.activeElement?.tagName).toBe('MAIN');
  });
});
