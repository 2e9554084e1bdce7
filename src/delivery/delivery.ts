// The port the core uses to send cards to many people: jobs with idempotency keys, served at the platforms' limits.
import type { PersonEvent } from '../domain/events.ts';

export interface DeliveryJob {
  /** Idempotency key, e.g. `step4:<personId>:<round>`: a key already queued or sent is never queued again. */
  key: string;
  personId: string;
  /** Card template name and data; rendered at send time in the person's locale for their platform. */
  card: { name: string; data: Record<string, unknown> };
  /** Events applied to the person once the card is sent (e.g. `inform.sent`, `reminder.sent`). */
  onSent?: PersonEvent[];
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
}

export interface Delivery {
  /** Queues a campaign's jobs; jobs whose key was already queued or sent are skipped. */
  enqueue(campaignId: string, jobs: DeliveryJob[]): Promise<{ queued: number; duplicates: number }>;
  /** Stops a running campaign: queued jobs are skipped as cancelled. */
  cancel(campaignId: string): Promise<void>;
  /** Re-queues the failed recipients of a campaign (or of every campaign); returns how many. */
  resendFailed(campaignId?: string): Promise<number>;
  progress(campaignId: string): Promise<CampaignProgress | undefined>;
  /** Starts the workers (no-op for a replica that only enqueues). */
  start(): Promise<void>;
  stop(): Promise<void>;
}
