// The in-process rate limiter (GCRA): evenly spaced sends with a small burst allowance. Pure: the caller passes the time.

export class TokenBucket {
  /** Theoretical arrival time of the next send at the configured pace. */
  private tat = 0;
  private intervalMs: number;

  /**
   * @param ratePerSec sends per second; Infinity for no limit
   * @param burst sends allowed back to back after an idle period
   */
  constructor(
    ratePerSec: number,
    private readonly burst = 1,
  ) {
    this.intervalMs = 1000 / ratePerSec;
  }

  setRate(ratePerSec: number): void {
    this.intervalMs = 1000 / ratePerSec;
  }

  /** Takes a token if one is free (returns 0) or says how long to wait for one (nothing taken). */
  take(now: number): number {
    const tat = Math.max(this.tat, now);
    const tolerance = this.intervalMs * (this.burst - 1);
    if (tat - now > tolerance) return Math.max(1, Math.ceil(tat - now - tolerance));
    this.tat = tat + this.intervalMs;
    return 0;
  }
}
