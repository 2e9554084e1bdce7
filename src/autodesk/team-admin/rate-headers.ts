// Autodesk's pacing signals, read defensively: the header table of the Rate Limits page was not captured, so both the
// `X-RateLimit-*` names (named in the "first sync" walkthrough) and the IETF `RateLimit-*` names are accepted, and
// `X-RateLimit-Reset` may be epoch seconds, epoch milliseconds or seconds from now. `Retry-After` is seconds or an
// HTTP date. Every reading is bounded so a strange value cannot park the job for hours.

export interface RateSignal {
  /** Calls left in the team's window, when said. */
  remaining?: number;
  /** When the window starts again (epoch ms), when said. */
  resetAt?: number;
  /** How long to wait before the next call (ms), from Retry-After. */
  retryAfterMs?: number;
}

/** The longest wait any header may impose: a UTC minute and a little. */
export const MAX_WAIT_MS = 65_000;

type Headers = { get(name: string): string | null };

const first = (h: Headers, names: string[]) => {
  for (const n of names) {
    const v = h.get(n);
    if (v !== null && v.trim() !== '') return v.trim();
  }
  return undefined;
};

/** Seconds or an HTTP date → ms to wait (0–MAX_WAIT_MS), or undefined when unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.min(MAX_WAIT_MS, Math.round(Number(value) * 1000));
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/[a-z]/i.test(value)) return undefined;
  return Math.min(MAX_WAIT_MS, Math.max(0, at - now));
}

/** X-RateLimit-Reset in any of its plausible units → epoch ms, within MAX_WAIT_MS of now; undefined otherwise. */
export function parseReset(value: string | undefined, now: number): number | undefined {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value)) return undefined;
  const n = Number(value);
  let at: number;
  if (n > 1e12)
    at = n; // epoch ms
  else if (n > 1e9)
    at = n * 1000; // epoch seconds
  else at = now + n * 1000; // seconds from now
  return Math.min(now + MAX_WAIT_MS, Math.max(now, at));
}

export function readRateSignal(h: Headers, now: number): RateSignal {
  const rem = first(h, ['x-ratelimit-remaining', 'ratelimit-remaining']);
  const remaining = rem !== undefined && /^\d+$/.test(rem) ? Number(rem) : undefined;
  const resetAt = parseReset(first(h, ['x-ratelimit-reset', 'ratelimit-reset']), now);
  const retryAfterMs = parseRetryAfter(first(h, ['retry-after']), now);
  return {
    ...(remaining !== undefined ? { remaining } : {}),
    ...(resetAt !== undefined ? { resetAt } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}
