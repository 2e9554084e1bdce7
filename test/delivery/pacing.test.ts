import { describe, expect, it } from 'vitest';
import { AdaptiveRate } from '../../src/delivery/adaptive-rate.ts';
import { backoffDelay, configuredRates } from '../../src/delivery/engine-options.ts';
import { jobIdFor, limiterFor } from '../../src/delivery/redis/limiter.ts';
import { TokenBucket } from '../../src/delivery/token-bucket.ts';

describe('TokenBucket', () => {
  it('spaces sends evenly at the rate after the burst is used', () => {
    const b = new TokenBucket(10, 2);
    expect(b.take(0)).toBe(0);
    expect(b.take(0)).toBe(0);
    expect(b.take(0)).toBe(100);
    expect(b.take(100)).toBe(0);
    expect(b.take(100)).toBe(100);
    expect(b.take(150)).toBe(50);
  });

  it('lets 1000 sends through in 100 s at 10 a second, not faster', () => {
    const b = new TokenBucket(10, 1);
    let now = 0;
    let sent = 0;
    while (sent < 1000) {
      const wait = b.take(now);
      if (wait === 0) sent += 1;
      else now += wait;
    }
    expect(now).toBeGreaterThanOrEqual(99_900);
    expect(now).toBeLessThanOrEqual(100_000);
  });

  it('never makes anyone wait without a limit', () => {
    const b = new TokenBucket(Number.POSITIVE_INFINITY);
    for (let i = 0; i < 1000; i++) expect(b.take(0)).toBe(0);
  });
});

describe('AdaptiveRate', () => {
  it('lowers the rate once per burst of 429s, down to a floor, and probes back up while quiet', () => {
    const r = new AdaptiveRate({ ceiling: 50, decrease: 0.8, increase: 0.05, probeEveryMs: 10_000 });
    expect(r.throttled(0)).toBe(40);
    expect(r.throttled(200)).toBeUndefined();
    expect(r.throttled(1500)).toBe(32);
    for (let t = 3000; t < 30_000; t += 1100) r.throttled(t);
    expect(r.current).toBe(12.5);
    expect(r.tick(35_000)).toBeUndefined();
    expect(r.tick(40_000)).toBe(15);
    expect(r.tick(45_000)).toBeUndefined();
    expect(r.tick(50_000)).toBe(17.5);
    for (let t = 60_000; t < 400_000; t += 10_000) r.tick(t);
    expect(r.current).toBe(50);
    expect(r.tick(500_000)).toBeUndefined();
  });

  it('by default gives up 5% on a 429 and is back at the ceiling after two quiet periods', () => {
    const r = new AdaptiveRate({ ceiling: 48 });
    expect(r.throttled(0)).toBeCloseTo(45.6, 5);
    expect(r.tick(4000)).toBeUndefined();
    expect(r.tick(5000)).toBeCloseTo(46.8, 5);
    expect(r.tick(10_000)).toBe(48);
  });
});

describe('limiterFor', () => {
  it('keeps the rate with a whole number of jobs per window', () => {
    expect(limiterFor(48)).toEqual({ max: 48, duration: 1000 });
    expect(limiterFor(9.6)).toEqual({ max: 10, duration: 1042 });
    expect(limiterFor(48, 250)).toEqual({ max: 12, duration: 250 });
    expect(limiterFor(0.5)).toEqual({ max: 1, duration: 2000 });
    expect(limiterFor(Number.POSITIVE_INFINITY).max).toBeGreaterThan(100_000);
    expect(() => limiterFor(0)).toThrow();
  });

  it('turns keys into BullMQ job ids without ":" that are never integers', () => {
    expect(jobIdFor('step4:a@b.c:1')).not.toContain(':');
    expect(jobIdFor('123')).not.toMatch(/^\d+$/);
    expect(jobIdFor('step4:a:1')).not.toBe(jobIdFor('step4:a:2'));
  });
});

describe('backoffDelay and configured rates', () => {
  it('doubles each attempt with jitter between half and the full delay', () => {
    expect(backoffDelay(1, 1000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, () => 1)).toBe(8000);
    expect(backoffDelay(4, 1000, () => 0)).toBe(4000);
  });

  it('reads Teams per second and Slack per minute', () => {
    const r = configuredRates({ TEAMS_RATE_PER_SEC: 48, SLACK_RATE_PER_MIN: 60 });
    expect(r).toEqual({ teams: 48, slack: 1, playground: Number.POSITIVE_INFINITY });
  });
});
