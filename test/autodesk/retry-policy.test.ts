import { describe, expect, it } from 'vitest';
import { backoffMs, MAX_RETRY_AFTER_MS, retryAfterMs } from '../../src/autodesk/entra/retry-policy.ts';

describe('retry policy', () => {
  const now = Date.UTC(2026, 0, 5, 10, 0, 0);
  it('reads Retry-After as seconds or an HTTP date, capped', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Mon, 05 Jan 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 05 Jan 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  it('doubles the backoff per attempt, jittered within the upper half, capped at 30 s', () => {
    expect([1, 2, 3].map((a) => backoffMs(a, () => 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((a) => backoffMs(a, () => 1))).toEqual([1000, 2000, 4000]);
    expect(backoffMs(20, () => 1)).toBe(30_000);
  });
});
