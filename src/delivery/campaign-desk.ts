// The part of the Delivery port both engines share: checking and registering jobs, progress, cancel and resend.
// An engine plugs in how jobs get onto its queue and off it again.
import type { ChatChannel, Platform } from '../ports/chat-channel.ts';
import type { Clock } from '../ports/clock.ts';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from '../log.ts';
import type { MigrationStore } from '../store/store.ts';
import type { CampaignProgress, Delivery, DeliveryJob, RecipientStatus } from '../ports/delivery.ts';
import { pickChannel } from './pick-channel.ts';
import { RateMeter, toProgress } from './progress.ts';
import { ProgressWatcher } from './progress-watcher.ts';
import { CAMPAIGN_ID, type BookEntry, type StatusBook } from './status-book.ts';

export interface QueueSide {
  /** Puts registered recipients on the engine's queue (re-submitting one already queued is harmless). */
  submit(campaignId: string, entries: BookEntry[]): Promise<void>;
  /** Takes cancelled recipients off the queue, as far as the engine can (a worker skips the rest). */
  withdraw(campaignId: string, entries: BookEntry[]): Promise<void>;
}

export interface DeskDeps {
  store: MigrationStore;
  channels: Partial<Record<Platform, ChatChannel>>;
  book: StatusBook;
  clock: Clock;
  logger: Logger;
  /** Configured sends a second per platform (for the ETA before a rate is measured). */
  rates: Partial<Record<Platform, number>>;
  progressEveryMs: number;
}

const MAX_KEY_LENGTH = 256;
const ENQUEUE_BATCH = 500;

function checkJob(job: DeliveryJob, i: number): void {
  if (typeof job?.key !== 'string' || job.key.length === 0 || job.key.length > MAX_KEY_LENGTH)
    throw new DomainError('INVALID_INPUT', `job ${i}: key must be 1 to ${MAX_KEY_LENGTH} characters`);
  if (typeof job.personId !== 'string' || job.personId.length === 0)
    throw new DomainError('INVALID_INPUT', `job ${i} (${job.key}): personId is required`);
  if (typeof job.card?.name !== 'string' || job.card.name.length === 0)
    throw new DomainError('INVALID_INPUT', `job ${i} (${job.key}): card.name is required`);
}

export type DeskMethods = Omit<Delivery, 'start' | 'stop'> & {
  onProgress: NonNullable<Delivery['onProgress']>;
  recipients: NonNullable<Delivery['recipients']>;
  /**
   * Re-submits every active campaign's queued and retrying recipients, and settled ones whose effects are pending
   * (after a crash, at start).
   */
  resubmitPending(): Promise<number>;
  stopWatching(): void;
};

/** The Delivery port's methods the desk answers for any engine (the engine adds start and stop). */
export function deliveryMethods(desk: DeskMethods): Omit<Delivery, 'start' | 'stop'> {
  const { enqueue, cancel, resendFailed, progress, onProgress, recipients } = desk;
  return { enqueue, cancel, resendFailed, progress, onProgress, recipients };
}

export function createCampaignDesk(deps: DeskDeps, queue: QueueSide): DeskMethods {
  const { book, clock } = deps;
  const meter = new RateMeter();

  const progress = async (campaignId: string): Promise<CampaignProgress | undefined> => {
    const counts = await book.counts(campaignId);
    if (!counts) return undefined;
    const rate = meter.observe(campaignId, counts.sent + counts.failed + counts.skipped, clock.now());
    const configured = Object.values(deps.rates).filter((r) => Number.isFinite(r));
    return toProgress(campaignId, counts, rate, configured.length ? Math.max(...configured) : undefined);
  };
  const watcher = new ProgressWatcher(book, progress, deps.progressEveryMs, deps.logger);

  return {
    async enqueue(campaignId, jobs) {
      if (!CAMPAIGN_ID.test(campaignId))
        throw new DomainError('INVALID_INPUT', 'campaign id: 1 to 80 letters, digits, ".", "-" or "_"');
      if (!Array.isArray(jobs)) throw new DomainError('INVALID_INPUT', 'jobs must be a list');
      jobs.forEach(checkJob);
      if ((await book.counts(campaignId))?.cancelled)
        throw new DomainError('ILLEGAL_TRANSITION', `campaign ${campaignId} was cancelled: start a new campaign`);

      const unique = [...new Map(jobs.map((j) => [j.key, j] as const)).values()];
      let queued = 0;
      let duplicates = jobs.length - unique.length;
      // Batch by batch, so the workers start on the first recipients while the rest are still being registered.
      for (let i = 0; i < unique.length; i += ENQUEUE_BATCH) {
        const batch = unique.slice(i, i + ENQUEUE_BATCH);
        const people = await deps.store.getPeople(batch.map((j) => j.personId));
        const registered = batch.map((job, n) => {
          const person = people[n];
          const channel = person && pickChannel(person, deps.channels);
          const initial: RecipientStatus = !person
            ? { status: 'skipped', reason: 'not_found' }
            : channel
              ? { status: 'queued' }
              : { status: 'skipped', reason: 'unreachable' };
          return { entry: { job, platform: channel?.platform ?? null } as BookEntry, initial };
        });
        const r = await book.register(campaignId, registered, clock.now());
        await queue.submit(
          campaignId,
          r.fresh.filter((f) => f.initial.status === 'queued').map((f) => f.entry),
        );
        queued += r.fresh.length;
        duplicates += r.duplicates;
      }
      deps.logger.info({ campaignId, queued, duplicates }, 'campaign queued');
      return { queued, duplicates };
    },

    async cancel(campaignId) {
      const withdrawn = await book.cancel(campaignId, clock.now());
      await queue.withdraw(campaignId, withdrawn);
      deps.logger.info({ campaignId, cancelled: withdrawn.length }, 'campaign cancelled');
    },

    async resendFailed(campaignId) {
      const ids = campaignId ? [campaignId] : await book.campaigns();
      let total = 0;
      for (const id of ids) {
        const again = await book.requeueFailed(id);
        await queue.submit(id, again);
        total += again.length;
      }
      return total;
    },

    progress,
    onProgress: (listener) => watcher.subscribe(listener),
    recipients: (campaignId, cursor) => book.results(campaignId, cursor),

    async resubmitPending() {
      let total = 0;
      for (const id of await book.active()) {
        const pending = await book.pending(id);
        await queue.submit(id, pending);
        total += pending.length;
      }
      return total;
    },

    stopWatching: () => watcher.stop(),
  };
}
