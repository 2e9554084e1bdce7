// Working-day arithmetic in a person's time zone: "remind me later" and reminder intervals skip weekends and holidays.
// Intl only (no library): the core stays free of imports beyond its own folder.
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

const DAY_MS = 24 * 3600 * 1000;

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

function formatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new DomainError('INVALID_INPUT', `unknown time zone "${timeZone}"`);
  }
}

/** The wall-clock reading of an instant in the zone, written as if it were UTC (so it can be compared to it). */
function wallClockAsUtc(fmt: Intl.DateTimeFormat, ms: number): number {
  const p = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** The instant at which the zone's clocks show this wall-clock time (given as a UTC-coded value). */
function instantOf(fmt: Intl.DateTimeFormat, wall: number): number {
  const first = wall - (wallClockAsUtc(fmt, wall) - wall);
  // Near a daylight-saving change the offset at the first guess may differ from the one at the answer.
  return wall - (wallClockAsUtc(fmt, first) - first);
}

function isWorkingDay(utcMidnight: number, cal: WorkingCalendar): boolean {
  const d = new Date(utcMidnight);
  const iso = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  return cal.days.includes(iso) && !cal.holidays.includes(d.toISOString().slice(0, 10));
}

/**
 * The start of the working day that comes `n` working days after the local date of `now` in `timeZone`
 * (n ≥ 1). Friday afternoon + 1 → Monday at the start time; Saturday + 1 → Monday too; holidays are skipped.
 * The time is wall-clock time in the zone, so a daylight-saving change in between does not shift it.
 * Throws a DomainError for an unknown time zone or n < 1.
 */
export function addWorkingDays(now: number, n: number, timeZone: string, cal: WorkingCalendar = DEFAULT_CALENDAR): number {
  if (!Number.isInteger(n) || n < 1) throw new DomainError('INVALID_INPUT', 'working days must be a whole number ≥ 1');
  const fmt = formatter(timeZone);
  const wallNow = wallClockAsUtc(fmt, now);
  let day = wallNow - (wallNow % DAY_MS);
  let counted = 0;
  // A calendar whose every day is a holiday would loop forever: ten years is far beyond any snooze.
  for (let guard = 0; counted < n; guard++) {
    if (guard > 3660) throw new DomainError('INVALID_INPUT', 'no working day within ten years');
    day += DAY_MS;
    if (isWorkingDay(day, cal)) counted++;
  }
  return instantOf(fmt, day + cal.startMinutes * 60_000);
}
