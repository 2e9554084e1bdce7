// The reminder tick: for everyone due, the core decides (remind, escalate, wait, stop) and the tick only enqueues;
// delivery workers send and record. Nothing is sent outside the person's working hours, nor once the migration is over.
import type { SchedulerDeps } from './deps.ts';
import type { DeliveryJob } from '../ports/delivery.ts';
import { decideReminder } from '../domain/reminder-policy.ts';
import type { Actor, Person } from '../domain/types.ts';
import { isWorkingTime } from '../domain/working-time.ts';
import { configuredServerRecords, isMigrationOver } from '../server-watch/migration-state.ts';
import { updatePerson } from '../services/update-person.ts';
import { pickChannel } from '../delivery/pick-channel.ts';
import { deadlineFor, plannedSwitchOffs } from './deadline.ts';
import { duePeople } from './due-people.ts';
import { minuteStamp } from './lease.ts';
import { escalationJob, reminderJob } from './reminder-jobs.ts';
import { zoneOf } from '../domain/person-preferences.ts';
import { senderOf } from '../services/sender.ts';

export interface ReminderTickResult {
  /** Set when nothing was looked at, and why. */
  skipped?: 'migration_over';
  considered: number;
  reminded: number;
  /** Notes to managers queued (the person is marked escalated once it is sent). */
  escalated: number;
  /** Due for escalation, but their manager cannot be reached: marked escalated without a note. */
  managerUnreachable: number;
  /** Due, but outside their working hours now: picked up by a later tick. */
  outsideHours: number;
  /** Enqueued earlier and not sent yet (the keys were already known to delivery). */
  duplicates: number;
}

const ACTOR: Actor = { id: 'scheduler', source: 'scheduler' };

export async function remindersTick(ctx: SchedulerDeps, now: number): Promise<ReminderTickResult> {
  const result: ReminderTickResult = {
    considered: 0,
    reminded: 0,
    escalated: 0,
    managerUnreachable: 0,
    outsideHours: 0,
    duplicates: 0,
  };
  const { delivery } = ctx;
  if (await isMigrationOver(ctx)) return { ...result, skipped: 'migration_over' };

  const { config, policy, store } = ctx;
  const sender = await senderOf(ctx);
  const plans = plannedSwitchOffs(config.LICENSE_SERVERS, await configuredServerRecords(ctx));
  const stamp = minuteStamp(now);

  for await (const people of duePeople(store, now)) {
    const reminders: DeliveryJob[] = [];
    const escalate: Person[] = [];
    for (const p of people) {
      result.considered++;
      const d = decideReminder(p, now, policy);
      if (d.kind !== 'remind' && d.kind !== 'escalate') continue;
      if (!isWorkingTime(now, zoneOf(p, policy.defaultTimeZone), policy.calendar)) {
        result.outsideHours++;
        continue;
      }
      if (d.kind === 'remind') reminders.push(reminderJob(p, d.round, sender, config, now, deadlineFor(p, plans, now)));
      else escalate.push(p);
    }
    if (reminders.length) {
      const r = await delivery.enqueue(`reminders-${stamp}`, reminders);
      result.reminded += r.queued;
      result.duplicates += r.duplicates;
    }
    if (escalate.length) await escalateAll(ctx, escalate, stamp, now, result);
  }
  if (result.reminded || result.escalated || result.managerUnreachable) ctx.logger.info({ ...result }, 'reminder tick');
  return result;
}

/**
 * The manager hears about each person once. `reminder.escalated` is recorded on the person when the note is sent (or
 * can never be): until then they stay due, and a later tick finds the note already queued. A manager nobody can reach
 * (not in the roster, no chat account) cannot be told: that is recorded at once, so the person is not due forever.
 */
async function escalateAll(
  ctx: SchedulerDeps,
  people: Person[],
  stamp: string,
  now: number,
  result: ReminderTickResult,
): Promise<void> {
  const managerIds = [...new Set(people.map((p) => p.manager!))];
  const managers = new Map(
    (await ctx.store.getPeople(managerIds)).flatMap((m, i) => (m ? [[managerIds[i]!, m] as const] : [])),
  );
  const jobs: DeliveryJob[] = [];
  for (const p of people) {
    const manager = managers.get(p.manager!);
    if (manager && pickChannel(manager, ctx.channels)) {
      jobs.push(escalationJob(p, manager, ctx.config));
      continue;
    }
    const done = await updatePerson(ctx.store, p.id, [{ type: 'reminder.escalated' }], ACTOR, now, {
      detail: manager ? 'manager has no chat account' : 'manager not in the roster',
    });
    if (done.ok) result.managerUnreachable++;
    else if (done.error.code !== 'ALREADY_DONE')
      ctx.logger.warn({ personId: p.id, code: done.error.code }, 'escalation not recorded');
  }
  if (!jobs.length) return;
  const r = await ctx.delivery.enqueue(`escalations-${stamp}`, jobs);
  result.escalated += r.queued;
  result.duplicates += r.duplicates;
}
