// Working-time arithmetic in a person's time zone: working days, working hours, holidays.
// Pure: every function takes the instant it reasons about.
//
// The reminder tick asks these questions for every due person, so they work on epoch milliseconds and a memoised
// zone offset instead of luxon DateTime objects (each of which asks Intl for the offset, microseconds a time). The
// arithmetic is luxon's own, step for step (`DateTime#plus({ days: 1 })`, `startOf('day')`, `set({ hour, minute })`),
// so results are the same to the millisecond, including DST gaps and overlaps; test/domain/working-time-fast.test.ts
// compares them with the plain luxon version over many zones and dates.
import { DateTime, FixedOffsetZone, IANAZone, Info, type Zone } from 'luxon';

export interface WorkingCalendar {
  /** ISO weekdays that are working days (1 = Monday ... 7 = Sunday). */
  workingDays: number[];
  /** Start and end of working hours, minutes after local midnight. */
  startMinute: number;
  endMinute: number;
  /** Local dates (YYYY-MM-DD) that are not working days. */
  holidays: string[];
}

/** Builds a calendar from the textual settings (`09:00-17:00`, `1,2,3,4,5`, dates). */
export function parseCalendar(hours: string, days: string, holidays: string[]): WorkingCalendar {
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(hours);
  if (!m) throw new Error(`working hours "${hours}" are not HH:MM-HH:MM`);
  const startMinute = Number(m[1]) * 60 + Number(m[2]);
  const endMinute = Number(m[3]) * 60 + Number(m[4]);
  if (endMinute <= startMinute) throw new Error(`working hours "${hours}" end before they start`);
  const workingDays = days.split(',').map(Number);
  if (workingDays.length === 0 || workingDays.some((d) => !(d >= 1 && d <= 7)))
    throw new Error(`working days "${days}" are not ISO weekdays 1-7`);
  return { workingDays, startMinute, endMinute, holidays };
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** luxon's (and Date's) range: instants beyond it make an invalid DateTime. */
const MAX_DATE = 8.64e15;
/** Memoised hours per zone before the memo starts afresh (a year is ~8,800 hours). */
const MAX_MEMO = 100_000;

// ---- Zone offsets ------------------------------------------------------------------------------------------------

/** A zone's offset (minutes east of UTC) at an instant, as luxon's `zone.offset(ts)` gives it. */
type OffsetAt = (ts: number) => number;

/** An hour in which the offset changes: `before` until the whole second `at`, `after` from it. */
interface Change {
  at: number;
  before: number;
  after: number;
}

/**
 * Memoises an IANA zone's offsets by UTC hour. An hour whose two ends have the same offset keeps it throughout (no
 * zone changes its offset and back within an hour); in an hour whose ends differ, the change is found to the second
 * (offsets are whole seconds to Intl, as they are to luxon).
 */
function memoisedOffsets(zone: Zone): OffsetAt {
  let hours = new Map<number, number | Change>();
  let edges = new Map<number, number>();
  const atEdge = (hour: number): number => {
    let o = edges.get(hour);
    if (o === undefined) edges.set(hour, (o = zone.offset(hour * HOUR)));
    return o;
  };
  const learn = (hour: number): number | Change => {
    if (hours.size >= MAX_MEMO) {
      hours = new Map();
      edges = new Map();
    }
    const before = atEdge(hour);
    const after = atEdge(hour + 1);
    let known: number | Change = before;
    if (before !== after && !(Number.isNaN(before) && Number.isNaN(after))) {
      let lo = (hour * HOUR) / 1000; // seconds with `before`
      let hi = lo + HOUR / 1000; // seconds with `after`
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zone.offset(mid * 1000) === before) lo = mid;
        else hi = mid;
      }
      known = { at: hi * 1000, before, after };
    }
    hours.set(hour, known);
    return known;
  };
  return (ts) => {
    const hour = Math.floor(ts / HOUR);
    const known = hours.get(hour) ?? learn(hour);
    if (typeof known === 'number') return known;
    return ts >= known.at ? known.after : known.before;
  };
}

