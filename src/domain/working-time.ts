// Working-day arithmetic in a person's time zone: "remind me later" and reminder intervals skip weekends and holidays.
import { DateTime } from 'luxon';
import { DomainError } from './errors.ts';

/** Which days are worked and when the working day starts, in local time. */
export interface WorkingCalendar {
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
  days: readonly number[];
  /** Local calendar dates (YYYY-MM-DD) that are not worked. */
  holidays: readonly string[];
  /** Start of the working day, minutes after local midnight (9:00 = 540). */
  startMinutes: number;
}

export const DEFAULT_CALENDAR: WorkingCalendar = { days: [1, 2, 3, 4, 5], holidays: [], startMinutes: 9 * 60 };

/**
 * Builds a calendar from the configuration's text forms: `WORKING_DAYS` ("1,2,3,4,5"), `WORKING_HOURS`
 * ("09:00-17:00", only the start is used) and `HOLIDAYS` (ISO dates).
 */
export function calendarFrom(workingDays: string, workingHours: string, holidays: readonly string[] = []): WorkingCalendar {
  const days = [...new Set(workingDays.split(',').map((d) => Number(d.trim())))].filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  const m = /^(\d\d):(\d\d)/.exec(workingHours);
  if (days.length === 0) throw new DomainError('INVALID_INPUT', `no working day in "${workingDays}"`);
  if (!m) throw new DomainError('INVALID_INPUT', `working hours "${workingHours}" must look like 09:00-17:00`);
  const startMinutes = Number(m[1]) * 60 + Number(m[2]);
  if (startMinutes >= 24 * 60) throw new DomainError('INVALID_INPUT', `working hours "${workingHours}" start after midnight`);
  return { days, holidays: [...holidays], startMinutes };
}

function isWorkingDay(day: DateTime, cal: WorkingCalendar): boolean {
  return cal.days.includes(day.weekday) && !cal.holidays.includes(day.toISODate() ?? '');
}

/**
 * The start of the working day that comes `n` working days after the local date of `now` in `timeZone`
 * (n ≥ 1). Friday afternoon + 1 → Monday at the start time; Saturday + 1 → Monday too; holidays are skipped.
 * Daylight-saving changes are handled by computing the local wall-clock time in the zone.
 * Throws a DomainError for an unknown time zone or n < 1.
 */
export function addWorkingDays(now: number, n: number, timeZone: string, cal: WorkingCalendar = DEFAULT_CALENDAR): number {
  if (!Number.isInteger(n) || n < 1) throw new DomainError('INVALID_INPUT', 'working days must be a whole number ≥ 1');
  const start = DateTime.fromMillis(now, { zone: timeZone });
  if (!start.isValid) throw new DomainError('INVALID_INPUT', `unknown time zone "${timeZone}"`);
  let day = start.startOf('day');
  let counted = 0;
  // A calendar with days but every one a holiday would loop forever: ten years is far beyond any snooze.
  for (let guard = 0; counted < n; guard++) {
    if (guard > 3660) throw new DomainError('INVALID_INPUT', 'no working day within ten years');
    day = day.plus({ days: 1 });
    if (isWorkingDay(day, cal)) counted++;
  }
  return day.set({ hour: Math.floor(cal.startMinutes / 60), minute: cal.startMinutes % 60 }).toMillis();
}
