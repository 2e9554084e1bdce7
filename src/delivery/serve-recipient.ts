// One send attempt to one recipient, the same for both engines: claim (the idempotency guard), check, send, record.
import type { ChatChannel, Platform, SentRef } from '../ports/chat-channel.ts';
import type { Clock } from '../ports/clock.ts';
import type { Person } from '../domain/types.ts';
import type { Logger } from '../log.ts';
import { updatePerson } from '../services/update-person.ts';
import type { MigrationStore } from '../store/store.ts';
import type { RecipientStatus } from '../ports/delivery.ts';
import { isReminder, outboundCard, SENT_CARD_DOC, sentCardId, type CardDefaults } from './outbound-card.ts';
import { pickChannel } from './pick-channel.ts';
import type { BookEntry, StatusBook } from './status-book.ts';

export interface ServeDeps {
  store: MigrationStore;
  channels: Partial<Record<Platform, ChatChannel>>;
  book: StatusBook;
  clock: Clock;
  logger: Logger;
  defaults: CardDefaults;
  /** How long a claim keeps other workers off a recipient: at least the longest send, at most the queue's lock. */
  claimTtlMs: number;
  /** Spacing between two sends to a platform across all workers, in ms; 0 or absent = not paced here. */
  paceMs?: (platform: Platform) => number;
  /** The sliding window every send to a platform must pass (see StatusBook.gate); absent = no gate. */
  gate?: (platform: Platform) => { windowMs: number; max: number } | undefined;
}

/** A send that keeps finding the gate full gives its job back after this many waits. */
const MAX_GATE_WAITS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ServeRequest {
  campaignId: string;
  entry: BookEntry;
  /** 1 for the first try. */
  attempt: number;
  maxAttempts: number;
  /** Identifies this worker's attempt (the queue's lock token). */
  token: string;
}

export type ServeResult =
  /** Nothing more to do for this recipient (sent, skipped or failed for good); `sent` when this attempt sent it. */
  | { kind: 'done'; sent: boolean }
  /** A transient failure: try again after a backoff. */
  | { kind: 'retry'; reason: string }
  /** The platform said 429: every worker of this platform pauses for that long; this was not an attempt. */
  | { kind: 'rate_limited'; platform: Platform; retryAfterMs: number }
  /** Another worker holds the recipient, or the platform is throttled: come back later; not an attempt. */
  | { kind: 'wait'; why: 'busy' | 'throttled'; platform: Platform; retryInMs: number };

const ACTOR = { id: 'delivery', source: 'system' } as const;
/** Outcomes settled as they come back may not undo a cancel that happened meanwhile. */
const LIVE = { onlyFrom: ['queued' as const, 'retrying' as const] };

export async function serveRecipient(deps: ServeDeps, req: ServeRequest): Promise<ServeResult> {
  const { book } = deps;
  const { campaignId, entry, token } = req;
  const { job } = entry;
  const queuePlatform = entry.platform ?? 'playground';
  // Claims and throttles run on the wall clock: the domain clock may be moved forward (playground, tests).
  const paceMs = deps.paceMs?.(queuePlatform) ?? 0;
  const claim = await book.claim(campaignId, job.key, token, queuePlatform, Date.now(), deps.claimTtlMs, paceMs);
  if (claim.kind === 'busy' || claim.kind === 'throttled')
    return { kind: 'wait', why: claim.kind, platform: queuePlatform, retryInMs: claim.retryInMs };
  if (claim.kind === 'settled') {
    if (claim.effectsPending) await applyPendingEffects(deps, campaignId, entry, claim.status);
    return { kind: 'done', sent: false };
  }
  try {
    return await serveClaimed(deps, req, queuePlatform, claim.waitMs);
  } catch (err) {
    // An error of our own (the store, the book): the next try of this job must not find the recipient still held by
    // this one until the claim lapses. Should the release fail too, the claim lapses on its own.
    await book.release(campaignId, job.key, token).catch(() => undefined);
    throw err;
  }
}

