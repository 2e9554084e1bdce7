// The manager summaries: once a day, after SUMMARY_TIME in each manager's own time zone on a working day, a note with
// their people done / to do / needing help and the change since the last one; one final "all done", then silence.
import type { SchedulerDeps } from './deps.ts';
import type { ManagerSummaryData } from '../cards/types.ts';
import type { DeliveryJob } from '../ports/delivery.ts';
import {
  dailyDate,
  isDailyTimeReached,
  snapshotOf,
  summariseTeam,
  summaryDecision,
  type ManagerSummary,
  type TeamSnapshot,
} from '../domain/summary.ts';
import type { Person } from '../domain/types.ts';
import { scheduleInForce } from './schedule-settings.ts';
import { zoneOf } from '../domain/person-preferences.ts';

export const SUMMARY_SENT_DOC = 'summary-sent';
export const SUMMARY_SNAPSHOT_DOC = 'summary-snapshot';
export const SUMMARY_ALL_DONE_DOC = 'summary-all-done';

export interface SummaryTickResult {
  managers: number;
  sent: string[];
  /** Managers skipped, by reason. */
  skipped: Record<string, number>;
}

/** Manager ids from the counters the store keeps (`manager:<id>:total`). */
export function managersFromCounters(counters: Record<string, number>): string[] {
  return Object.entries(counters)
    .filter(([k, v]) => v > 0 && k.startsWith('manager:') && k.endsWith(':total'))
    .map(([k]) => k.slice('manager:'.length, -':total'.length))
    .sort();
}

async function teamOf(ctx: SchedulerDeps, managerId: string): Promise<Person[]> {
  const out: Person[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.store.listIndex(`manager:${managerId}`, cursor, 500);
    for (const p of await ctx.store.getPeople(page.ids)) if (p) out.push(p);
    cursor = page.next;
  } while (cursor);
  return out;
}

export function summaryJob(
  manager: Person,
  summary: ManagerSummary,
  date: string,
  now: number,
  timeZone: string,
): DeliveryJob {
  const data: ManagerSummaryData = {
    manager: { id: manager.id, firstName: manager.firstName || manager.email },
    date: now,
    timeZone,
    team: summary.team,
  };
  if (summary.previous) data.yesterday = summary.previous;
  return { key: `summary:${manager.id}:${date}`, personId: manager.id, card: { name: 'manager-summary', data } };
}

export async function summariesTick(ctx: SchedulerDeps, now: number): Promise<SummaryTickResult> {
  const { store } = ctx;
  const result: SummaryTickResult = { managers: 0, sent: [], skipped: {} };
  const skip = (reason: string) => (result.skipped[reason] = (result.skipped[reason] ?? 0) + 1);
  const delivery = ctx.delivery;
  if (!delivery) {
    ctx.logger.warn('summary tick: no delivery configured, nothing enqueued');
    return result;
  }
  const { summaryTime } = await scheduleInForce(store, ctx.config);
  const managerIds = managersFromCounters(await store.counters());
  result.managers = managerIds.length;
  for (const managerId of managerIds) {
    const manager = await store.getPerson(managerId);
    if (!manager) {
      skip('not_in_roster');
      continue;
    }
    const tz = zoneOf(manager, ctx.config.DEFAULT_TIMEZONE);
    if (!isDailyTimeReached(now, tz, summaryTime, ctx.policy.calendar)) {
      skip('not_yet');
      continue;
    }
    const today = dailyDate(now, tz);
    const sentId = `${managerId}:${today}`;
    if (await store.getDoc(SUMMARY_SENT_DOC, sentId)) {
      skip('already_sent');
      continue;
    }
    const previous = await store.getDoc<TeamSnapshot>(SUMMARY_SNAPSHOT_DOC, managerId);
    const summary = summariseTeam(await teamOf(ctx, managerId), today, previous);
    const allDoneTold = (await store.getDoc(SUMMARY_ALL_DONE_DOC, managerId)) !== undefined;
    const decision = summaryDecision(summary, allDoneTold);
    if (decision.kind === 'skip') {
      skip(decision.reason);
      continue;
    }
    if (!(await store.putDocIfAbsent(SUMMARY_SENT_DOC, sentId, { at: now }))) {
      skip('already_sent');
      continue;
    }
    if (decision.final && !(await store.putDocIfAbsent(SUMMARY_ALL_DONE_DOC, managerId, { at: now, date: today }))) {
      skip('all_done_told');
      continue;
    }
    try {
      await delivery.enqueue(`summaries-${today}`, [summaryJob(manager, summary, today, now, tz)]);
    } catch (err) {
      // Not queued: let the next tick try again today.
      await store.deleteDoc(SUMMARY_SENT_DOC, sentId);
      if (decision.final) await store.deleteDoc(SUMMARY_ALL_DONE_DOC, managerId);
      throw err;
    }
    await store.putDoc(SUMMARY_SNAPSHOT_DOC, managerId, snapshotOf(summary, today));
    result.sent.push(managerId);
  }
  return result;
}
