import { DestroyRef, DOCUMENT, inject } from '@angular/core';
import { NavigationEnd, NavigationStart, Router } from '@angular/router';

/** How long a page may take to show its heading (a record read from the device) before focus is left alone. */
const HEADING_WAIT_MS = 5_000;

/**
 * After a move to another page, focus goes to its main heading (`main h1`, made focusable with
 * tabindex=-1), so screen readers announce the new page and Tab continues from its top instead of
 * from the link that was followed (often gone, which leaves focus on the body). The first page of a
 * visit keeps the browser's own start; a change of query or fragment alone is not a new page.
 * A page that reads its record first shows its heading a moment later: focus waits for it, unless
 * the user has moved focus in the meantime.
 */
export function focusMainHeadingOnNavigation(): void {
  const router = inject(Router);
  const document = inject(DOCUMENT);
  let path: string | null = null;
  let fromHistory = false;
  let stopWaiting = (): void => undefined;

  const subscription = router.events.subscribe((event) => {
    if (event instanceof NavigationStart) fromHistory = event.navigationTrigger === 'popstate';
    if (!(event instanceof NavigationEnd)) return;
    const next = event.urlAfterRedirects.split(/[?#]/)[0] ?? '';
    const first = path === null;
    const moved = next !== path;
    path = next;
    if (first || !moved) return;
    stopWaiting();
    // Back and forward leave scrolling to the browser; a new page starts at its top.
    if (!fromHistory) document.defaultView?.scrollTo(0, 0);
    stopWaiting = focusHeadingWhenShown(document);
  });
  inject(DestroyRef).onDestroy(() => {
    subscription.unsubscribe();
    stopWaiting();
  });
}

function focusHeadingWhenShown(document: Document): () => void {
  const main = document.getElementById('main');
  const window = document.defaultView;
  if (!main || !window) return () => undefined;
  const focusedBefore = document.activeElement;
  const tryFocus = (): boolean => {
    const heading = main.querySelector('h1');
    if (!heading?.textContent?.trim()) return false;
    const focused = document.activeElement;
    const userMovedOn = focused && focused !== document.body && focused !== focusedBefore && focused.isConnected;
    if (!userMovedOn) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    return true;
  };
  let observer: MutationObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    observer?.disconnect();
    if (timer !== undefined) clearTimeout(timer);
    window.cancelAnimationFrame(frame);
  };
  // The new page renders after NavigationEnd: look once it has painted, then on every change until it shows.
  const frame = window.requestAnimationFrame(() => {
    if (tryFocus()) return;
    observer = new MutationObserver(() => {
      if (tryFocus()) stop();
    });
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    timer = setTimeout(stop, HEADING_WAIT_MS);
  });
  return stop;
}