/** The recipient claimed by `req.token`: waits for its turn, reads the person, sends and settles. */
async function serveClaimed(
  deps: ServeDeps,
  req: ServeRequest,
  queuePlatform: Platform,
  slotWaitMs: number,
): Promise<ServeResult> {
  const { book, clock } = deps;
  const { campaignId, entry, token } = req;
  const { job } = entry;
  const turn = await awaitTurn(deps, queuePlatform, slotWaitMs);
  if (turn.kind !== 'go') {
    await book.release(campaignId, job.key, token);
    return { kind: 'wait', why: turn.kind, platform: queuePlatform, retryInMs: turn.ms };
  }

  const giveUp = async (status: FinalStatus) => {
    await giveUpRecipient(deps, campaignId, entry, status);
    return { kind: 'done', sent: false } as const;
  };
  const skip = (reason: 'blocked' | 'opted_out' | 'unreachable' | 'not_found') => giveUp({ status: 'skipped', reason });
  const person = await deps.store.getPerson(job.personId);
  if (!person) return skip('not_found');
  if (isReminder(job) && person.reminders.optedOut) return skip('opted_out');
  const channel = pickChannel(person, deps.channels);
  if (!channel) return skip('unreachable');

  let outcome;
  try {
    outcome = await channel.sendCard(person, outboundCard(job, person, deps.defaults));
  } catch (err) {
    outcome = { kind: 'transient' as const, reason: err instanceof Error ? err.name : 'error' };
  }
  const log = { campaignId, jobKey: job.key, platform: channel.platform, attempt: req.attempt };
  switch (outcome.kind) {
    case 'sent':
      await book.settle(campaignId, job.key, { status: 'sent', at: clock.now() }, { effectsPending: true });
      await applyEffects(deps, campaignId, entry, outcome.ref, person);
      return { kind: 'done', sent: true };
    case 'rate_limited':
      await book.throttle(channel.platform, outcome.retryAfterMs, Date.now());
      await book.release(campaignId, job.key, token);
      deps.logger.warn({ ...log, retryAfterMs: outcome.retryAfterMs }, 'platform rate limit hit: pausing its workers');
      return { kind: 'rate_limited', platform: channel.platform, retryAfterMs: outcome.retryAfterMs };
    case 'blocked':
      deps.logger.info({ ...log, reason: outcome.reason }, 'recipient blocked the bot');
      return skip('blocked');
    case 'not_found':
      deps.logger.info({ ...log, reason: outcome.reason }, 'recipient conversation not found');
      return skip('not_found');
    case 'invalid':
      deps.logger.error({ ...log, reason: outcome.reason }, 'platform refused the card');
      return giveUp({ status: 'failed', reason: `invalid: ${outcome.reason}` });
    case 'transient':
      if (req.attempt >= req.maxAttempts) {
        deps.logger.warn({ ...log, reason: outcome.reason }, 'send failed after the last attempt');
        return giveUp({ status: 'failed', reason: outcome.reason });
      }
      await book.settle(
        campaignId,
        job.key,
        { status: 'retrying', attempts: req.attempt, reason: outcome.reason },
        LIVE,
      );
      return { kind: 'retry', reason: outcome.reason };
  }
}

type FinalStatus = Extract<RecipientStatus, { status: 'failed' | 'skipped' }>;
type EffectDeps = Pick<ServeDeps, 'book' | 'store' | 'clock' | 'logger'>;

/**
 * The recipient will never get this card: settled as failed or skipped (unless it was settled or cancelled meanwhile)
 * and, when this settle moved it, the person the card was about (DeliveryJob.about) no longer waits on it. Like a
 * send, the status is settled first with its effects pending, so a crash or a store error before they are applied
 * leaves them to the next claim of the job (serveRecipient). Answers whether it moved.
 */
export async function giveUpRecipient(
  deps: EffectDeps,
  campaignId: string,
  entry: BookEntry,
  status: FinalStatus,
): Promise<boolean> {
  const pending = Boolean(entry.job.about?.events.length);
  const moved = await deps.book.settle(
    campaignId,
    entry.job.key,
    status,
    pending ? { ...LIVE, effectsPending: true } : LIVE,
  );
  if (moved && pending) await applyPendingEffects(deps, campaignId, entry, status);
  return moved;
}

/**
 * What both engines do when a job fails for good outside the platform's answers: the recipient fails (internal
 * error), or, when it was settled already (its last attempt failed while applying its effects), the effects still
 * pending are applied. There is no job left to claim it again: should this throw, the flag stays, and the Redis
 * engine re-queues the recipient at its next start while the campaign is active (StatusBook.pending).
 */
