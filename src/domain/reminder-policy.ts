// Who gets a reminder when: a cadence in working days, in the person's time zone, inside working hours,
// respecting snooze and opt-out, then one escalation to the manager, and nothing once the migration is over.
// A person whose only network use left is borrowed licences they were told how to return is not nudged meanwhile.
import { overallStatus, productSwitched } from './status.ts';
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
  const d = cadence(p, p.inform.at, now, policy);
  const returns = borrowPauseUntil(p, now);
  if (returns === undefined || d.kind === 'stop') return d;
  // Nudged neither to switch nor through the manager before the borrow is back: switching first would leave it out.
  const resume = nextWorkingTime(returns, zoneOf(p, policy), policy.calendar);
  return { kind: 'wait', at: d.kind === 'wait' ? Math.max(d.at, resume) : resume };
}

function cadence(p: Person, informedAt: number, now: number, policy: ReminderPolicy): ReminderDecision {
  const at = nextDueAt(p, policy);
  if (at !== undefined) return now >= at ? remind(p.reminders.sent + 1) : wait(at);
  // Reminders used up: one interval after the last one, tell the manager once.
  if (p.reminders.escalatedAt !== undefined) return stop('escalated');
  if (!p.manager) return stop('no_manager');
  const escalateAt = dueAfter(p, p.reminders.lastAt ?? informedAt, policy.intervalWorkingDays, policy);
  return now >= escalateAt ? ({ kind: 'escalate' } as const) : wait(escalateAt);
}
const remind = (round: number) => ({ kind: 'remind', round }) as const;
const wait = (at: number) => ({ kind: 'wait', at }) as const;
const stop = (reason: 'escalated' | 'no_manager') => ({ kind: 'stop', reason }) as const;
const zoneOf = (p: Person, policy: ReminderPolicy) => p.timeZone ?? policy.defaultTimeZone;

/**
 * When the step-3 nudges wait for borrowed licences, the time the last of them returns by itself; else undefined.
 * That is when every product in scope not yet switched is on the network only on devices seen holding a borrowed
 * licence (lmstat's linger) not yet returned, and the person was sent the card on how to return each of them
 * (`borrowToldUntil`). Only the application that borrowed a licence can return it early, so a "switch your device"
 * reminder meanwhile would have them switch first and leave the licence out until that date. A product never seen or
 * reported anywhere, or a plain network use, keeps the reminders going; so does the return date passing.
 */
export function borrowPauseUntil(p: Person, now: number): number | undefined {
  const told = p.reminders.borrowToldUntil;
  if (told === undefined || told <= now) return undefined;
  let last: number | undefined;
  for (const product of p.products) {
    if (productSwitched(p, product)) continue;
    let held = false;
    for (const d of Object.values(p.switches[product] ?? {})) {
      if (d.status !== 'network') continue;
      if (d.borrowedUntil === undefined || d.borrowedUntil <= now || d.borrowedUntil > told) return undefined;
      held = true;
      last = Math.max(last ?? 0, d.borrowedUntil);
    }
    if (!held) return undefined;
  }
  return last;
}

function dueAfter(p: Person, from: number, workingDays: number, policy: ReminderPolicy): number {
  const tz = zoneOf(p, policy);
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
