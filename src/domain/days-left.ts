// "5 days left": whole calendar days between two instants, counted in the reader's time zone.
import { DateTime } from 'luxon';

/**
 * Calendar days from the local date of `now` to the local date of `at` in `timeZone` (0 on the day itself),
 * or undefined when `at` is already past.
 */
export function daysLeft(now: number, at: number, timeZone: string): number | undefined {
  if (at < now) return undefined;
  const zone = DateTime.fromMillis(now, { zone: timeZone }).isValid ? timeZone : 'UTC';
  const from = DateTime.fromMillis(now, { zone }).startOf('day');
  const to = DateTime.fromMillis(at, { zone }).startOf('day');
  return Math.round(to.diff(from, 'days').days);
}
