import { describe, expect, it } from 'vitest';
import { RateMeter, toProgress } from '../../src/delivery/progress.ts';
import type { CampaignCounts } from '../../src/delivery/status-book.ts';

const counts = (c: Partial<CampaignCounts>): CampaignCounts => ({
  total: 100,
  queued: 0,
  sent: 0,
  retrying: 0,
  failed: 0,
  skipped: 0,
  startedAt: 1,
  cancelled: false,
  ...c,
});

describe('campaign progress', () => {
  it('estimates the time left from the measured rate, else the configured one', () => {
    expect(toProgress('c', counts({ queued: 90, sent: 10 }), 10, 48).etaMs).toBe(9000);
    expect(toProgress('c', counts({ queued: 40, retrying: 8, sent: 52 }), undefined, 48)).toMatchObject({
      etaMs: 1000,
      left: 48,
    });
    expect(toProgress('c', counts({ queued: 40 }), undefined, undefined).etaMs).toBeUndefined();
    expect(toProgress('c', counts({ sent: 99, failed: 1 }), 0, 48)).toMatchObject({ etaMs: 0, sent: 99, failed: 1 });
  });

  it('measures recipients done a second over the last seconds', () => {
    const m = new RateMeter();
    expect(m.observe('c', 0, 0)).toBeUndefined();
    expect(m.observe('c', 50, 1000)).toBe(50);
    expect(m.observe('c', 100, 2000)).toBe(50);
    // Nothing done for 18 s: the old samples fall out of the window and the rate drops to 0.
    expect(m.observe('c', 100, 20_000)).toBe(0);
    expect(m.observe('c', 400, 21_000)).toBeCloseTo(300 / 19, 5);
  });
});
