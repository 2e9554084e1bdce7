// The port the core uses to send cards to many people: jobs with idempotency keys, served at the platforms' limits.
// Implemented by src/delivery/in-process-delivery.ts (embedded) and src/delivery/redis/bullmq-delivery.ts (Redis), both
// serving each recipient through src/delivery/serve-recipient.ts; chosen in src/delivery/create-delivery.ts.
import type { PersonEvent } from '../domain/events.ts';

export interface DeliveryJob {
  /** Idempotency key, e.g. `step4:<personId>:<round>`: a key already queued or sent is never queued again. */
  key: string;
  personId: string;
  /** Card template name and data; rendered at send time in the person's locale for their platform. */
  card: { name: string; data: Record<string, unknown> };
  /** Events applied to the person once the card is sent (e.g. `inform.sent`, `reminder.sent`). */
  onSent?: PersonEvent[];
  /**
   * The person a card to someone else is about (an escalation to a manager): their events are applied once the card
   * is sent, or once it never will be (failed for good, blocked, not found, unreachable; not when cancelled), so the
   * person is not left waiting on a card nobody can deliver. The audit says which.
   */
  about?: { personId: string; events: PersonEvent[] };
}

export type RecipientStatus =
  | { status: 'queued' }
  | { status: 'sent'; at: number }
  | { status: 'retrying'; attempts: number; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'skipped'; reason: 'blocked' | 'opted_out' | 'cancelled' | 'unreachable' | 'not_found' };

export interface CampaignProgress {
  campaignId: string;
  total: number;
  queued: number;
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  cancelled: boolean;
  startedAt: number;
  /** Estimated ms to finish at the current rate, when known. */
  etaMs?: number;
  /** Sends a second measured over the last few seconds, when known. */
  ratePerSec?: number;
  /** Recipients still to serve (queued + retrying). */
  left?: number;
}

/** Called with a campaign's progress while it runs (throttled) and once when nothing is left to send. */
export type ProgressListener = (progress: CampaignProgress) => void | Promise<void>;

/** One recipient's line in a campaign's results (ids only). */
export interface RecipientResult {
  key: string;
  personId: string;
  status: RecipientStatus;
}

export interface Delivery {
  /** Queues a campaign's jobs; jobs whose key was already queued or sent are skipped. */
  enqueue(campaignId: string, jobs: DeliveryJob[]): Promise<{ queued: number; duplicates: number }>;
  /** Stops a running campaign: queued jobs are skipped as cancelled. */
  cancel(campaignId: string): Promise<void>;
  /** Re-queues the failed recipients of a campaign (or of every campaign); returns how many. */
  resendFailed(campaignId?: string): Promise<number>;
  progress(campaignId: string): Promise<CampaignProgress | undefined>;
  /**
   * Subscribes to the progress of running campaigns, at most once every few seconds per campaign (for the admin's
   * *sending* card); returns the unsubscribe function.
   */
  onProgress?(listener: ProgressListener): () => void;
  /** Per-recipient results of a campaign, a page at a time (for an export). */
  recipients?(campaignId: string, cursor?: string): Promise<{ results: RecipientResult[]; next?: string }>;
  /** Starts the workers (no-op for a replica that only enqueues). */
  start(): Promise<void>;
  stop(): Promise<void>;
}
