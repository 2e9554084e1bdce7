// Turns one lmstat report into the poll the decommission rule reads (src/domain/license-server.ts).
import type { LicenseServerPoll } from '../domain/license-server.ts';
import type { LmstatReport, LmstatUser } from './lmstat-types.ts';

const START = /^\w{3} (\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * When a checkout started, from lmstat's "Tue 12/1 9:02" (no year, the server's local time, read as UTC): the
 * latest such date not after the poll (a day's slack for time zones). Undefined when unreadable.
 */
export function checkoutStartAt(start: string, at: number): number | undefined {
  const m = START.exec(start);
  if (!m) return undefined;
  const [month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const year = new Date(at).getUTCFullYear();
  const t = Date.UTC(year, month - 1, day, hour, minute);
  return t > at + DAY_MS ? Date.UTC(year - 1, month - 1, day, hour, minute) : t;
}

/** When a borrowed checkout returns by itself: its start plus the longest linger lmstat shows. */
export function borrowedUntil(u: Pick<LmstatUser, 'start' | 'linger'>, at: number): number | undefined {
  if (!u.linger) return undefined;
  const start = checkoutStartAt(u.start, at) ?? at;
  return start + Math.max(...u.linger) * 1000;
}

/**
 * One poll from one `lmstat -a -c <address>` run. The poll is up only when lmstat showed at least one server
 * and every server in the output was up: a partial answer cannot prove that nobody uses the licences.
 */
export function pollFromLmstat(report: LmstatReport, at: number): LicenseServerPoll {
  const servers = report.servers;
  const up = servers.length > 0 && servers.every((s) => s.status === 'up');
  const features = servers.flatMap((s) =>
    s.features.map((f) => ({
      name: f.name,
      inUse: f.inUse,
      users: f.users.map((u) => {
        const until = borrowedUntil(u, at);
        return until === undefined
          ? { user: u.user, host: u.host }
          : { user: u.user, host: u.host, borrowedUntil: until };
      }),
    })),
  );
  if (!up) return { at, status: 'down', inUse: 0, features: [] };
  return { at, status: 'up', inUse: features.reduce((n, f) => n + f.inUse, 0), features };
}
