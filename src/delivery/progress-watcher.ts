// Pushes running campaigns' progress to listeners (the admin's *sending* card) at most once per interval, and once
// more when a campaign has nothing left, then takes it off the active list.
import type { Logger } from '../log.ts';
import type { CampaignProgress, ProgressListener } from '../ports/delivery.ts';
import { leftOf } from './progress.ts';
import type { StatusBook } from './status-book.ts';

export class ProgressWatcher {
  private readonly listeners = new Set<ProgressListener>();
  private readonly lastSeen = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly book: StatusBook,
    private readonly progress: (campaignId: string) => Promise<CampaignProgress | undefined>,
    private readonly everyMs: number,
    private readonly logger: Logger,
  ) {}

  subscribe(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    this.timer ??= setInterval(() => void this.poll(), this.everyMs).unref();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One look at every active campaign (exported for the engines' stop(), which flushes a last update). */
  async poll(): Promise<void> {
    if (this.polling || this.listeners.size === 0) return;
    this.polling = true;
    try {
      for (const id of await this.book.active()) {
        const p = await this.progress(id);
        if (!p) continue;
        const finished = leftOf(p) === 0;
        const seen = JSON.stringify([p.total, p.queued, p.sent, p.retrying, p.failed, p.skipped, p.cancelled]);
        if (this.lastSeen.get(id) !== seen) {
          this.lastSeen.set(id, seen);
          for (const listener of this.listeners) {
            try {
              await listener(p);
            } catch (err) {
              this.logger.warn(
                { campaignId: id, err: err instanceof Error ? err.name : 'error' },
                'progress listener failed',
              );
            }
          }
        }
        if (finished) {
          await this.book.deactivate(id);
          this.lastSeen.delete(id);
        }
      }
    } catch (err) {
      this.logger.warn({ err: err instanceof Error ? err.message : 'error' }, 'progress poll failed');
    } finally {
      this.polling = false;
    }
  }
}
