import { describe, expect, it } from 'vitest';
import { plannedOffAt } from '../../src/domain/planned-off.ts';
import { parseCalendar } from '../../src/domain/working-time.ts';

const cal = parseCalendar('09:00-17:00', '1,2,3,4,5', []);
const BXL = 'Europe/Brussels';
const utc = (iso: string) => Date.parse(iso);
/** Tuesday 3 November 2026, 11:00 in Brussels. */
const NOW = utc('2026-11-03T10:00:00Z');

describe('plannedOffAt', () => {
  it('is the end of working hours of that date in the caller’s zone', () => {
    expect(plannedOffAt('2026-12-11', BXL, cal, NOW)).toEqual({ ok: true, at: utc('2026-12-11T16:00:00Z') }); // 17:00 CET
    expect(plannedOffAt('2026-12-11', 'America/New_York', cal, NOW)).toEqual({
      ok: true,
      at: utc('2026-12-11T22:00:00Z'),
    }); // 17:00 EST
    expect(plannedOffAt('2026-12-11', BXL, parseCalendar('08:00-18:30', '1,2,3,4,5', []), NOW)).toEqual({
      ok: true,
      at: utc('2026-12-11T17:30:00Z'),
    });
  });

  it('keeps the wall-clock time on a daylight-saving day', () => {
    // Sunday 28 March 2027: Brussels moves to CEST (UTC+2) at 02:00; 17:00 stays 17:00.
    expect(plannedOffAt('2027-03-28', BXL, cal, NOW)).toEqual({ ok: true, at: utc('2027-03-28T15:00:00Z') });
  });

  it('accepts today while the working day lasts, and refuses it once it is over', () => {
    expect(plannedOffAt('2026-11-03', BXL, cal, NOW)).toEqual({ ok: true, at: utc('2026-11-03T16:00:00Z') });
    expect(plannedOffAt('2026-11-03', BXL, cal, utc('2026-11-03T16:00:00Z'))).toEqual({ ok: false, problem: 'past' });
    expect(plannedOffAt('2026-11-02', BXL, cal, NOW)).toEqual({ ok: false, problem: 'past' });
  });

  it('reads the date in the caller’s zone: late evening in Brussels is already tomorrow in Tokyo', () => {
    const evening = utc('2026-11-03T20:00:00Z'); // 21:00 in Brussels, 05:00 on the 4th in Tokyo
    expect(plannedOffAt('2026-11-04', 'Asia/Tokyo', cal, evening)).toEqual({
      ok: true,
      at: utc('2026-11-04T08:00:00Z'),
    });
    expect(plannedOffAt('2026-11-03', 'Asia/Tokyo', cal, evening)).toEqual({ ok: false, problem: 'past' });
  });

  it('refuses what is not a calendar date written YYYY-MM-DD', () => {
    for (const bad of [
      '2026-02-30',
      '2026-13-01',
      '2026-12',
      '11/12/2026',
      '2026-W50-1',
      '2026-12-11T10:00',
      ' 2026-12-11',
      'tomorrow',
      '',
    ])
      expect(plannedOffAt(bad, BXL, cal, NOW), bad).toEqual({ ok: false, problem: 'invalid_date' });
    expect(plannedOffAt('2028-02-29', BXL, cal, NOW).ok).toBe(true);
  });

  it('refuses a date more than three years ahead (a typo in the year)', () => {
    expect(plannedOffAt('2029-11-02', BXL, cal, NOW).ok).toBe(true);
    expect(plannedOffAt('2029-11-04', BXL, cal, NOW)).toEqual({ ok: false, problem: 'too_far' });
    expect(plannedOffAt('2062-12-11', BXL, cal, NOW)).toEqual({ ok: false, problem: 'too_far' });
  });

  it('falls back to UTC for a zone this runtime does not know', () => {
    expect(plannedOffAt('2026-12-11', 'Mars/Olympus', cal, NOW)).toEqual({ ok: true, at: utc('2026-12-11T17:00:00Z') });
  });
});
