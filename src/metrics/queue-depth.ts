// Deliveries still waiting, read at scrape time: the campaigns the engine reported as running, asked for their
// current progress. On Redis the progress comes from the shared status book, so every replica reports the same depth.
import type { CampaignProgress, Delivery } from '../ports/delivery.ts';

const waiting = (p: CampaignProgress) => (p.cancelled ? 0 : p.queued + p.retrying);

export class QueueDepth {
  private readonly running = new Set<string>();

  constructor(private readonly delivery: Delivery) {}

  /** Follows the engine's progress reports (throttled, plus a last one when a campaign is done). */
  watch(): () => void {
    if (!this.delivery.onProgress) return () => undefined;
    return this.delivery.onProgress((p) => {
      if (waiting(p) > 0) this.running.add(p.campaignId);
      else this.running.delete(p.campaignId);
    });
  }

  /** Tells the tracker a campaign was started (the metrics module hears of it before the first report). */
  track(campaignId: string): void {
    this.running.add(campaignId);
  }

  async depth(): Promise<number> {
    let total = 0;
    for (const id of [...this.running]) {
      const p = await this.delivery.progress(id);
      const n = p ? waiting(p) : 0;
      if (n === 0) this.running.delete(id);
      total += n;
    }
    return total;
  }
}
