// The pure rules behind the daily messages (src/domain/summary.ts, days-left.ts, invitations.ts).
import { describe, expect, it } from 'vitest';
import { daysLeft } from '../../src/domain/days-left.ts';
import { invitationFollowUp, invitationFollowUps } from '../../src/domain/invitations.ts';
import { newPerson } from '../../src/domain/person.ts';
import { isDailyTimeReached, snapshotOf, summariseTeam, summaryDecision } from '../../src/domain/summary.ts';
import { applyEvents } from '../../src/domain/transitions.ts';
import type { PersonEvent } from '../../src/domain/events.ts';
import type { Person } from '../../src/domain/types.ts';
import { parseCalendar } from '../../src/domain/working-time.ts';

const T0 = Date.UTC(2026, 10, 26, 10);
const DAY = 86_400_000;
const cal = parseCalendar('09:00-17:00', '1,2,3,4,5', ['2026-12-24']);

function person(name: string, events: PersonEvent[] = []): Person {
  const r = applyEvents(
    newPerson({ email: `${name}@x.org`, firstName: name, lastName: 'Z', products: ['AutoCAD'] }, T0),
    events,
    T0,
  );
  if (!r.ok) throw r.error;
  return r.value;
}
const informed: PersonEvent[] = [{ type: 'product.assigned', product: 'AutoCAD' }, { type: 'inform.sent' }];

describe('summariseTeam', () => {
  const team = [
    person('Bea', [...informed, { type: 'inform.acknowledged' }]),
    person('Abe', [...informed, { type: 'inform.acknowledged' }]),
    person('Cy', informed),
    person('Di', [...informed, { type: 'inform.help', text: 'x' }]),
  ];

  it('sorts names into done, pending and needing help', () => {
    const s = summariseTeam(team, '2026-12-01');
    expect(s.team).toEqual({ done: ['Abe Z', 'Bea Z'], pending: ['Cy Z'], needsHelp: ['Di Z'] });
    expect(s.figures).toEqual({ done: 2, pending: 1, needsHelp: 1 });
    expect(s.allDone).toBe(false);
    expect(s.trend).toBeUndefined();
  });

  it('gives a trend only against an earlier day’s snapshot', () => {
    const prev = { date: '2026-11-30', done: 1, pending: 3, needsHelp: 0 };
    expect(summariseTeam(team, '2026-12-01', prev).trend).toEqual({ done: 1, pending: -2, needsHelp: 1 });
    expect(summariseTeam(team, '2026-11-30', prev).trend).toBeUndefined();
    expect(snapshotOf(summariseTeam(team, '2026-12-01'), '2026-12-01')).toEqual({
      date: '2026-12-01',
      done: 2,
      pending: 1,
      needsHelp: 1,
    });
  });

  it('sends the all-done summary once', () => {
    const done = summariseTeam([team[0]!], '2026-12-01');
    expect(done.allDone).toBe(true);
    expect(summaryDecision(done, false)).toEqual({ kind: 'send', final: true });
    expect(summaryDecision(done, true)).toEqual({ kind: 'skip', reason: 'all_done_told' });
    expect(summaryDecision(summariseTeam([], '2026-12-01'), false)).toEqual({ kind: 'skip', reason: 'no_people' });
    expect(summaryDecision(summariseTeam(team, '2026-12-01'), true)).toEqual({ kind: 'send', final: false });
  });
});

describe('isDailyTimeReached', () => {
  it('is true from the local time on a working day until midnight', () => {
    expect(isDailyTimeReached(Date.UTC(2026, 11, 1, 7, 29), 'Europe/Brussels', '08:30', cal)).toBe(false);
    expect(isDailyTimeReached(Date.UTC(2026, 11, 1, 7, 30), 'Europe/Brussels', '08:30', cal)).toBe(true);
    expect(isDailyTimeReached(Date.UTC(2026, 11, 1, 22, 59), 'Europe/Brussels', '08:30', cal)).toBe(true);
    expect(isDailyTimeReached(Date.UTC(2026, 11, 5, 12), 'Europe/Brussels', '08:30', cal)).toBe(false); // Saturday
    expect(isDailyTimeReached(Date.UTC(2026, 11, 24, 12), 'Europe/Brussels', '08:30', cal)).toBe(false); // holiday
    expect(isDailyTimeReached(Date.UTC(2026, 11, 1, 12), 'America/New_York', '08:30', cal)).toBe(false);
    expect(() => isDailyTimeReached(T0, 'UTC', '8h30', cal)).toThrow(/HH:MM/);
  });
});

describe('daysLeft', () => {
  it('counts calendar days in the reader’s zone', () => {
    const at = Date.UTC(2026, 11, 11, 16);
    expect(daysLeft(Date.UTC(2026, 10, 30, 10), at, 'Europe/Brussels')).toBe(11);
    expect(daysLeft(Date.UTC(2026, 11, 11, 8), at, 'Europe/Brussels')).toBe(0);
    // 23:30 UTC on the 10th is already the 11th in Brussels.
    expect(daysLeft(Date.UTC(2026, 11, 10, 23, 30), at, 'Europe/Brussels')).toBe(0);
    expect(daysLeft(at + 1, at, 'Europe/Brussels')).toBeUndefined();
  });
});

describe('invitation follow-up', () => {
  const invited = (sentAt: number) => ({
    id: `p${sentAt}`,
    invite: { status: 'invited' as const, at: sentAt, firstAt: sentAt, sends: 1 },
  });
  it('resends after 7 days and re-adds after 90, counted from the last sending', () => {
    const now = T0 + 100 * DAY;
    expect(invitationFollowUp(invited(now - 6 * DAY), now)).toBe('fresh');
    expect(invitationFollowUp(invited(now - 7 * DAY), now)).toBe('resend');
    expect(invitationFollowUp(invited(now - 90 * DAY), now)).toBe('readd');
    expect(invitationFollowUp({ invite: { status: 'active', at: 0 } }, now)).toBe('none');
    expect(invitationFollowUps([invited(now - DAY), invited(now - 8 * DAY), invited(now - 95 * DAY)], now)).toEqual({
      resend: [`p${now - 8 * DAY}`],
      readd: [`p${now - 95 * DAY}`],
    });
  });
});
