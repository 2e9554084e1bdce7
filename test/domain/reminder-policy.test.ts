import { describe, expect, it } from 'vitest';
import type { PersonEvent } from '../../src/domain/events.ts';
import { newPerson } from '../../src/domain/person.ts';
import {
  borrowPauseUntil,
  decideReminder,
  dueAtFor,
  nextDueAt,
  type ReminderPolicy,
} from '../../src/domain/reminder-policy.ts';
import { applyEvents } from '../../src/domain/transitions.ts';
import type { Person } from '../../src/domain/types.ts';
import { parseCalendar } from '../../src/domain/working-time.ts';

const policy: ReminderPolicy = {
  firstAfterWorkingDays: 2,
  intervalWorkingDays: 3,
  maxReminders: 2,
  calendar: parseCalendar('09:00-17:00', '1,2,3,4,5', ['2026-12-25']),
  defaultTimeZone: 'Europe/Brussels',
};
const utc = (s: string) => Date.parse(s);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** A person informed on Thursday 26 Nov 2026 at 10:00 UTC (11:00 in Brussels). */
function informed(extra: PersonEvent[] = [], tz?: string, at = utc('2026-11-26T10:00:00Z')): Person {
  const p = newPerson(
    {
      email: 'a@x.org',
      firstName: 'A',
      lastName: 'B',
      products: ['AutoCAD'],
      manager: 'boss@x.org',
      ...(tz ? { timeZone: tz } : {}),
    },
    at,
  );
  let cur = p;
  for (const e of [
    { type: 'product.assigned', product: 'AutoCAD' } as PersonEvent,
    { type: 'inform.sent' } as PersonEvent,
    ...extra,
  ]) {
    const r = applyEvents(cur, [e], at);
    if (!r.ok) throw r.error;
    cur = r.value;
  }
  return cur;
}
function after(p: Person, events: PersonEvent[], at: number): Person {
  const r = applyEvents(p, events, at);
  if (!r.ok) throw r.error;
  return r.value;
}

