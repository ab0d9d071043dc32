import { DOCUMENT } from '@angular/common';
import { inject, InjectionToken } from '@angular/core';

export interface ReportShare {
  readonly title: string;
  readonly text: string;
  readonly url: string;
}

/** How this device passes a report on, or null when it has neither a share sheet nor a clipboard. */
export interface ReportSharing {
  /** What the button says: the share sheet where the device has one, else a copy to the clipboard. */
  readonly label: 'Share' | 'Copy summary';
  send(report: ReportShare): Promise<void>;
}

/** Opens the browser's print dialog, which also saves as PDF. */
export const PRINT_PAGE = new InjectionToken<() => void>('PRINT_PAGE', {
  providedIn: 'root',
  factory: () => {
    const view = inject(DOCUMENT).defaultView;
    return () => view?.print();
  },
});

export const REPORT_SHARING = new InjectionToken<ReportSharing | null>('REPORT_SHARING', {
  providedIn: 'root',
  factory: () => {
    const device = inject(DOCUMENT).defaultView?.navigator;
    // Desktop Chrome and Firefox have no share sheet; most phones do.
    if (typeof device?.share === 'function') return { label: 'Share', send: (report) => device.share(report) };
    const clipboard = device?.clipboard;
    if (clipboard)
      return { label: 'Copy summary', send: (report) => clipboard.writeText(`${report.text}\n\n${report.url}`) };
    return null;
  },
});

/** The user closed the share sheet: nothing went wrong. */
export function isCancelledShare(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
