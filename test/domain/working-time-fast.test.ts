// The working-time functions work on milliseconds and memoised offsets for speed. Here they are compared with the
// straightforward luxon version they replaced (kept below as the reference) over many seeded random instants, zones
// and calendars, with extra weight on the days around DST changes, where a chain of "+1 day" meets gaps and overlaps.
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { rng, type Rng } from '../helpers/random-people.ts';
import {
  addWorkingDays,
  isWorkingDay,
  isWorkingTime,
  localDate,
  nextWorkingTime,
  parseCalendar,
  workingDaysLaterAtOpening,
  type WorkingCalendar,
} from '../../src/domain/working-time.ts';

// ---- Reference: the luxon implementation, one DateTime per step ----------------------------------------------------
const ref = (() => {
  const local = (at: number, tz: string) => {
    const dt = DateTime.fromMillis(at, { zone: tz });
    return dt.isValid ? dt : DateTime.fromMillis(at, { zone: 'UTC' });
  };
  const isWorkingDay = (at: number, tz: string, cal: WorkingCalendar): boolean => {
    const d = local(at, tz);
    return cal.workingDays.includes(d.weekday) && !cal.holidays.includes(d.toISODate() ?? '');
  };
  const isWorkingTime = (at: number, tz: string, cal: WorkingCalendar): boolean => {
    if (!isWorkingDay(at, tz, cal)) return false;
    const d = local(at, tz);
    const minute = d.hour * 60 + d.minute;
    return minute >= cal.startMinute && minute < cal.endMinute;
  };
  const nextWorkingTime = (at: number, tz: string, cal: WorkingCalendar): number => {
    if (isWorkingTime(at, tz, cal)) return at;
    let d = local(at, tz);
    const minute = d.hour * 60 + d.minute;
    if (!isWorkingDay(at, tz, cal) || minute >= cal.endMinute) d = d.plus({ days: 1 });
    for (let i = 0; i < 400; i++) {
      const opening = d.startOf('day').set({ hour: Math.floor(cal.startMinute / 60), minute: cal.startMinute % 60 });
      if (isWorkingDay(opening.toMillis(), tz, cal)) return Math.max(opening.toMillis(), at);
      d = d.plus({ days: 1 });
    }
    throw new Error('no working day within 400 days: check WORKING_DAYS and HOLIDAYS');
  };
  const addWorkingDays = (at: number, n: number, tz: string, cal: WorkingCalendar): number => {
    let d = local(at, tz);
    let left = n;
    for (let i = 0; left > 0 && i < 400 + n * 7; i++) {
      d = d.plus({ days: 1 });
      if (isWorkingDay(d.toMillis(), tz, cal)) left--;
    }
    return d.toMillis();
  };
  const workingDaysLaterAtOpening = (at: number, n: number, tz: string, cal: WorkingCalendar): number =>
    local(addWorkingDays(at, n, tz, cal), tz)
      .startOf('day')
      .set({ hour: Math.floor(cal.startMinute / 60), minute: cal.startMinute % 60 })
      .toMillis();
  const localDate = (at: number, tz: string): string => local(at, tz).toISODate() ?? '';
  return { isWorkingDay, isWorkingTime, nextWorkingTime, addWorkingDays, workingDaysLaterAtOpening, localDate };
})();

// ---- Seeded generators -------------------------------------------------------------------------------------------

const DAY = 86_400_000;
const MINUTE = 60_000;
/** The zones the brief names, plus zones with odd transitions: Samoa skipped 30 December 2011, Santiago and Havana
 * change at midnight, Tehran dropped DST in 2022; then UTC, a fixed offset, and an unknown name (treated as UTC). */
const DST_ZONES = [
  'Europe/Brussels',
  'America/New_York',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Apia',
  'America/Santiago',
  'America/Havana',
  'Asia/Tehran',
];
const ZONES = [...DST_ZONES, 'Asia/Kolkata', 'UTC', 'UTC+5:30', 'Mars/Olympus'];

