import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  isValidTimeZone,
  isWorkingTime,
  localDate,
  nextWorkingTime,
  parseCalendar,
  workingDaysLaterAtOpening,
} from '../../src/domain/working-time.ts';

const cal = parseCalendar('09:00-17:00', '1,2,3,4,5', ['2026-12-25']);
const BXL = 'Europe/Brussels';
const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('working time', () => {
  it('knows working hours in the zone (Brussels is UTC+1 in winter)', () => {
    expect(isWorkingTime(utc('2026-11-30T08:30:00Z'), BXL, cal)).toBe(true); // Monday 09:30 local
    expect(isWorkingTime(utc('2026-11-30T07:30:00Z'), BXL, cal)).toBe(false); // 08:30 local
    expect(isWorkingTime(utc('2026-11-30T16:00:00Z'), BXL, cal)).toBe(false); // 17:00 local
    expect(isWorkingTime(utc('2026-11-28T10:00:00Z'), BXL, cal)).toBe(false); // Saturday
    expect(isWorkingTime(utc('2026-12-25T10:00:00Z'), BXL, cal)).toBe(false); // holiday
  });
  it('moves an instant to the next opening: evening, weekend, holiday', () => {
    expect(iso(nextWorkingTime(utc('2026-11-27T17:00:00Z'), BXL, cal))).toBe('2026-11-30T08:00:00.000Z'); // Friday 18:00 → Monday 09:00
    expect(iso(nextWorkingTime(utc('2026-11-30T06:00:00Z'), BXL, cal))).toBe('2026-11-30T08:00:00.000Z');
    expect(iso(nextWorkingTime(utc('2026-12-24T17:00:00Z'), BXL, cal))).toBe('2026-12-28T08:00:00.000Z'); // Thu evening, Fri holiday → Monday
    const inside = utc('2026-11-30T10:00:00Z');
    expect(nextWorkingTime(inside, BXL, cal)).toBe(inside);
  });
  it('adds working days across weekends and holidays, keeping the local time', () => {
    expect(iso(addWorkingDays(utc('2026-11-27T10:00:00Z'), 1, BXL, cal))).toBe('2026-11-30T10:00:00.000Z'); // Friday → Monday
    expect(iso(addWorkingDays(utc('2026-12-23T10:00:00Z'), 2, BXL, cal))).toBe('2026-12-28T10:00:00.000Z'); // Wed → Thu, (Fri holiday) → Mon
    expect(iso(workingDaysLaterAtOpening(utc('2026-11-27T15:00:00Z'), 1, BXL, cal))).toBe('2026-11-30T08:00:00.000Z');
  });
  it("follows each person's zone and daylight saving time", () => {
    const ny = 'America/New_York';
    expect(iso(nextWorkingTime(utc('2026-11-30T08:00:00Z'), ny, cal))).toBe('2026-11-30T14:00:00.000Z'); // 09:00 EST
    expect(iso(workingDaysLaterAtOpening(utc('2026-03-27T12:00:00Z'), 1, BXL, cal))).toBe('2026-03-30T07:00:00.000Z'); // after the switch to CEST
    expect(localDate(utc('2026-11-30T23:30:00Z'), BXL)).toBe('2026-12-01');
  });
  it('rejects bad settings and knows valid zones', () => {
    expect(() => parseCalendar('17:00-09:00', '1', [])).toThrow(/end before/);
    expect(() => parseCalendar('09:00-17:00', '0,8', [])).toThrow(/weekdays/);
    expect(isValidTimeZone('Europe/Brussels')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
  it('opens at 09:00 on the clock on a day the clocks change, not nine hours after midnight', () => {
    const everyDay = parseCalendar('09:00-17:00', '1,2,3,4,5,6,7', []);
    // Sunday 29 March 2026: Brussels springs forward at 02:00, so 09:00 is 07:00 UTC (not 08:00).
    expect(iso(workingDaysLaterAtOpening(utc('2026-03-28T11:00:00Z'), 1, BXL, everyDay))).toBe(
      '2026-03-29T07:00:00.000Z',
    );
    expect(iso(nextWorkingTime(utc('2026-03-29T05:00:00Z'), BXL, everyDay))).toBe('2026-03-29T07:00:00.000Z');
    // Sunday 25 October 2026: back to UTC+1 at 03:00, so 09:00 is 08:00 UTC.
    expect(iso(nextWorkingTime(utc('2026-10-25T04:00:00Z'), BXL, everyDay))).toBe('2026-10-25T08:00:00.000Z');
    // Cairo moves its clocks at midnight (Friday 24 April 2026): the day starts at 01:00, working hours still at 09:00.
    expect(iso(nextWorkingTime(utc('2026-04-23T22:30:00Z'), 'Africa/Cairo', everyDay))).toBe(
      '2026-04-24T06:00:00.000Z',
    );
  });
});
