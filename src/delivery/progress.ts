// A campaign's counters turned into what the admin sees: sent, failed, left, and when it should finish.
import type { CampaignProgress } from '../ports/delivery.ts';
import type { CampaignCounts } from './status-book.ts';

/** How far back the send rate is measured for the ETA. */
const WINDOW_MS = 15_000;

/** Remembers recent (time, recipients done) samples per campaign to measure the current rate. */
export class RateMeter {
  private readonly samples = new Map<string, { at: number; done: number }[]>();

  /** Adds a sample and returns recipients done per second over the last few seconds, when measurable. */
  observe(campaignId: string, done: number, now: number): number | undefined {
    const list = this.samples.get(campaignId) ?? [];
    list.push({ at: now, done });
    while (list.length > 2 && list[1]!.at <= now - WINDOW_MS) list.shift();
    this.samples.set(campaignId, list);
    const first = list[0]!;
    const elapsed = now - first.at;
    return elapsed >= 500 ? ((done - first.done) * 1000) / elapsed : undefined;
  }

  forget(campaignId: string): void {
    this.samples.delete(campaignId);
  }
}

/** Recipients still to serve: queued or waiting for a retry. */
export const leftOf = (c: Pick<CampaignCounts, 'queued' | 'retrying'>) => c.queued + c.retrying;

/**
 * Progress from counters. The ETA uses the measured rate, or `fallbackRatePerSec` (the configured limit) before
 * there is one; it is 0 when nothing is left.
 */
export function toProgress(
  campaignId: string,
  counts: CampaignCounts,
  ratePerSec: number | undefined,
  fallbackRatePerSec: number | undefined,
): CampaignProgress {
  const left = leftOf(counts);
  const progress: CampaignProgress = {
    campaignId,
    total: counts.total,
    queued: counts.queued,
    sent: counts.sent,
    retrying: counts.retrying,
    failed: counts.failed,
    skipped: counts.skipped,
    cancelled: counts.cancelled,
    startedAt: counts.startedAt,
    left,
  };
  if (ratePerSec !== undefined) progress.ratePerSec = Math.round(ratePerSec * 10) / 10;
  const rate = ratePerSec && ratePerSec > 0 ? ratePerSec : fallbackRatePerSec;
  if (left === 0) progress.etaMs = 0;
  else if (rate && rate > 0 && Number.isFinite(rate)) progress.etaMs = Math.round((left / rate) * 1000);
  return progress;
}
