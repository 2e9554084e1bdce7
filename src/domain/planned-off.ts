// A licence server's planned switch-off, typed by an admin as a local date (YYYY-MM-DD) in their own time zone.
// It means "at the end of working hours of that day": reminders sent during that last working day still say
// "switched off today", and the date stops counting as a deadline once the day's work is over.
import { DateTime } from 'luxon';
import type { WorkingCalendar } from './working-time.ts';

/** A plan further ahead than this is almost certainly a typo in the year. */
export const MAX_PLAN_YEARS = 3;

export type PlannedOffProblem = 'invalid_date' | 'past' | 'too_far';

export type PlannedOff = { ok: true; at: number } | { ok: false; problem: PlannedOffProblem };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instant a local date stands for: the end of working hours (`cal.endMinute`) on that date in `timeZone`.
 * Refused: anything but a real calendar date written YYYY-MM-DD, a moment not after `now`, or more than
 * MAX_PLAN_YEARS ahead.
 */
export function plannedOffAt(
  date: string,
  timeZone: string,
  cal: Pick<WorkingCalendar, 'endMinute'>,
  now: number,
): PlannedOff {
  if (!ISO_DATE.test(date)) return { ok: false, problem: 'invalid_date' };
  const zone = DateTime.fromMillis(now, { zone: timeZone }).isValid ? timeZone : 'UTC';
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid) return { ok: false, problem: 'invalid_date' };
  // Set as a wall-clock time (not midnight + minutes), so a daylight-saving change that day does not shift it.
  const end =
    cal.endMinute >= 24 * 60
      ? day.endOf('day')
      : day.set({ hour: Math.floor(cal.endMinute / 60), minute: cal.endMinute % 60 });
  const at = end.toMillis();
  if (at <= now) return { ok: false, problem: 'past' };
  if (at > DateTime.fromMillis(now, { zone }).plus({ years: MAX_PLAN_YEARS }).toMillis())
    return { ok: false, problem: 'too_far' };
  return { ok: true, at };
}
