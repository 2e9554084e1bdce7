// When to try Microsoft Graph again and how long to wait: Retry-After when Graph says, jittered backoff otherwise.

/** Throttled or briefly unavailable: worth another attempt. */
export const RETRY_STATUSES = new Set([429, 503, 504]);

const BASE_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
/** A Retry-After longer than this is capped: a chat command should not hang for minutes. */
export const MAX_RETRY_AFTER_MS = 120_000;

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/** Exponential backoff with equal jitter: half fixed, half random, so parallel callers spread out. */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
