import { InjectionToken } from '@angular/core';

/** The device clock, injectable so "today" and "overdue" can be tested on a fixed date. */
export const CLOCK = new InjectionToken<() => Date>('CLOCK', { providedIn: 'root', factory: () => () => new Date() });

/** The calendar date on this device (not UTC), as AWSDate `YYYY-MM-DD`: due dates are local days. */
export function localDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2024-02-30). */
export function isValidDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}
