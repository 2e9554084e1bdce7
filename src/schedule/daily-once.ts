// A message to the admins once a day: after SUMMARY_TIME on a working day in the organisation's zone, claimed in the
// store so a restart or a second replica does not repeat it, released when nobody could be told.
import type { SchedulerDeps } from './deps.ts';
import { dailyDate, isDailyTimeReached } from '../domain/summary.ts';
import { scheduleInForce } from './schedule-settings.ts';

export type DailyOutcome = 'not_yet' | 'already_done' | 'done' | 'not_delivered';

/**
 * Runs `send` once per local day under the doc kind `kind`. `send` returns false when its message could not be
 * delivered (and must be tried again by a later tick), true when done, including when there was nothing to say.
 */
export async function onceADay(
  ctx: SchedulerDeps,
  kind: string,
  now: number,
  send: (date: string) => Promise<boolean>,
): Promise<DailyOutcome> {
  const tz = ctx.config.DEFAULT_TIMEZONE;
  const { summaryTime } = await scheduleInForce(ctx.store, ctx.config);
  if (!isDailyTimeReached(now, tz, summaryTime, ctx.policy.calendar)) return 'not_yet';
  const date = dailyDate(now, tz);
  if (!(await ctx.store.putDocIfAbsent(kind, date, { at: now }))) return 'already_done';
  let delivered = false;
  try {
    delivered = await send(date);
  } finally {
    if (!delivered) await ctx.store.deleteDoc(kind, date);
  }
  return delivered ? 'done' : 'not_delivered';
}