const clocks = new Map<string, OffsetAt>();
/** Zone names memoised before the memo starts afresh (time zones come from people's profiles). */
const MAX_ZONES = 1000;

/**
 * The offsets of the zone luxon would use for `tz` (UTC when luxon does not know it, as before). IANA zones are
 * memoised; fixed offsets need no memo; the system and default zones are asked each time (they can change).
 */
function clockOf(tz: string): OffsetAt {
  const known = clocks.get(tz);
  if (known) return known;
  let zone = Info.normalizeZone(tz);
  if (!zone.isValid) zone = FixedOffsetZone.utcInstance;
  const lowered = tz.toLowerCase();
  const clock: OffsetAt = zone.type === 'iana' ? memoisedOffsets(zone) : (ts) => zone.offset(ts);
  if (lowered !== 'default' && lowered !== 'local' && lowered !== 'system') {
    if (clocks.size >= MAX_ZONES) clocks.clear();
    clocks.set(tz, clock);
  }
  return clock;
}

// ---- Local time, as luxon computes it ----------------------------------------------------------------------------

/** Local wall-clock milliseconds of `ts` at offset `o` (luxon's `tsToObj` then `objToLocalTS`). */
const wallOf = (ts: number, o: number): number => Math.trunc(ts + o * 60 * 1000);

/** luxon's `fixOffset`: the instant showing wall time `wall`; `o` picks between the two in a DST overlap. */
function fixOffset(wall: number, o: number, offset: OffsetAt): number {
  let utcGuess = wall - o * 60 * 1000;
  const o2 = offset(utcGuess);
  if (o === o2) return utcGuess;
  utcGuess -= (o2 - o) * 60 * 1000;
  const o3 = offset(utcGuess);
  if (o2 === o3) return utcGuess;
  // A gap (spring forward): the wall time does not exist, luxon moves on by the size of the gap.
  return wall - Math.min(o2, o3) * 60 * 1000;
}

/** `DateTime#plus({ days: 1 })`: the same wall time the next day. */
function nextDay(ts: number, offset: OffsetAt): number {
  const o = offset(ts);
  return fixOffset(wallOf(ts, o) + DAY, o, offset);
}

/**
 * `DateTime#startOf('day').set({ hour, minute })`: that wall-clock time of the day, so 09:00 stays 09:00 on a day the
 * clocks change (a time inside a spring-forward gap moves on by the gap, as in luxon).
 */
function openingOf(ts: number, minutes: number, offset: OffsetAt): number {
  const o = offset(ts);
  const midnight = fixOffset(Math.floor(wallOf(ts, o) / DAY) * DAY, o, offset);
  const om = offset(midnight);
  return fixOffset(Math.floor(wallOf(midnight, om) / DAY) * DAY + minutes * 60 * 1000, om, offset);
}

/** True when `at` is an instant luxon accepts (not NaN, within its range); what is not a number throws, as in luxon. */
function inRange(at: number): boolean {
  if (typeof at !== 'number') DateTime.fromMillis(at);
  return at >= -MAX_DATE && at <= MAX_DATE;
}

// ---- Calendars ---------------------------------------------------------------------------------------------------

interface CompiledCalendar {
  workingDays: number[];
  holidays: string[];
  /** Index = ISO weekday. */
  works: boolean[];
  /** Holidays as days since 1970-01-01. */
  holidayDays: Set<number>;
}

const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or undefined for anything luxon's `toISODate()` never prints. */
function epochDay(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return t.getTime() / DAY;
}

/** The calendar as lookups, memoised per calendar object (calendars are values: built once from the settings). */
function compile(cal: WorkingCalendar): CompiledCalendar {
  const known = compiled.get(cal);
  if (
    known &&
    known.workingDays === cal.workingDays &&
    known.holidays === cal.holidays &&
    known.workingDays.length === cal.workingDays.length &&
    known.holidays.length === cal.holidays.length
  )
    return known;
  const holidayDays = new Set<number>();
  for (const h of cal.holidays) {
    const day = typeof h === 'string' ? epochDay(h) : undefined;
    if (day !== undefined) holidayDays.add(day);
  }
  const works = [0, 1, 2, 3, 4, 5, 6, 7].map((d) => cal.workingDays.includes(d));
  const c: CompiledCalendar = { workingDays: cal.workingDays, holidays: cal.holidays, works, holidayDays };
  compiled.set(cal, c);
  return c;
}

