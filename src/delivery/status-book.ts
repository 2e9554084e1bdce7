// The per-recipient ledger both delivery engines share: who is queued, sent, retrying, failed or skipped, with the
// campaign's counters moved on every write. The status is the idempotency guard: a recipient marked sent is never
// claimed again, whatever the queue does.
import type { Platform } from '../ports/chat-channel.ts';
import type { DeliveryJob, RecipientStatus } from '../ports/delivery.ts';

/** What the book keeps per recipient besides its status, so the job can be re-queued after a crash or for a resend. */
export interface BookEntry {
  job: DeliveryJob;
  /** The platform queue the job went to; null when no channel could reach the person at enqueue time. */
  platform: Platform | null;
}

export type StatusName = RecipientStatus['status'];
export const STATUS_NAMES: readonly StatusName[] = ['queued', 'sent', 'retrying', 'failed', 'skipped'];

export interface CampaignCounts {
  total: number;
  queued: number;
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  startedAt: number;
  cancelled: boolean;
}

/** The answer to "may this worker send to this recipient now?". */
export type Claim =
  /** Send after `waitMs`: the platform's next free slot at the paced rate (0 when unpaced). */
  | { kind: 'go'; waitMs: number }
  /**
   * Nothing to send: the recipient is settled. `effectsPending` when its effects are not applied yet: for `sent` its
   * events and card ref, for `failed` and `skipped` the events of the person the card is about (DeliveryJob.about).
   */
  | { kind: 'settled'; status: RecipientStatus; effectsPending: boolean }
  /** Another worker holds the recipient (claimed less than a lock duration ago). */
  | { kind: 'busy'; retryInMs: number }
  /** The platform answered 429 recently: nobody sends to it until then. */
  | { kind: 'throttled'; retryInMs: number };

export type Gate = { kind: 'admitted' } | { kind: 'wait'; ms: number } | { kind: 'throttled'; ms: number };

export interface SettleOptions {
  /** Only move from these statuses (e.g. resend moves failed only); `sent` never moves whatever this says. */
  onlyFrom?: StatusName[];
  /**
   * For a settled status (sent, failed, skipped): its effects still have to be applied (see Claim); cleared by
   * effectsDone. Any other move of the recipient drops the flag.
   */
  effectsPending?: boolean;
}

export interface StatusBook {
  /**
   * Registers a campaign's recipients. A key already queued, retrying or sent (in any campaign) is a duplicate; a key
   * that failed or was skipped may be taken again. `initial` gives a recipient a status other than queued (skipped
   * when unreachable at enqueue time). Returns the entries registered now.
   */
  register(
    campaignId: string,
    entries: { entry: BookEntry; initial: RecipientStatus }[],
    now: number,
  ): Promise<{ fresh: { entry: BookEntry; initial: RecipientStatus }[]; duplicates: number }>;
  /**
   * Claims a recipient for one send attempt; checks settled, cancelled, held by another worker, throttled, in that
   * order. With `paceMs` > 0 it also books the platform's next send slot, `paceMs` after the previous one booked by
   * any worker, so sends are evenly spaced across replicas.
   */
  claim(
    campaignId: string,
    key: string,
    token: string,
    platform: Platform,
    now: number,
    ttlMs: number,
    paceMs?: number,
  ): Promise<Claim>;
  /** Gives a claim back without settling (the send was not attempted, e.g. throttled). */
  release(campaignId: string, key: string, token: string): Promise<void>;
  /** Moves a recipient to a new status and its counters with it; false when nothing moved. */
  settle(campaignId: string, key: string, status: RecipientStatus, options?: SettleOptions): Promise<boolean>;
  /** Marks a settled recipient's effects as applied. */
  effectsDone(campaignId: string, key: string): Promise<void>;
  /** One recipient's status and whether its effects are pending; undefined when the campaign has no such key. */
  status(campaignId: string, key: string): Promise<{ status: RecipientStatus; effectsPending: boolean } | undefined>;
  /** Records a platform's "throttled until" for every worker (and moves its send slots past it); a longer pause is kept. */
  throttle(platform: Platform, forMs: number, now: number): Promise<void>;
  /** Milliseconds the platform stays throttled (0 when it is not). */
  throttledFor(platform: Platform, now: number): Promise<number>;
  /**
   * The last gate before a send: admits it (and counts it, answering 0) when fewer than `max` sends to the platform
   * were admitted in the last `windowMs` by any worker; otherwise answers how long to wait. It mirrors the platform's
   * own sliding window, so sends that bunch up (a worker woken late, a paused process) still stay under it.
   * A throttled platform admits nobody.
   */
  gate(platform: Platform, windowMs: number, max: number, now: number): Promise<Gate>;
  counts(campaignId: string): Promise<CampaignCounts | undefined>;
  /** Cancels a campaign: queued and retrying recipients become skipped(cancelled); returns those entries. */
  cancel(campaignId: string, now: number): Promise<BookEntry[]>;
  /** Moves a campaign's failed recipients back to queued; returns their entries. */
  requeueFailed(campaignId: string): Promise<BookEntry[]>;
  /**
   * Queued and retrying recipients, and settled ones whose effects are pending (to put back on the queue after a
   * crash: a worker's claim then applies the effects).
   */
  pending(campaignId: string): Promise<BookEntry[]>;
  /** Every recipient's status, a page at a time. */
  results(
    campaignId: string,
    cursor?: string,
    limit?: number,
  ): Promise<{ results: { key: string; personId: string; status: RecipientStatus }[]; next?: string }>;
  /** Every campaign id, oldest first. */
  campaigns(): Promise<string[]>;
  /** Campaigns that may still have recipients left. */
  active(): Promise<string[]>;
  /** Takes a finished campaign off the active list (it comes back when a resend re-queues someone). */
  deactivate(campaignId: string): Promise<void>;
  close(): Promise<void>;
}

/** Campaign ids become part of Redis keys and BullMQ job data: keep them plain. */
export const CAMPAIGN_ID = /^[A-Za-z0-9_.-]{1,80}$/;