describe('reminder policy', () => {
  it('first reminder 2 working days after the card, skipping the weekend', () => {
    const p = informed();
    expect(iso(nextDueAt(p, policy))).toBe('2026-11-30T10:00:00.000Z'); // Thu → Fri, Mon
    expect(decideReminder(p, utc('2026-11-30T09:59:00Z'), policy)).toEqual({
      kind: 'wait',
      at: utc('2026-11-30T10:00:00Z'),
    });
    expect(decideReminder(p, utc('2026-11-30T10:00:00Z'), policy)).toEqual({ kind: 'remind', round: 1 });
  });
  it("then every 3 working days, inside working hours of the person's own zone", () => {
    const p = after(informed([], 'America/New_York'), [{ type: 'reminder.sent' }], utc('2026-11-30T21:30:00Z')); // 16:30 in New York
    // 3 working days later is Thursday 16:30 New York: still inside working hours.
    expect(iso(nextDueAt(p, policy))).toBe('2026-12-03T21:30:00.000Z');
    const late = after(informed([], 'America/New_York'), [{ type: 'reminder.sent' }], utc('2026-11-30T23:00:00Z')); // 18:00 NY
    expect(iso(nextDueAt(late, policy))).toBe('2026-12-04T14:00:00.000Z'); // next opening: Friday 09:00 NY
  });
  it('skips holidays', () => {
    const p = informed([], undefined, utc('2026-12-23T10:00:00Z')); // Wednesday
    expect(iso(nextDueAt(p, policy))).toBe('2026-12-28T10:00:00.000Z'); // Thu, (Fri 25th holiday), Mon
  });
  it('respects a snooze that ends later than the cadence', () => {
    const p = after(
      informed(),
      [{ type: 'reminder.snoozed', until: utc('2026-12-02T08:00:00Z') }],
      utc('2026-11-26T11:00:00Z'),
    );
    expect(iso(nextDueAt(p, policy))).toBe('2026-12-02T08:00:00.000Z');
    expect(decideReminder(p, utc('2026-11-30T12:00:00Z'), policy).kind).toBe('wait');
  });
  it('stops for opted-out, done, needing help, not informed, and when the migration is over', () => {
    expect(decideReminder(informed([{ type: 'reminder.opted_out' }]), utc('2026-12-30T10:00:00Z'), policy)).toEqual({
      kind: 'stop',
      reason: 'opted_out',
    });
    expect(decideReminder(informed([{ type: 'inform.acknowledged' }]), utc('2026-12-30T10:00:00Z'), policy)).toEqual({
      kind: 'stop',
      reason: 'done',
    });
    expect(decideReminder(informed([{ type: 'inform.help', text: 'x' }]), utc('2026-12-30T10:00:00Z'), policy)).toEqual(
      { kind: 'stop', reason: 'needs_help' },
    );
    const fresh = newPerson({ email: 'n@x.org', firstName: 'N', lastName: 'N' }, 0);
    expect(decideReminder(fresh, 0, policy)).toEqual({ kind: 'stop', reason: 'not_informed' });
    expect(decideReminder(informed(), utc('2026-12-30T10:00:00Z'), policy, true)).toEqual({
      kind: 'stop',
      reason: 'migration_over',
    });
    expect(dueAtFor(informed([{ type: 'reminder.opted_out' }]), 0, policy)).toBeNull();
  });
  it('after the last reminder, escalates once to the manager one interval later, then stops', () => {
    let p = after(informed(), [{ type: 'reminder.sent' }], utc('2026-11-30T10:00:00Z'));
    p = after(p, [{ type: 'reminder.sent' }], utc('2026-12-03T10:00:00Z'));
    expect(nextDueAt(p, policy)).toBeUndefined();
    expect(decideReminder(p, utc('2026-12-07T09:00:00Z'), policy)).toEqual({
      kind: 'wait',
      at: utc('2026-12-08T10:00:00Z'),
    });
    expect(decideReminder(p, utc('2026-12-08T10:00:00Z'), policy)).toEqual({ kind: 'escalate' });
    const escalated = after(p, [{ type: 'reminder.escalated' }], utc('2026-12-08T10:00:00Z'));
    expect(decideReminder(escalated, utc('2027-01-08T10:00:00Z'), policy)).toEqual({
      kind: 'stop',
      reason: 'escalated',
    });
    const noManager = { ...p, manager: undefined };
    expect(decideReminder(noManager, utc('2026-12-08T10:00:00Z'), policy)).toEqual({
      kind: 'stop',
      reason: 'no_manager',
    });
  });
  it('gives the store the next time to look at a person', () => {
    const p = informed();
    expect(dueAtFor(p, utc('2026-11-27T10:00:00Z'), policy)).toBe(utc('2026-11-30T10:00:00Z'));
    expect(dueAtFor(p, utc('2026-11-30T11:00:00Z'), policy)).toBe(utc('2026-11-30T11:00:00Z'));
  });

  describe('borrowed licences', () => {
    const seen = utc('2026-11-27T10:00:00Z');
    const returns = utc('2026-12-14T08:00:00Z'); // a Monday, 09:00 in Brussels
    const borrowed = (until = returns) =>
      ({ type: 'device.network', product: 'AutoCAD', device: 'laptop-07', borrowedUntil: until }) as PersonEvent;
    const told = (until = returns) => ({ type: 'borrow.told', until }) as PersonEvent;

    it('waits for the borrow to return when it is the only network use left and the person was told', () => {
      const p = after(informed(), [borrowed(), told()], seen);
      // The first reminder would be due on Monday 30 November: it waits until the borrow is back.
      expect(borrowPauseUntil(p, utc('2026-11-30T10:00:00Z'))).toBe(returns);
      expect(decideReminder(p, utc('2026-11-30T10:00:00Z'), policy)).toEqual({ kind: 'wait', at: returns });
      expect(dueAtFor(p, utc('2026-11-30T10:00:00Z'), policy)).toBe(returns);
      // Returned by itself (or not seen again) and still not switched: the reminders go on from there.
      expect(decideReminder(p, returns, policy)).toEqual({ kind: 'remind', round: 1 });
    });

    it('also holds the note to the manager, and resumes inside working hours', () => {
      let p = after(informed(), [reminderSent()], utc('2026-11-30T10:00:00Z'));
      p = after(p, [reminderSent()], utc('2026-12-03T10:00:00Z'));
      p = after(
        p,
        [borrowed(utc('2026-12-12T10:00:00Z')), told(utc('2026-12-12T10:00:00Z'))],
        utc('2026-12-04T10:00:00Z'),
      );
      // Escalation would be due on 8 December; the borrow returns on Saturday 12th: Monday 14th 09:00 Brussels.
      expect(decideReminder(p, utc('2026-12-08T10:00:00Z'), policy)).toEqual({
        kind: 'wait',
        at: utc('2026-12-14T08:00:00Z'),
      });
      expect(decideReminder(p, utc('2026-12-14T08:00:00Z'), policy)).toEqual({ kind: 'escalate' });
    });

    it('keeps reminding when the person was not told, a plain use is left, or another product is not seen anywhere', () => {
      const at = utc('2026-11-30T10:00:00Z');
      const remindNow = { kind: 'remind', round: 1 };
      expect(decideReminder(after(informed(), [borrowed()], seen), at, policy)).toEqual(remindNow);
      // Told about an earlier borrow only.
      expect(decideReminder(after(informed(), [borrowed(), told(returns - 1)], seen), at, policy)).toEqual(remindNow);
      // A plain checkout seen on another device.
      const plain = after(
        informed(),
        [borrowed(), told(), { type: 'device.network', product: 'AutoCAD', device: 'pc-12' }],
        seen,
      );
      expect(decideReminder(plain, at, policy)).toEqual(remindNow);
      // The same device seen later with a plain checkout: the borrow date is gone.
      const again = after(
        after(informed(), [borrowed(), told()], seen),
        [{ type: 'device.network', product: 'AutoCAD', device: 'laptop-07' }],
        seen + 1000,
      );
      expect(decideReminder(again, at, policy)).toEqual(remindNow);
      // Revit is in scope, never seen nor reported: the reminder is still needed for it.
      const two = after(
        informed(),
        [{ type: 'profile.updated', profile: { products: ['AutoCAD', 'Revit'] } }, borrowed(), told()],
        seen,
      );
      expect(decideReminder(two, at, policy)).toEqual(remindNow);
      // Revit already switched elsewhere: only the borrow is left, so it waits.
      const revitDone = after(
        two,
        [
          { type: 'product.assigned', product: 'Revit' },
          { type: 'device.switched', product: 'Revit', device: 'pc-12', by: 'user' },
        ],
        seen,
      );
      expect(decideReminder(revitDone, at, policy)).toEqual({ kind: 'wait', at: returns });
    });

    it('does not pause what is not a step-3 nudge: done, opted out and past the date stop or go on as before', () => {
      const p = after(informed(), [borrowed(), told()], seen);
      expect(decideReminder(after(p, [{ type: 'reminder.opted_out' }], seen), seen, policy)).toEqual({
        kind: 'stop',
        reason: 'opted_out',
      });
      expect(borrowPauseUntil(p, returns)).toBeUndefined();
      // Told again about the same borrow (a second poll): nothing changes.
      const r = applyEvents(p, [told()], seen);
      expect(r.ok).toBe(false);
    });
  });
});

function reminderSent(): PersonEvent {
  return { type: 'reminder.sent' };
}
