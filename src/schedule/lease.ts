// Exactly one replica runs each tick: the first to take `tick:<job>:<scheduled minute>` in the store.

/** The minute a tick belongs to, in UTC: `202611300910`. */
export function minuteStamp(now: number): string {
  return new Date(Math.floor(now / 60_000) * 60_000).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

export const tickLeaseName = (job: string, now: number): string => `tick:${job}:${minuteStamp(now)}`;

/**
 * Long enough that every replica's cron has fired for that minute before the lease lapses, so a replica whose clock
 * runs a little behind cannot take it again.
 */
export const TICK_LEASE_TTL_MS = 10 * 60_000;
