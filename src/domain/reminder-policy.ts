// Who gets a reminder when: a cadence in working days, in the person's time zone, inside working hours,
// respecting snooze and opt-out, then one escalation to the manager, and nothing once the migration is over.
import { overallStatus } from './status.ts';
import type { Person } from './types.ts';
import { addWorkingDays, nextWorkingTime, type WorkingCalendar } from './working-time.ts';

export interface ReminderPolicy {
  firstAfterWorkingDays: number;
  intervalWorkingDays: number;
  maxReminders: number;
  calendar: WorkingCalendar;
  defaultTimeZone: string;
}

export type ReminderDecision =
  | { kind: 'remind'; round: number }
  | { kind: 'escalate' }
  /** Nothing now; look again at `at`. */
  | { kind: 'wait'; at: number }
  /** Nothing now or later (done, opted out, not started, escalated, migration over). */
  | {
      kind: 'stop';
      reason: 'done' | 'needs_help' | 'opted_out' | 'not_informed' | 'escalated' | 'migration_over' | 'no_manager';
    };

/**
 * Decides what the scheduler should do for a person at `now`. `migrationOver` is true when the migration is complete
 * or the decommission conditions are met: reminders stop for everyone.
 */
export function decideReminder(
  p: Person,
  now: number,
  policy: ReminderPolicy,
  migrationOver = false,
): ReminderDecision {
  if (migrationOver) return { kind: 'stop', reason: 'migration_over' };
  const overall = overallStatus(p);
  if (overall === 'done') return { kind: 'stop', reason: 'done' };
  if (overall === 'needs_help') return { kind: 'stop', reason: 'needs_help' };
  if (p.inform.status !== 'informed') return { kind: 'stop', reason: 'not_informed' };
  if (p.reminders.optedOut) return { kind: 'stop', reason: 'opted_out' };
  const at = nextDueAt(p, policy);
  if (at !== undefined) return now >= at ? { kind: 'remind', round: p.reminders.sent + 1 } : { kind: 'wait', at };
  // Reminders used up: one interval after the last one, tell the manager once.
  if (p.reminders.escalatedAt !== undefined) return { kind: 'stop', reason: 'escalated' };
  if (!p.manager) return { kind: 'stop', reason: 'no_manager' };
  const escalateAt = dueAfter(p, p.reminders.lastAt ?? p.inform.at, policy.intervalWorkingDays, policy);
  return now >= escalateAt ? { kind: 'escalate' } : { kind: 'wait', at: escalateAt };
}

function dueAfter(p: Person, from: number, workingDays: number, policy: ReminderPolicy): number {
  const tz = p.timeZone ?? policy.defaultTimeZone;
  const due = Math.max(addWorkingDays(from, workingDays, tz, policy.calendar), p.reminders.snoozeUntil ?? 0);
  return nextWorkingTime(due, tz, policy.calendar);
}

/**
 * When the next reminder is due (inside working time), or undefined when the reminders are used up.
 * Counted from the last reminder, or from the first card for the first one; a snooze pushes it later.
 */
export function nextDueAt(p: Person, policy: ReminderPolicy): number | undefined {
  if (p.inform.status !== 'informed') return undefined;
  if (p.reminders.sent >= policy.maxReminders) return undefined;
  const gap = p.reminders.sent === 0 ? policy.firstAfterWorkingDays : policy.intervalWorkingDays;
  return dueAfter(p, p.reminders.lastAt ?? p.inform.at, gap, policy);
}

/** The due-set time the store should keep for a person after a change: when to look at them next, or null. */
export function dueAtFor(p: Person, now: number, policy: ReminderPolicy): number | null {
  const d = decideReminder(p, now, policy);
  if (d.kind === 'wait') return d.at;
  if (d.kind === 'remind' || d.kind === 'escalate') return now;
  return null;
}