/** Every offset change of a zone between two instants, found by daily steps and bisection (with luxon). */
function transitions(tz: string, from: number, to: number): number[] {
  const zone = IANAZone.create(tz);
  const out: number[] = [];
  for (let t = from; t < to; t += DAY) {
    if (zone.offset(t) === zone.offset(t + DAY)) continue;
    let lo = t;
    let hi = t + DAY;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (zone.offset(mid) === zone.offset(lo)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

function calendar(r: Rng, around: number): WorkingCalendar {
  const workingDays = r.next() < 0.5 ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 7].filter(() => r.next() < 0.6);
  if (workingDays.length === 0) workingDays.push(r.int(1, 7));
  const start = r.next() < 0.4 ? 9 * 60 : r.next() < 0.2 ? 0 : r.int(0, 23 * 60);
  const end = r.next() < 0.4 && start < 17 * 60 ? 17 * 60 : r.int(start + 1, 24 * 60);
  const day0 = Math.floor(around / DAY);
  const holidays = Array.from({ length: r.int(0, 12) }, () => iso(day0 + r.int(-5, 40)));
  if (r.next() < 0.2) holidays.push('2026-2-5', 'Christmas', '2026-02-30', '');
  return { workingDays, startMinute: start, endMinute: end, holidays };
}

function outcome(f: () => number | string | boolean): unknown {
  try {
    return f();
  } catch (e) {
    return `throws: ${(e as Error).message}`;
  }
}

/** Runs every function both ways on one case; returns the first difference, or undefined. */
function compare(at: number, n: number, tz: string, cal: WorkingCalendar): string | undefined {
  const checks: [string, () => unknown, () => unknown][] = [
    ['isWorkingDay', () => isWorkingDay(at, tz, cal), () => ref.isWorkingDay(at, tz, cal)],
    ['isWorkingTime', () => isWorkingTime(at, tz, cal), () => ref.isWorkingTime(at, tz, cal)],
    ['localDate', () => localDate(at, tz), () => ref.localDate(at, tz)],
    [
      'nextWorkingTime',
      () => outcome(() => nextWorkingTime(at, tz, cal)),
      () => outcome(() => ref.nextWorkingTime(at, tz, cal)),
    ],
    ['addWorkingDays', () => addWorkingDays(at, n, tz, cal), () => ref.addWorkingDays(at, n, tz, cal)],
    [
      'workingDaysLaterAtOpening',
      () => workingDaysLaterAtOpening(at, n, tz, cal),
      () => ref.workingDaysLaterAtOpening(at, n, tz, cal),
    ],
  ];
  for (const [name, fast, slow] of checks) {
    const [a, b] = [fast(), slow()];
    if (!Object.is(a, b))
      return `${name}(${new Date(at).toISOString()} [${at}], n=${n}, ${tz}, ${JSON.stringify(cal)}): ${String(a)} instead of ${String(b)}`;
  }
  return undefined;
}

function expectSame(cases: [number, number, string, WorkingCalendar][]): void {
  const diffs = cases.map(([at, n, tz, cal]) => compare(at, n, tz, cal)).filter((d): d is string => d !== undefined);
  expect(diffs.slice(0, 5)).toEqual([]);
}

const FROM = Date.UTC(1995, 0, 1);
const TO = Date.UTC(2040, 0, 1);

describe('working time: fast path equals the luxon reference', () => {
  it('on random instants from 1995 to 2040, in every zone, with random calendars and holidays', () => {
    const r = rng(20261127);
    const cases: [number, number, string, WorkingCalendar][] = [];
    for (let i = 0; i < 1200; i++) {
      const at = r.int(FROM / MINUTE, TO / MINUTE) * MINUTE + (r.next() < 0.2 ? r.int(0, 59_999) : 0);
      cases.push([at, r.int(0, 12), r.pick(ZONES), calendar(r, at)]);
    }
    expectSame(cases);
  });

  it('around every DST change from 2008 to 2030, where "+1 day" lands in gaps and overlaps', () => {
    const r = rng(42);
    const cases: [number, number, string, WorkingCalendar][] = [];
    for (const tz of DST_ZONES) {
      const changes = transitions(tz, Date.UTC(2008, 0, 1), Date.UTC(2030, 0, 1));
      expect(changes.length, tz).toBeGreaterThan(2);
      for (const change of changes) {
        for (let k = 0; k < 4; k++) {
          // k days before the change, within 90 minutes of its wall time: day k of the chain meets it.
          const days = r.int(0, 6);
          const at = change - days * DAY + r.int(-90, 90) * MINUTE;
          const cal = k === 0 ? parseCalendar('09:00-17:00', '1,2,3,4,5', []) : calendar(r, at);
          if (k === 1) cal.startMinute = 0; // openings at midnight, which some zones skip
          cases.push([at, r.pick([days, days + 1, r.int(1, 10)]), tz, cal]);
        }
      }
    }
    expect(cases.length).toBeGreaterThan(1000);
    expectSame(cases);
  });

  it("on Samoa's missing day, a long chain, fractional and odd counts, and instants luxon cannot represent", () => {
    const cal = parseCalendar('09:00-17:00', '1,2,3,4,5', ['2011-12-30', '2012-01-02']);
    const week = parseCalendar('00:00-23:59', '1,2,3,4,5,6,7', []);
    const cases: [number, number, string, WorkingCalendar][] = [];
    for (let h = -72; h <= 72; h += 5)
      cases.push([Date.UTC(2011, 11, 29, 12) + h * 3_600_000, 1, 'Pacific/Apia', h % 2 ? cal : week]);
    for (const n of [0, -1, 1.5, 2.5, 60, NaN]) cases.push([Date.UTC(2026, 2, 27, 12), n, 'Europe/Brussels', cal]);
    for (const at of [NaN, 9e15, -9e15, 8.64e15 - 1, Infinity]) cases.push([at, 2, 'America/New_York', cal]);
    expectSame(cases);
  });

  it('still says when no working day is reachable, as before', () => {
    const holidays = Array.from({ length: 420 }, (_, i) => iso(Math.floor(Date.UTC(2026, 0, 1) / DAY) + i));
    const cal = parseCalendar('09:00-17:00', '1,2,3,4,5', holidays);
    const at = Date.UTC(2026, 0, 1, 12);
    expect(() => nextWorkingTime(at, 'Europe/Brussels', cal)).toThrow(/no working day within 400 days/);
    expect(compare(at, 3, 'Europe/Brussels', cal)).toBeUndefined();
  });
});
