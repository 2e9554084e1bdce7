// Working-time arithmetic in a person's time zone: working days, working hours, holidays.
// Pure: every function takes the instant it reasons about.
import { DateTime, IANAZone } from 'luxon';

export interface WorkingCalendar {
  /** ISO weekdays that are working days (1 = Monday ... 7 = Sunday). */
  workingDays: number[];
  /** Start and end of working hours, minutes after local midnight. */
  startMinute: number;
  endMinute: number;
  /** Local dates (YYYY-MM-DD) that are not working days. */
  holidays: string[];
}

/** Builds a calendar from the textual settings (`09:00-17:00`, `1,2,3,4,5`, dates). */
export function parseCalendar(hours: string, days: string, holidays: string[]): WorkingCalendar {
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(hours);
  if (!m) throw new Error(`working hours "${hours}" are not HH:MM-HH:MM`);
  const startMinute = Number(m[1]) * 60 + Number(m[2]);
  const endMinute = Number(m[3]) * 60 + Number(m[4]);
  if (endMinute <= startMinute) throw new Error(`working hours "${hours}" end before they start`);
  const workingDays = days.split(',').map(Number);
  if (workingDays.length === 0 || workingDays.some((d) => !(d >= 1 && d <= 7))) throw new Error(`working days "${days}" are not ISO weekdays 1-7`);
  return { workingDays, startMinute, endMinute, holidays };
}

const local = (at: number, tz: string) => {
  const dt = DateTime.fromMillis(at, { zone: tz });
  return dt.isValid ? dt : DateTime.fromMillis(at, { zone: 'UTC' });
};

/** True on a working day that is not a holiday, in the zone. */
export function isWorkingDay(at: number, tz: string, cal: WorkingCalendar): boolean {
  const d = local(at, tz);
  return cal.workingDays.includes(d.weekday) && !cal.holidays.includes(d.toISODate() ?? '');
}

/** True inside working hours of a working day. */
export function isWorkingTime(at: number, tz: string, cal: WorkingCalendar): boolean {
  if (!isWorkingDay(at, tz, cal)) return false;
  const d = local(at, tz);
  const minute = d.hour * 60 + d.minute;
  return minute >= cal.startMinute && minute < cal.endMinute;
}

/** `at` itself when inside working time, else the next opening of working hours. */
export function nextWorkingTime(at: number, tz: string, cal: WorkingCalendar): number {
  if (isWorkingTime(at, tz, cal)) return at;
  let d = local(at, tz);
  const minute = d.hour * 60 + d.minute;
  if (!isWorkingDay(at, tz, cal) || minute >= cal.endMinute) d = d.plus({ days: 1 });
  for (let i = 0; i < 400; i++) {
    const opening = d.startOf('day').plus({ minutes: cal.startMinute });
    if (isWorkingDay(opening.toMillis(), tz, cal)) return Math.max(opening.toMillis(), at);
    d = d.plus({ days: 1 });
  }
  throw new Error('no working day within 400 days: check WORKING_DAYS and HOLIDAYS');
}

/** The same local time `n` working days later (skipping non-working days and holidays). */
export function addWorkingDays(at: number, n: number, tz: string, cal: WorkingCalendar): number {
  let d = local(at, tz);
  let left = n;
  for (let i = 0; left > 0 && i < 400 + n * 7; i++) {
    d = d.plus({ days: 1 });
    if (isWorkingDay(d.toMillis(), tz, cal)) left--;
  }
  return d.toMillis();
}

/** The opening of working hours `n` working days after `at` (what "remind me later" means). */
export function workingDaysLaterAtOpening(at: number, n: number, tz: string, cal: WorkingCalendar): number {
  const later = local(addWorkingDays(at, n, tz, cal), tz);
  return later.startOf('day').plus({ minutes: cal.startMinute }).toMillis();
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: number, tz: string): string {
  return local(at, tz).toISODate() ?? '';
}

/** True when `tz` is an IANA zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  return IANAZone.isValidZone(tz);
}
