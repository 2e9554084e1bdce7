// A quiet window longer than the kept poll history is proven from the daily summaries: 90 days of polls every 15
// minutes (8,640) with only the last 2,000 polls kept, as the store keeps them.
import { describe, expect, it } from 'vitest';
import { decommissionReadiness } from '../../src/domain/decommission.ts';
import type { LicenseServerPoll } from '../../src/domain/license-server.ts';
import { addPollToDays, MAX_POLL_DAYS, type PollDay } from '../../src/domain/poll-days.ts';

const MIN = 60_000;
const DAY = 1440 * MIN;
const KEPT = 2000;
const now = Date.UTC(2026, 11, 1, 12);

/** Polls every 15 minutes over `days` days up to now: the kept (newest `KEPT`) and the daily summaries of all. */
function simulate(days: number, busyAt: (at: number) => number = () => 0) {
  let summaries: PollDay[] = [];
  const all: LicenseServerPoll[] = [];
  for (let at = now - days * DAY; at <= now; at += 15 * MIN) {
    const inUse = busyAt(at);
    const poll: LicenseServerPoll = {
      at,
      status: 'up',
      inUse,
      features: inUse ? [{ name: '87545ACD_2024_0F', inUse, users: [{ user: 'jdoe', host: 'PC-0042' }] }] : [],
    };
    all.push(poll);
    summaries = addPollToDays(summaries, poll);
  }
  return { kept: all.slice(-KEPT), days: summaries, total: all.length };
}

const rule = (s: ReturnType<typeof simulate>, withDays = true) =>
  decommissionReadiness({
    serverId: 'lic01',
    polls: s.kept,
    ...(withDays && { days: s.days }),
    notSwitched: [],
    seen: { personIds: [], logins: [] },
    quietWindowMs: 90 * DAY,
    minPolls: 20,
    now,
  });

describe('a 90-day quiet window', () => {
  it('is proven from the daily summaries of 8,640 polls when only the last 2,000 are kept', () => {
    const s = simulate(91);
    expect(s.total).toBeGreaterThan(8640);
    expect(s.kept).toHaveLength(KEPT);
    expect(rule(s)).toMatchObject({ ready: true, reasons: [] });
    // The kept polls alone cover about 20.8 days: the window could never be proven.
    expect(rule(s, false).reasons.map((r) => r.code)).toEqual(['WINDOW_NOT_COVERED']);
  });

  it('is not proven when the server was used 60 days ago, long before the kept polls', () => {
    const busyAt = now - 60 * DAY;
    const s = simulate(91, (at) => (Math.abs(at - busyAt) < 20 * MIN ? 2 : 0));
    const r = rule(s);
    expect(r.ready).toBe(false);
    expect(r.reasons).toEqual([{ code: 'IN_USE', lastInUseAt: expect.any(Number), inUse: 2, busyPolls: 3 }]);
    expect(Math.abs((r.reasons[0] as { lastInUseAt: number }).lastInUseAt - busyAt)).toBeLessThan(20 * MIN);
    expect(r.lastUsedAt).toBe((r.reasons[0] as { lastInUseAt: number }).lastInUseAt);
  });

  it('is not covered when the polls started 80 days ago', () => {
    expect(rule(simulate(80)).reasons.map((r) => r.code)).toEqual(['WINDOW_NOT_COVERED']);
  });

  it('keeps one summary a UTC day, at most MAX_POLL_DAYS, with who was on the server', () => {
    const s = simulate(3, (at) => (at === now - DAY ? 1 : 0));
    expect(s.days.map((d) => d.day)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
    expect(s.days[2]).toMatchObject({ upPolls: 96, busyPolls: 1, downPolls: 0, checkouts: [{ user: 'jdoe' }] });
    let days: PollDay[] = [];
    for (let i = 0; i < MAX_POLL_DAYS + 5; i++)
      days = addPollToDays(days, { at: i * DAY, status: 'down', inUse: 0, features: [] });
    expect(days).toHaveLength(MAX_POLL_DAYS);
    expect(days[0]!.firstAt).toBe(5 * DAY);
  });
});
