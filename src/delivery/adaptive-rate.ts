// The send rate a platform gets: the configured ceiling until the platform answers 429, then lower, probing back up
// while it stays quiet. Pure: the caller passes the time.

export interface AdaptiveRateOptions {
  /** The configured rate (sends a second): never exceeded. */
  ceiling: number;
  /** Lowest rate as a share of the ceiling. */
  floorRatio?: number;
  /** Factor applied on a 429. */
  decrease?: number;
  /** Step back up, as a share of the ceiling, after each quiet period. */
  increase?: number;
  /** Quiet time (no 429) before each step up. */
  probeEveryMs?: number;
}

export class AdaptiveRate {
  private rate: number;
  private lastChangeAt = Number.NEGATIVE_INFINITY;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  private readonly floor: number;
  private readonly decrease: number;
  private readonly increase: number;
  private readonly probeEveryMs: number;

  constructor(private readonly opts: AdaptiveRateOptions) {
    this.rate = opts.ceiling;
    this.floor = opts.ceiling * (opts.floorRatio ?? 0.25);
    this.decrease = opts.decrease ?? 0.95;
    this.increase = opts.ceiling * (opts.increase ?? 0.025);
    this.probeEveryMs = opts.probeEveryMs ?? 5000;
  }

  get current(): number {
    return this.rate;
  }

  /**
   * A 429 came back: lowers the rate. Several 429s within one second (the sends already in flight when the first
   * came back) count once. Returns the new rate, or undefined when unchanged.
   */
  throttled(now: number): number | undefined {
    const first = now - this.lastThrottleAt >= 1000;
    this.lastThrottleAt = now;
    if (!first) return undefined;
    const next = Math.max(this.floor, this.rate * this.decrease);
    if (next === this.rate) return undefined;
    this.rate = next;
    this.lastChangeAt = now;
    return next;
  }

  /** Called now and then: after a quiet period, one step back towards the ceiling. Returns the new rate, if changed. */
  tick(now: number): number | undefined {
    if (this.rate >= this.opts.ceiling) return undefined;
    if (now - this.lastThrottleAt < this.probeEveryMs || now - this.lastChangeAt < this.probeEveryMs) return undefined;
    this.rate = Math.min(this.opts.ceiling, this.rate + this.increase);
    this.lastChangeAt = now;
    return this.rate;
  }
}
