import { describeDue, formatDay } from './due-date';

describe('describeDue', () => {
  const today = '2026-11-28';

  it('says today, tomorrow and how many days late in words', () => {
    expect(describeDue('2026-11-28', today, false)).toEqual({ text: 'Due today', overdue: false });
    expect(describeDue('2026-11-29', today, false)).toEqual({ text: 'Due tomorrow', overdue: false });
    expect(describeDue('2026-11-27', today, false)).toEqual({ text: 'Overdue 1 day', overdue: true });
    expect(describeDue('2026-11-25', today, false)).toEqual({ text: 'Overdue 3 days', overdue: true });
    expect(describeDue('2026-10-29', today, false)).toEqual({ text: 'Overdue 30 days', overdue: true });
  });

  it('gives other days as a weekday and date in the device’s language, never ISO', () => {
    expect(describeDue('2026-12-05', today, false, 'en-GB').text).toBe('Due Sat 5 Dec');
    expect(describeDue('2026-12-05', today, false, 'en-US').text).toBe('Due Sat, Dec 5');
    expect(describeDue('2026-12-05', today, false, 'de-DE').text).toBe('Due Sa., 5. Dez.');
    expect(describeDue('2026-12-05', today, false).text).not.toMatch(/\d{4}-\d{2}/);
  });

  it('adds the year only for another year, and does not call a finished job overdue', () => {
    expect(formatDay('2027-01-04', today, 'en-GB')).toBe('Mon, 4 Jan 2027');
    expect(describeDue('2026-11-20', today, true, 'en-GB')).toEqual({ text: 'Due Fri 20 Nov', overdue: false });
  });
});
