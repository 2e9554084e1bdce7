// The playground's clock control on its own: where "next summary" lands, what a jump reports, one tick a minute.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/ports/clock.ts';
import { loadConfig } from '../../src/config.ts';
import type { Scheduler } from '../../src/ports/scheduler.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { countsOf, nextSummaryAt, TimeControl } from '../../src/playground/time-control.ts';

const config = loadConfig({ SUMMARY_TIME: '08:30', DEFAULT_TIMEZONE: 'Europe/Brussels', HOLIDAYS: '2026-12-25' });
const utc = (iso: string) => Date.parse(iso);
/** A scheduler for a control whose clock never moves: nothing may run. */
const NO_SCHEDULER = {
  runDueJobs: () => Promise.reject(new Error('no tick may run')),
} as unknown as Scheduler;

describe('next summary', () => {
  it('is SUMMARY_TIME local on the next working day, skipping weekends and holidays', () => {
    expect(new Date(nextSummaryAt(utc('2026-11-30T06:00:00Z'), config)).toISOString()).toBe('2026-11-30T07:30:00.000Z');
    expect(new Date(nextSummaryAt(utc('2026-11-30T07:30:00Z'), config)).toISOString()).toBe('2026-12-01T07:30:00.000Z');
    expect(new Date(nextSummaryAt(utc('2026-11-27T12:00:00Z'), config)).toISOString()).toBe('2026-11-30T07:30:00.000Z');
    expect(new Date(nextSummaryAt(utc('2026-12-24T12:00:00Z'), config)).toISOString()).toBe('2026-12-28T07:30:00.000Z');
  });
});

describe('time control', () => {
  const start = utc('2026-11-30T10:00:00Z');
  function control() {
    const clock = new ManualClock({ now: () => start });
    const runs: number[] = [];
    const scheduler = {
      runDueJobs: async (now: number) => {
        runs.push(now);
        return [
          {
            job: 'reminders',
            at: now,
            ran: true,
            result: { considered: 2, reminded: 1, escalated: 0, sent: ['a', 'b'] },
          },
          { job: 'summaries', at: now, ran: false, reason: 'lease_taken' },
        ];
      },
    } as unknown as Scheduler;
    return { clock, runs, time: new TimeControl(clock, createMemoryStore('tc'), config, scheduler) };
  }

  it('moves forward, runs the due jobs at the new instant and reports their counts', async () => {
    const { clock, runs, time } = control();
    const r = await time.jump({ kind: 'by', ms: 3_600_000 });
    expect(clock.now()).toBe(start + 3_600_000);
    expect(runs).toEqual([start + 3_600_000]);
    expect(r.ran).toEqual({ 'reminders.considered': 2, 'reminders.reminded': 1, 'reminders.sent': 2 });
  });

  it("moves to the next minute when asked twice for the same one, so the scheduler's per-minute lease lets the tick run", async () => {
    const { runs, time } = control();
    await time.jump({ kind: 'by', ms: 1000 });
    await time.jump({ kind: 'next-reminder' });
    expect(runs[1]).toBe(Math.floor(runs[0]! / 60_000) * 60_000 + 60_000);
  });

  it("cannot move a clock that is not the playground's", async () => {
    const time = new TimeControl({ now: () => start }, createMemoryStore('tc2'), config, NO_SCHEDULER);
    expect(time.movable).toBe(false);
    await expect(time.jump({ kind: 'by', ms: 1 })).rejects.toThrow(/cannot move/);
  });

  it('counts nested results, ignoring zeros', () => {
    expect(countsOf('s', { managers: { sent: ['x'], skipped: { none: 0 } }, n: 0 }, 3)).toEqual({
      's.managers.sent': 1,
    });
  });
});
