// BullMQ's limiter counts jobs in fixed windows; this picks a window holding a whole number of jobs at a given rate.

/** A rate with no limit still gets a (huge) limiter, because BullMQ's 429 pause only works on a limited queue. */
const UNLIMITED = { max: 1_000_000, duration: 1000 };

/**
 * `max` jobs per `duration` ms approximating `ratePerSec`, with windows of about `windowMs`. Shorter windows mean
 * smaller bursts at each window start; a window of one second matches a platform's per-second limit.
 */
export function limiterFor(ratePerSec: number, windowMs = 1000): { max: number; duration: number } {
  if (!Number.isFinite(ratePerSec)) return UNLIMITED;
  if (!(ratePerSec > 0)) throw new Error('rate must be positive');
  const max = Math.max(1, Math.round((ratePerSec * windowMs) / 1000));
  return { max, duration: Math.round((max * 1000) / ratePerSec) };
}

/** BullMQ job ids may not contain ':' nor be integers; delivery keys do contain ':'. */
export function jobIdFor(key: string): string {
  return `k-${encodeURIComponent(key)}`;
}
