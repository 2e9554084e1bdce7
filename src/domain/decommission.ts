// Step 5: may this licence server be switched off? Only when everyone in scope has switched to named-user
// licensing, nobody has held a licence on it for a whole quiet window, and the polls prove that window.
import type { LicenseServerPoll, LicenseServerRecord } from './license-server.ts';
import { daysBefore, type PollDay } from './poll-days.ts';

export const DEFAULT_QUIET_WINDOW_MS = 7 * 24 * 3600 * 1000;
export const DEFAULT_MIN_QUIET_POLLS = 20;

export interface DecommissionInput {
  serverId: string;
  /** Poll history of this server, any order. */
  polls: readonly LicenseServerPoll[];
  /** The latest `OUT:` in the server's debug log, when one is read. */
  lastOutAt?: number;
  /** Person ids in scope of this server who have not switched every product yet (step 3). */
  notSwitched: readonly string[];
  /** People seen holding licences in the quiet window: matched person ids and login names nobody matched. */
  seen: { personIds: readonly string[]; logins: readonly string[] };
  /**
   * Daily summaries of the polls (poll-days.ts): the days before the first poll of `polls` count as polls too, so a
   * window longer than the kept history is proven. A day that starts before the window proves nothing quiet in it.
   */
  days?: readonly PollDay[];
  /** Borrowed licences at the newest up poll: they keep the server in use until they return (or are returned). */
  borrowed?: { holders: readonly StillOn[]; count: number; lastReturnAt: number };
  quietWindowMs?: number;
  minPolls?: number;
  now: number;
}

export type StillOn = { type: 'person'; personId: string } | { type: 'login'; login: string };

export type DecommissionReason =
  | { code: 'NOT_SWITCHED'; personIds: string[] }
  | { code: 'STILL_ON_SERVER'; personIds: string[]; logins: string[] }
  | { code: 'IN_USE'; lastInUseAt: number; inUse: number; busyPolls: number }
  | { code: 'BORROWED'; count: number; lastReturnAt: number; holders: StillOn[] }
  | { code: 'RECENT_CHECKOUT'; lastOutAt: number }
  | { code: 'NO_POLLS' }
  | { code: 'WINDOW_NOT_COVERED'; firstPollAt: number; windowStart: number }
  | { code: 'TOO_FEW_POLLS'; quietPolls: number; minPolls: number; downPolls: number };

export interface DecommissionReadiness {
  serverId: string;
  ready: boolean;
  /** Why not, each with the data a message needs; empty when ready. */
  reasons: DecommissionReason[];
  /** The latest time the server was seen in use (a poll with licences out, or an `OUT:` in the log). */
  lastUsedAt?: number;
  stillOn: StillOn[];
  windowStart: number;
}

/**
 * Decides whether a licence server may be switched off (step 5). Ready when every in-scope person has
 * switched, every up poll inside the quiet window shows 0 in use, the window is covered (the history starts
 * before it and at least `minPolls` up polls fall inside it; down polls prove nothing and are not counted),
 * no one is seen on the server, and the debug log, when given, shows no checkout inside the window.
 */
export function decommissionReadiness(input: DecommissionInput): DecommissionReadiness {
  const windowMs = input.quietWindowMs ?? DEFAULT_QUIET_WINDOW_MS;
  const minPolls = input.minPolls ?? DEFAULT_MIN_QUIET_POLLS;
  const windowStart = input.now - windowMs;
  const polls = [...input.polls].filter((p) => p.at <= input.now).sort((a, b) => a.at - b.at);
  const inWindow = polls.filter((p) => p.at >= windowStart);
  const up = inWindow.filter((p) => p.status === 'up');
  const busy = up.filter((p) => p.inUse > 0);
  const reasons: DecommissionReason[] = [];

  if (input.notSwitched.length) reasons.push({ code: 'NOT_SWITCHED', personIds: [...input.notSwitched] });
  const stillOn: StillOn[] = [
    ...input.seen.personIds.map((personId): StillOn => ({ type: 'person', personId })),
    ...input.seen.logins.map((login): StillOn => ({ type: 'login', login })),
  ];
  if (stillOn.length)
    reasons.push({ code: 'STILL_ON_SERVER', personIds: [...input.seen.personIds], logins: [...input.seen.logins] });
  const older = daysBefore(input.days ?? [], polls).filter((d) => d.firstAt <= input.now);
  const olderBusy = older.filter((d) => d.lastBusyAt !== undefined && d.lastBusyAt >= windowStart);
  const olderInWindow = older.filter((d) => d.firstAt >= windowStart);
  const lastBusy = busy.at(-1);
  const lastOlderBusy = olderBusy.at(-1);
  const busyCount = busy.length + olderBusy.reduce((n, d) => n + d.busyPolls, 0);
  if (lastBusy) reasons.push({ code: 'IN_USE', lastInUseAt: lastBusy.at, inUse: lastBusy.inUse, busyPolls: busyCount });
  else if (lastOlderBusy)
    reasons.push({
      code: 'IN_USE',
      lastInUseAt: lastOlderBusy.lastBusyAt!,
      inUse: lastOlderBusy.lastBusyInUse ?? 1,
      busyPolls: busyCount,
    });
  if (input.borrowed && input.borrowed.count > 0)
    reasons.push({
      code: 'BORROWED',
      count: input.borrowed.count,
      lastReturnAt: input.borrowed.lastReturnAt,
      holders: [...input.borrowed.holders],
    });
  if (input.lastOutAt !== undefined && input.lastOutAt >= windowStart)
    reasons.push({ code: 'RECENT_CHECKOUT', lastOutAt: input.lastOutAt });
  const firstAt = Math.min(polls[0]?.at ?? Infinity, older[0]?.firstAt ?? Infinity);
  const first = Number.isFinite(firstAt) ? { at: firstAt } : undefined;
  if (!first) reasons.push({ code: 'NO_POLLS' });
  else if (first.at > windowStart) reasons.push({ code: 'WINDOW_NOT_COVERED', firstPollAt: first.at, windowStart });
  const quietPolls = up.length - busy.length + olderInWindow.reduce((n, d) => n + d.upPolls - d.busyPolls, 0);
  const downPolls = inWindow.length - up.length + olderInWindow.reduce((n, d) => n + d.downPolls, 0);
  if (first && quietPolls < minPolls) reasons.push({ code: 'TOO_FEW_POLLS', quietPolls, minPolls, downPolls });

  const result: DecommissionReadiness = {
    serverId: input.serverId,
    ready: reasons.length === 0,
    reasons,
    stillOn,
    windowStart,
  };
  const lastUsedAt = latest(
    latest(
      polls.filter((p) => p.status === 'up' && p.inUse > 0).at(-1)?.at,
      older.findLast((d) => d.lastBusyAt)?.lastBusyAt,
    ),
    input.lastOutAt,
  );
  if (lastUsedAt !== undefined) result.lastUsedAt = lastUsedAt;
  return result;
}

/** Complete when every licence server is switched off; with none registered nothing proves it, so not complete. */
export function isMigrationComplete(servers: readonly Pick<LicenseServerRecord, 'decommissionedAt'>[]): boolean {
  return servers.length > 0 && servers.every((s) => s.decommissionedAt !== undefined);
}

function latest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
