/** How a card says when a job is due, and whether that is late. */
export interface DueLabel {
  readonly text: string;
  readonly overdue: boolean;
}

const DAY_MS = 86_400_000;

/**
 * "Due today", "Due tomorrow", "Overdue 3 days" or "Due Sat 28 Nov" (in the device's language and
 * date order): a crew scans for what is late or near, not for a calendar date. `dueDate` and
 * `today` are local calendar dates `YYYY-MM-DD`; a finished job is never overdue.
 */
export function describeDue(dueDate: string, today: string, finished: boolean, locale?: string): DueLabel {
  const days = Math.round((dayNumber(dueDate) - dayNumber(today)) / DAY_MS);
  if (days < 0 && !finished) return { text: `Overdue ${-days} ${-days === 1 ? 'day' : 'days'}`, overdue: true };
  if (days === 0) return { text: 'Due today', overdue: false };
  if (days === 1) return { text: 'Due tomorrow', overdue: false };
  return { text: `Due ${formatDay(dueDate, today, locale)}`, overdue: false };
}

/** "Sat 28 Nov" (en-GB), "Sat, Nov 28" (en-US); the year only when it is not this year's. */
export function formatDay(date: string, today: string, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(date.slice(0, 4) === today.slice(0, 4) ? {} : { year: 'numeric' }),
    // The date is a calendar day, not an instant: UTC on both sides keeps it from shifting.
    timeZone: 'UTC',
  });
  return format.format(dayNumber(date));
}

function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1);
}
