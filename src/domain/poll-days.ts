// What the step-5 rule needs from polls older than the kept poll history: one summary a UTC day per server, so a
// quiet window of any length (90 days and more) can be proven without keeping every poll.
import type { LicenseCheckout, LicenseServerPoll } from './license-server.ts';

/** The polls of one UTC day, summed. */
export interface PollDay {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  firstAt: number;
  lastAt: number;
  upPolls: number;
  /** Up polls with licences in use. */
  busyPolls: number;
  downPolls: number;
  /** The latest busy poll of the day and its count. */
  lastBusyAt?: number;
  lastBusyInUse?: number;
  /** Who held licences that day (user@host once each, bounded). */
  checkouts: LicenseCheckout[];
}

/** Days kept per server: more than a year. */
export const MAX_POLL_DAYS = 400;
/** Checkouts kept per day: enough to name who is still on a server; the count that matters is "not zero". */
export const MAX_DAY_CHECKOUTS = 100;

const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The days with `poll` added (a new day, or its day updated), oldest first, at most `maxDays`. */
export function addPollToDays(days: readonly PollDay[], poll: LicenseServerPoll, maxDays = MAX_POLL_DAYS): PollDay[] {
  const key = dayOf(poll.at);
  const out = days.map((d) => ({ ...d, checkouts: [...d.checkouts] }));
  let d = out.find((x) => x.day === key);
  if (!d) {
    d = { day: key, firstAt: poll.at, lastAt: poll.at, upPolls: 0, busyPolls: 0, downPolls: 0, checkouts: [] };
    out.push(d);
    out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }
  d.firstAt = Math.min(d.firstAt, poll.at);
  d.lastAt = Math.max(d.lastAt, poll.at);
  if (poll.status === 'down') d.downPolls++;
  else {
    d.upPolls++;
    if (poll.inUse > 0) {
      d.busyPolls++;
      if (d.lastBusyAt === undefined || poll.at >= d.lastBusyAt) {
        d.lastBusyAt = poll.at;
        d.lastBusyInUse = poll.inUse;
      }
      const seen = new Set(d.checkouts.map((c) => `${c.user.toLowerCase()}@${c.host.toLowerCase()}`));
      for (const f of poll.features)
        for (const u of f.users) {
          const k = `${u.user.toLowerCase()}@${u.host.toLowerCase()}`;
          if (seen.has(k) || d.checkouts.length >= MAX_DAY_CHECKOUTS) continue;
          seen.add(k);
          d.checkouts.push({ user: u.user, host: u.host });
        }
    }
  }
  return out.slice(-maxDays);
}

/** The days wholly before the first kept poll: what the summaries add to the poll history. */
export function daysBefore(days: readonly PollDay[], polls: readonly LicenseServerPoll[]): PollDay[] {
  const first = polls.reduce((a, p) => Math.min(a, p.at), Infinity);
  return days.filter((d) => d.lastAt < first);
}
