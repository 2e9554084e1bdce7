// The embedded engine (no Redis): per-platform lanes in this process with a token bucket, a concurrency cap,
// retries with backoff and a shared pause on 429; the same statuses and rules as the BullMQ engine.
import type { Platform } from '../ports/chat-channel.ts';
import { AdaptiveRate } from './adaptive-rate.ts';
import { createCampaignDesk, deliveryMethods } from './campaign-desk.ts';
import type { Delivery } from '../ports/delivery.ts';
import { backoffDelay, DEFAULT_BACKOFF_MS, DEFAULT_PROGRESS_EVERY_MS, type EngineOptions } from './engine-options.ts';
import { createMemoryStatusBook } from './memory-status-book.ts';
import { failForGood, serveRecipient, type ServeDeps } from './serve-recipient.ts';
import type { BookEntry, StatusBook } from './status-book.ts';
import { TokenBucket } from './token-bucket.ts';

interface Item {
  campaignId: string;
  entry: BookEntry;
  attempt: number;
}

/** A claim in one process only guards against this process: it just has to outlive a send. */
const CLAIM_TTL_MS = 60_000;

class Lane {
  readonly queue: Item[] = [];
  inFlight = 0;
  pausedUntil = 0;
  readonly bucket: TokenBucket;
  readonly rate: AdaptiveRate | undefined;
  private wake: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly platform: Platform,
    ratePerSec: number,
    private readonly engine: InProcessEngine,
  ) {
    // A burst of a tenth of a second's sends keeps pacing smooth without idling the workers.
    this.bucket = new TokenBucket(
      ratePerSec,
      Number.isFinite(ratePerSec) ? Math.max(1, Math.floor(ratePerSec / 10)) : 1,
    );
    this.rate =
      Number.isFinite(ratePerSec) && engine.opts.adaptive !== false
        ? new AdaptiveRate({ ceiling: ratePerSec })
        : undefined;
  }

  push(item: Item, front = false): void {
    if (front) this.queue.unshift(item);
    else this.queue.push(item);
    this.pump();
  }

  later(item: Item, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.push(item);
    }, ms);
    this.timers.add(t);
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  pump(): void {
    if (!this.engine.running) return;
    while (this.inFlight < this.engine.opts.concurrency && this.queue.length > 0) {
      const now = Date.now();
      const tuned = this.rate?.tick(now);
      if (tuned) this.bucket.setRate(tuned);
      const wait = this.pausedUntil > now ? this.pausedUntil - now : this.bucket.take(now);
      if (wait > 0) return this.sleep(wait);
      const item = this.queue.shift()!;
      this.inFlight += 1;
      void this.engine.run(this, item).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private sleep(ms: number): void {
    if (this.wake) return;
    this.wake = setTimeout(() => {
      this.wake = undefined;
      this.pump();
    }, ms);
  }

  /** Nothing in flight; with `andQueued`, nothing queued or waiting for a retry either. */
  idle(andQueued = false): boolean {
    return this.inFlight === 0 && (!andQueued || (this.queue.length === 0 && this.timers.size === 0));
  }

  clearTimers(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

class InProcessEngine {
  running = false;
  readonly lanes = new Map<Platform, Lane>();
  readonly deps: ServeDeps;

  constructor(
    readonly opts: EngineOptions,
    readonly book: StatusBook,
  ) {
    this.deps = { ...opts, book, claimTtlMs: CLAIM_TTL_MS };
  }

  laneFor(platform: Platform): Lane {
    let lane = this.lanes.get(platform);
    if (!lane) {
      lane = new Lane(platform, this.opts.rates[platform] ?? Number.POSITIVE_INFINITY, this);
      this.lanes.set(platform, lane);
    }
    return lane;
  }

  submit(campaignId: string, entries: BookEntry[]): void {
    for (const entry of entries)
      if (entry.platform) this.laneFor(entry.platform).push({ campaignId, entry, attempt: 1 });
  }

  withdraw(campaignId: string): void {
    for (const lane of this.lanes.values()) {
      for (let i = lane.queue.length - 1; i >= 0; i--)
        if (lane.queue[i]!.campaignId === campaignId) lane.queue.splice(i, 1);
    }
  }

  async run(lane: Lane, item: Item): Promise<void> {
    const { opts } = this;
    try {
      const r = await serveRecipient(this.deps, {
        campaignId: item.campaignId,
        entry: item.entry,
        attempt: item.attempt,
        maxAttempts: opts.maxAttempts,
        token: `local:${item.entry.job.key}`,
      });
      switch (r.kind) {
        case 'done':
          return;
        case 'retry':
          return lane.later(
            { ...item, attempt: item.attempt + 1 },
            backoffDelay(item.attempt, opts.backoffMs ?? DEFAULT_BACKOFF_MS),
          );
        case 'rate_limited': {
          const target = this.laneFor(r.platform);
          target.pause(r.retryAfterMs);
          const lowered = target.rate?.throttled(Date.now());
          if (lowered) target.bucket.setRate(lowered);
          return target.push(item, true);
        }
        case 'wait':
          if (r.why === 'throttled') {
            lane.pause(r.retryInMs);
            return lane.push(item, true);
          }
          return lane.later(item, r.retryInMs);
      }
    } catch (err) {
      // The book or the store failed, not the platform: retry like a transient error, and give up like one.
      opts.logger.warn(
        { campaignId: item.campaignId, jobKey: item.entry.job.key, err: (err as Error).message },
        'delivery step failed',
      );
      if (item.attempt < opts.maxAttempts)
        return lane.later(
          { ...item, attempt: item.attempt + 1 },
          backoffDelay(item.attempt, opts.backoffMs ?? DEFAULT_BACKOFF_MS),
        );
      await failForGood(this.deps, item.campaignId, item.entry).catch((e: unknown) =>
        opts.logger.error(
          { campaignId: item.campaignId, jobKey: item.entry.job.key, err: e instanceof Error ? e.message : String(e) },
          'failed delivery job not recorded',
        ),
      );
    }
  }
}

/** The Delivery port without Redis: state lives in this process (the embedded mode). */
export function createInProcessDelivery(
  opts: EngineOptions,
  book: StatusBook = createMemoryStatusBook(),
): Delivery & {
  /** Resolves when no send is in flight or queued (tests, graceful stop). */
  idle(): Promise<void>;
} {
  const engine = new InProcessEngine(opts, book);
  const desk = createCampaignDesk(
    { ...opts, book, progressEveryMs: opts.progressEveryMs ?? DEFAULT_PROGRESS_EVERY_MS },
    {
      submit: async (campaignId, entries) => engine.submit(campaignId, entries),
      withdraw: async (campaignId) => engine.withdraw(campaignId),
    },
  );
  const settledLanes = (andQueued = false) => [...engine.lanes.values()].every((l) => l.idle(andQueued));
  return {
    ...deliveryMethods(desk),
    async start() {
      engine.running = true;
      for (const lane of engine.lanes.values()) lane.pump();
    },
    async stop() {
      engine.running = false;
      desk.stopWatching();
      for (const lane of engine.lanes.values()) lane.clearTimers();
      while (!settledLanes()) await new Promise((r) => setTimeout(r, 10));
    },
    async idle() {
      while (!settledLanes(true)) await new Promise((r) => setTimeout(r, 10));
    },
  };
}
