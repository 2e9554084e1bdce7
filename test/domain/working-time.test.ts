import { describe, expect, it } from 'vitest';
import { addWorkingDays, calendarFrom, DEFAULT_CALENDAR } from '../../src/domain/working-time.ts';

const BRU = 'Europe/Brussels';

describe('addWorkingDays', () => {
  it('moves a Friday afternoon snooze to Monday 9:00 local time', () => {
    const friday = Date.parse('2026-11-06T15:30:00Z'); // 16:30 in Brussels (CET)
    expect(new Date(addWorkingDays(friday, 1, BRU)).toISOString()).toBe('2026-11-09T08:00:00.000Z');
  });

  it('moves a midweek snooze to the next day', () => {
    const tuesday = Date.parse('2026-11-03T10:00:00Z');
    expect(new Date(addWorkingDays(tuesday, 1, BRU)).toISOString()).toBe('2026-11-04T08:00:00.000Z');
  });

  it('counts Saturday and Sunday as nothing', () => {
    const saturday = Date.parse('2026-11-07T10:00:00Z');
    const sunday = Date.parse('2026-11-08T22:00:00Z'); // 23:00 Sunday in Brussels
    expect(new Date(addWorkingDays(saturday, 1, BRU)).toISOString()).toBe('2026-11-09T08:00:00.000Z');
    expect(new Date(addWorkingDays(sunday, 1, BRU)).toISOString()).toBe('2026-11-09T08:00:00.000Z');
    expect(new Date(addWorkingDays(saturday, 2, BRU)).toISOString()).toBe('2026-11-10T08:00:00.000Z');
  });

  it('uses the local date, not the UTC one', () => {
    // 23:30 UTC on Thursday is already Friday 00:30 in Brussels: one working day later is Monday.
    const thursdayUtc = Date.parse('2026-11-05T23:30:00Z');
    expect(new Date(addWorkingDays(thursdayUtc, 1, BRU)).toISOString()).toBe('2026-11-09T08:00:00.000Z');
    // …but still Thursday in New York: Friday 9:00 there.
    expect(new Date(addWorkingDays(thursdayUtc, 1, 'America/New_York')).toISOString()).toBe('2026-11-06T14:00:00.000Z');
  });

  it('lands on 9:00 wall-clock time across a daylight-saving change', () => {
    const friday = Date.parse('2026-03-27T15:00:00Z'); // CET; Monday is CEST
    expect(new Date(addWorkingDays(friday, 1, BRU)).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    const autumn = Date.parse('2026-10-23T14:00:00Z'); // CEST; Monday is CET
    expect(new Date(addWorkingDays(autumn, 1, BRU)).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('skips holidays and honours the configured days and start time', () => {
    const cal = calendarFrom('1,2,3,4', '08:30-16:00', ['2026-11-11']);
    const tuesday = Date.parse('2026-11-10T10:00:00Z');
    // Wednesday 11 is a holiday: Thursday 08:30.
    expect(new Date(addWorkingDays(tuesday, 1, BRU, cal)).toISOString()).toBe('2026-11-12T07:30:00.000Z');
    // Thursday + 1: Friday is not a working day in this calendar.
    expect(new Date(addWorkingDays(Date.parse('2026-11-12T10:00:00Z'), 1, BRU, cal)).toISOString()).toBe('2026-11-16T07:30:00.000Z');
  });

  it('rejects bad input', () => {
    const now = Date.parse('2026-11-03T10:00:00Z');
    expect(() => addWorkingDays(now, 0, BRU)).toThrow(/≥ 1/);
    expect(() => addWorkingDays(now, 1, 'Mars/Olympus')).toThrow(/time zone/);
    expect(() => addWorkingDays(now, 1, BRU, { ...DEFAULT_CALENDAR, days: [1], holidays: [] })).not.toThrow();
    expect(() => calendarFrom('', '09:00-17:00')).toThrow(/working day/);
    expect(() => calendarFrom('1,2', 'nine')).toThrow(/09:00/);
  });
});
