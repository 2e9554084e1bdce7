// The admins' daily overview: the organisation's status card, posted once a day.
import type { SchedulerDeps } from './deps.ts';
import { orgStatusCard } from '../reports/org-status-card.ts';
import { onceADay, type DailyOutcome } from './daily-once.ts';

export const ADMIN_SUMMARY_DOC = 'admin-summary-sent';

/** The organisation-wide overview, to the admins once a day. */
export async function adminSummaryTick(ctx: SchedulerDeps, now: number): Promise<DailyOutcome> {
  return onceADay(ctx, ADMIN_SUMMARY_DOC, now, async () => (await ctx.postToAdmins(await orgStatusCard(ctx, now))) > 0);
}