/** ISO weekday (1 = Monday) of a day since 1970-01-01 (a Thursday). */
const weekdayOf = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

function worksOn(ts: number, offset: OffsetAt, c: CompiledCalendar): boolean {
  const day = Math.floor(wallOf(ts, offset(ts)) / DAY);
  return c.works[weekdayOf(day)] === true && !c.holidayDays.has(day);
}

// ---- The questions -----------------------------------------------------------------------------------------------

/** True on a working day that is not a holiday, in the zone. */
export function isWorkingDay(at: number, tz: string, cal: WorkingCalendar): boolean {
  if (!inRange(at)) return false;
  return worksOn(at, clockOf(tz), compile(cal));
}

/** True inside working hours of a working day. */
export function isWorkingTime(at: number, tz: string, cal: WorkingCalendar): boolean {
  if (!inRange(at)) return false;
  const offset = clockOf(tz);
  if (!worksOn(at, offset, compile(cal))) return false;
  const wall = wallOf(at, offset(at));
  const minute = Math.floor((wall - Math.floor(wall / DAY) * DAY) / 60_000);
  return minute >= cal.startMinute && minute < cal.endMinute;
}

/** `at` itself when inside working time, else the next opening of working hours. */
export function nextWorkingTime(at: number, tz: string, cal: WorkingCalendar): number {
  if (isWorkingTime(at, tz, cal)) return at;
  if (!inRange(at)) throw new Error('no working day within 400 days: check WORKING_DAYS and HOLIDAYS');
  const offset = clockOf(tz);
  const c = compile(cal);
  let d = at;
  const wall = wallOf(at, offset(at));
  const minute = Math.floor((wall - Math.floor(wall / DAY) * DAY) / 60_000);
  if (!worksOn(at, offset, c) || minute >= cal.endMinute) d = nextDay(d, offset);
  for (let i = 0; i < 400; i++) {
    const opening = openingOf(d, cal.startMinute, offset);
    if (worksOn(opening, offset, c)) return Math.max(opening, at);
    d = nextDay(d, offset);
  }
  throw new Error('no working day within 400 days: check WORKING_DAYS and HOLIDAYS');
}

/** The same local time `n` working days later (skipping non-working days and holidays). */
export function addWorkingDays(at: number, n: number, tz: string, cal: WorkingCalendar): number {
  if (!inRange(at)) return NaN;
  const offset = clockOf(tz);
  const c = compile(cal);
  let d = at;
  let left = n;
  for (let i = 0; left > 0 && i < 400 + n * 7; i++) {
    d = nextDay(d, offset);
    if (worksOn(d, offset, c)) left--;
  }
  return d;
}

/** The opening of working hours `n` working days after `at` (what "remind me later" means). */
export function workingDaysLaterAtOpening(at: number, n: number, tz: string, cal: WorkingCalendar): number {
  const later = addWorkingDays(at, n, tz, cal);
  return Number.isNaN(later) ? NaN : openingOf(later, cal.startMinute, clockOf(tz));
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: number, tz: string): string {
  if (!inRange(at)) return '';
  const offset = clockOf(tz);
  const d = new Date(Math.floor(wallOf(at, offset(at)) / DAY) * DAY);
  const year = d.getUTCFullYear();
  // luxon's toISODate: four-digit years, six digits and a sign outside 0..9999.
  const long = year > 9999 || year < 0;
  const y =
    year < 0 ? `-${String(-year).padStart(6, '0')}` : `${long ? '+' : ''}${String(year).padStart(long ? 6 : 4, '0')}`;
  return `${y}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** True when `tz` is an IANA zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  return IANAZone.isValidZone(tz);
}