export async function failForGood(deps: EffectDeps, campaignId: string, entry: BookEntry): Promise<void> {
  if (await giveUpRecipient(deps, campaignId, entry, { status: 'failed', reason: 'internal error' })) return;
  const now = await deps.book.status(campaignId, entry.job.key);
  if (now?.effectsPending) await applyPendingEffects(deps, campaignId, entry, now.status);
}

type Turn = { kind: 'go' } | { kind: 'throttled' | 'busy'; ms: number };

/**
 * Waits for this send's booked slot, then for the gate. Answers `throttled` when a 429 came back to another worker
 * meanwhile, `busy` when the gate stayed full too long (the job comes back later).
 */
async function awaitTurn(deps: ServeDeps, platform: Platform, slotWaitMs: number): Promise<Turn> {
  const limit = deps.gate?.(platform);
  if (slotWaitMs <= 0 && !limit) return { kind: 'go' };
  if (slotWaitMs > 0) await sleep(slotWaitMs);
  if (!limit) {
    const ms = await deps.book.throttledFor(platform, Date.now());
    return ms > 0 ? { kind: 'throttled', ms } : { kind: 'go' };
  }
  for (let i = 0; i < MAX_GATE_WAITS; i++) {
    const g = await deps.book.gate(platform, limit.windowMs, limit.max, Date.now());
    if (g.kind === 'admitted') return { kind: 'go' };
    if (g.kind === 'throttled') return g;
    await sleep(g.ms);
  }
  return { kind: 'busy', ms: limit.windowMs };
}

/**
 * The effects of a settled status still pending (after a crash or a store error between the settle and them):
 * a sent card's, or a give-up's events of the person the card is about, with the outcome the audit records.
 */
async function applyPendingEffects(
  deps: EffectDeps,
  campaignId: string,
  entry: BookEntry,
  status: RecipientStatus,
): Promise<void> {
  if (status.status === 'sent') return applyEffects(deps, campaignId, entry, undefined);
  if (status.status === 'failed') await applyAbout(deps, campaignId, entry, 'failed');
  else if (status.status === 'skipped') await applyAbout(deps, campaignId, entry, `skipped:${status.reason}`);
  await deps.book.effectsDone(campaignId, entry.job.key);
}

/**
 * What a sent card changes: its place is remembered (to update it later) and its events are applied to the person.
 * Runs again after a crash between the send and this (the status keeps an "effects pending" flag until done).
 * `person` is the copy read before the send: the update decides on it first rather than reading the person again.
 */
async function applyEffects(
  deps: EffectDeps,
  campaignId: string,
  entry: BookEntry,
  ref: SentRef | undefined,
  person?: Person,
): Promise<void> {
  const { job } = entry;
  const events = async () => {
    if (!job.onSent?.length) return;
    const r = await updatePerson(deps.store, job.personId, job.onSent, ACTOR, deps.clock.now(), {
      detail: `delivery:${campaignId}`,
      ...(person ? { current: person } : {}),
    });
    if (!r.ok && r.error.code !== 'ALREADY_DONE')
      deps.logger.warn({ campaignId, jobKey: job.key, code: r.error.code }, 'card sent but its events did not apply');
  };
  await Promise.all([
    ref ? deps.store.putDoc(SENT_CARD_DOC, sentCardId(job.personId, job.card.name), ref) : undefined,
    events(),
    applyAbout(deps, campaignId, entry, 'sent'),
  ]);
  await deps.book.effectsDone(campaignId, job.key);
}

/** The events of the person the card is about (see DeliveryJob.about); `outcome` goes to the audit. */
async function applyAbout(
  deps: Pick<ServeDeps, 'store' | 'clock' | 'logger'>,
  campaignId: string,
  entry: BookEntry,
  outcome: string,
): Promise<void> {
  const about = entry.job.about;
  if (!about?.events.length) return;
  const r = await updatePerson(deps.store, about.personId, about.events, ACTOR, deps.clock.now(), {
    detail: `delivery:${campaignId}:${outcome}`,
  });
  if (!r.ok && r.error.code !== 'ALREADY_DONE')
    deps.logger.warn(
      { campaignId, jobKey: entry.job.key, code: r.error.code },
      'events of the person a card is about did not apply',
    );
}
