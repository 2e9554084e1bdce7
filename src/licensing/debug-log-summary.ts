// Who last used which feature, from debug-log events: what an admin asks before switching a server off.
import type { LicenseEvent } from './debug-log-types.ts';

export interface LastUse {
  user: string;
  feature: string;
  /** The latest OUT or IN: the user held the licence until then. Absent when the user was only ever denied. */
  lastUsedAt?: number;
  lastOutAt?: number;
  lastInAt?: number;
  /** The latest DENIED or UNSUPPORTED request: the user still tried to use the server. */
  lastDeniedAt?: number;
  checkouts: number;
  hosts: string[];
}

const later = (a: number | undefined, b: number) => (a === undefined || b > a ? b : a);

/**
 * One entry per user and feature, sorted by user then feature. Users are grouped case-insensitively
 * (Windows reports the same login as "JDoe" and "jdoe"); the first spelling seen is kept.
 */
export function summariseLastUse(events: readonly LicenseEvent[]): LastUse[] {
  const byKey = new Map<string, LastUse>();
  for (const e of events) {
    const key = `${e.user.toLowerCase()}\u0000${e.feature}`;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { user: e.user, feature: e.feature, checkouts: 0, hosts: [] }));
    if (!entry.hosts.some((h) => h.toLowerCase() === e.host.toLowerCase())) entry.hosts.push(e.host);
    if (e.kind === 'OUT') {
      entry.checkouts++;
      entry.lastOutAt = later(entry.lastOutAt, e.at);
    } else if (e.kind === 'IN') {
      entry.lastInAt = later(entry.lastInAt, e.at);
    } else {
      entry.lastDeniedAt = later(entry.lastDeniedAt, e.at);
      continue;
    }
    entry.lastUsedAt = later(entry.lastUsedAt, e.at);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byKey.values()].sort(
    (a, b) => cmp(a.user.toLowerCase(), b.user.toLowerCase()) || cmp(a.feature, b.feature),
  );
}
