// Parses a FlexNet debug log (lmgrd + vendor daemon, e.g. adskflex). Checkout lines carry only a time of day;
// the date comes from `TIMESTAMP M/D/YYYY` lines and start lines and is carried forward.
import { DateTime, IANAZone } from 'luxon';
import { summariseLastUse, type LastUse } from './debug-log-summary.ts';

export type { LicenseEvent, LicenseEventKind } from './debug-log-types.ts';
import type { LicenseEvent, LicenseEventKind } from './debug-log-types.ts';

export interface DebugLogReport {
  events: LicenseEvent[];
  lastUse: LastUse[];
  /** The latest checkout in the log. */
  lastOutAt?: number;
  /** Event lines seen before any date was known: they cannot be placed in time, so they are left out. */
  undated: number;
  /** Lines that looked like debug-log lines (`H:MM:SS (daemon) ...`), events or not. */
  logLines: number;
}

export interface DebugLogOptions {
  /** IANA time zone the licence server writes its log in; default UTC. */
  timeZone?: string;
}

const TIME = String.raw`^(?:(\d{1,2})/(\d{1,2})/(\d{4})\s+)?(\d{1,2}):(\d{2}):(\d{2})\s+\(([^)]+)\)\s+`;
const EVENT = new RegExp(
  TIME + String.raw`(OUT|IN|DENIED|UNSUPPORTED): "([^"]+)"\s+(?:\([^)]*\)\s+)?(.+?)@([^\s@]+)(.*)$`,
);
const TIMESTAMP = new RegExp(TIME + String.raw`TIMESTAMP (\d{1,2})/(\d{1,2})/(\d{4})`);
const DATE_AT_END = /\((\d{1,2})\/(\d{1,2})\/(\d{4})\)$/;
const ANY_TIME = new RegExp(TIME);
const COUNT = /\((\d+) licenses?\)|\[(\d+) licenses?\]/;
const REASON = /^\s*\((.*)\)\s*$/;
// A jump backwards of more than this in the time of day means midnight passed (a DST fall-back is only 1 h).
const ROLLOVER_SECONDS = 3 * 3600;

// No real log line comes near this; longer ones are skipped so crafted input cannot make the regexes crawl.
const MAX_LINE = 4096;

interface Day {
  y: number;
  m: number;
  d: number;
}

/** Parses a FlexNet debug log into timed checkout events and a per-user, per-feature last-use summary. */
export function parseDebugLog(text: string, options: DebugLogOptions = {}): DebugLogReport {
  const zone = options.timeZone ?? 'UTC';
  if (!IANAZone.isValidZone(zone))
    throw new RangeError(`unknown time zone "${zone}": use an IANA name such as Europe/Brussels`);
  const events: LicenseEvent[] = [];
  let day: Day | undefined;
  let lastSeconds = -1;
  let undated = 0;
  let logLines = 0;

  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line.length > MAX_LINE) continue;
    const time = ANY_TIME.exec(line);
    if (!time) continue;
    logLines++;
    const seconds = Number(time[4]) * 3600 + Number(time[5]) * 60 + Number(time[6]);
    const stamp = TIMESTAMP.exec(line);
    // A start line: "... started on lic01 (IBM PC) (6/23/2017)".
    const started = !stamp && line.includes('started on') ? DATE_AT_END.exec(line) : null;
    if (time[3]) day = { y: Number(time[3]), m: Number(time[1]), d: Number(time[2]) };
    else if (stamp) day = { y: Number(stamp[10]), m: Number(stamp[8]), d: Number(stamp[9]) };
    else if (started) day = { y: Number(started[3]), m: Number(started[1]), d: Number(started[2]) };
    else if (day && lastSeconds - seconds > ROLLOVER_SECONDS) day = nextDay(day);
    lastSeconds = seconds;

    const e = EVENT.exec(line);
    if (!e) continue;
    if (!day) {
      undated++;
      continue;
    }
    const at = DateTime.fromObject(
      { year: day.y, month: day.m, day: day.d, hour: Number(e[4]), minute: Number(e[5]), second: Number(e[6]) },
      { zone },
    );
    if (!at.isValid) continue;
    const event: LicenseEvent = {
      at: at.toMillis(),
      kind: e[8] as LicenseEventKind,
      daemon: e[7]!,
      feature: e[9]!,
      user: e[10]!.trim(),
      host: e[11]!,
    };
    const tail = e[12]!;
    const count = COUNT.exec(tail);
    if (count) event.licenses = Number(count[1] ?? count[2]);
    const reason = REASON.exec(tail.replace(COUNT, ''));
    if (reason?.[1]) event.reason = reason[1].trim();
    events.push(event);
  }

  const report: DebugLogReport = { events, lastUse: summariseLastUse(events), undated, logLines };
  for (const e of events) if (e.kind === 'OUT' && !(e.at <= (report.lastOutAt ?? -Infinity))) report.lastOutAt = e.at;
  return report;
}

function nextDay({ y, m, d }: Day): Day {
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return { y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate() };
}
