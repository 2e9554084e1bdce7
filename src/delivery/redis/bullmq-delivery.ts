// The Redis engine: one BullMQ queue per platform, shared by every replica. BullMQ spreads the jobs, limits the
// rate globally, retries with backoff and recovers jobs of a crashed worker; the status book decides who is sent.
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { RedisSettings } from '../../config.ts';
import {
  asRedisSettings,
  connectRedis,
  describeRedis,
  isRedisUnavailable,
  rateLimitedErrors,
  type RedisClient,
} from '../../store/redis-connection.ts';
import type { Platform } from '../../ports/chat-channel.ts';
import { AdaptiveRate } from '../adaptive-rate.ts';
import { createCampaignDesk, deliveryMethods } from '../campaign-desk.ts';
import type { Delivery } from '../../ports/delivery.ts';
import { DEFAULT_BACKOFF_MS, DEFAULT_PROGRESS_EVERY_MS, gateFor, type EngineOptions } from '../engine-options.ts';
import { failForGood, serveRecipient, type ServeDeps } from '../serve-recipient.ts';
import type { BookEntry } from '../status-book.ts';
import { deliveryKeys } from './keys.ts';
import { jobIdFor, limiterFor } from './limiter.ts';
import { createRedisStatusBook } from './redis-status-book.ts';

export interface BullDeliveryOptions extends EngineOptions {
  /** Where Redis is: the settings of any topology (one server, Cluster, Sentinel), or a URL of one server. */
  redis: RedisSettings | string;
  migrationId: string;
  /** False for a replica that only enqueues (no workers). */
  workers?: boolean;
  /** BullMQ job lock; a crashed worker's jobs are picked up again after about this long. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Limiter window (see limiterFor). */
  limiterWindowMs?: number;
}

interface JobData {
  campaignId: string;
  entry: BookEntry;
}

const ADD_BATCH = 500;
const REMOVE_BATCH = 200;
const TUNE_EVERY_MS = 5000;
const LIMITER_HEADROOM = 1.1;

export function createBullDelivery(opts: BullDeliveryOptions): Delivery {
  const redis = asRedisSettings(opts.redis);
  // Connection errors (Redis away) as JSON lines, rate-limited: one fact, not a line per reconnection attempt.
  const redisErrors = rateLimitedErrors((err, suppressed) =>
    opts.logger.error({ redis: 'delivery', err: err.message, suppressed }, 'redis connection error'),
  );
  const connection = connectRedis(redis, 'queue', redisErrors);
  // No auto-pipelining: it batches the book's commands into fewer writes, but holds each batch until the previous one
  // is answered and costs more than the writes it saves (delivery bench: ~3% more CPU a send, ~3% fewer sends a second).
  const bookConnection = connectRedis(redis, 'book', redisErrors);
  const book = createRedisStatusBook(bookConnection, opts.migrationId, redis);
  const prefix = deliveryKeys(opts.migrationId).bullPrefix;
  const lockDuration = opts.lockDurationMs ?? 30_000;
  // Read at start: channel modules may register after this engine is built.
  const platforms = () => Object.keys(opts.channels) as Platform[];
  const rateOf = (p: Platform) => opts.rates[p] ?? Number.POSITIVE_INFINITY;
  const adaptive = new Map<Platform, AdaptiveRate>();
  const currentRate = (p: Platform) => adaptive.get(p)?.current ?? rateOf(p);
  const deps: ServeDeps = {
    ...opts,
    book,
    claimTtlMs: lockDuration,
    // BullMQ's limiter caps how many jobs start per window, in bursts at each window's start; booking evenly spaced
    // slots in Redis spreads the sends themselves, so a per-second platform limit never sees a burst.
    paceMs: (p) => (Number.isFinite(currentRate(p)) ? 1000 / currentRate(p) : 0),
    gate: (p) => gateFor(p, currentRate(p)),
  };

  const queues = new Map<Platform, Queue<JobData>>();
  const queueFor = (p: Platform) => {
    let q = queues.get(p);
    if (!q) {
      q = new Queue<JobData>(p, {
        connection,
        prefix,
        defaultJobOptions: {
          attempts: opts.maxAttempts,
          backoff: { type: 'exponential', delay: opts.backoffMs ?? DEFAULT_BACKOFF_MS, jitter: 0.5 },
          removeOnComplete: true,
          removeOnFail: true,
        },
      });
      // Without a listener BullMQ prints each connection error to the console: through pino, rate-limited, instead.
      q.on('error', redisErrors);
      queues.set(p, q);
    }
    return q;
  };
  const applyRate = async (p: Platform, rate: number) => {
    // The limiter is the shared cap on jobs started; pacing and the gate set the exact rate. A window restarts only
    // when a worker next looks after it expired, so a limiter at exactly the rate would run a few percent slow.
    const { max, duration } = limiterFor(rate * LIMITER_HEADROOM, opts.limiterWindowMs);
    await queueFor(p).setGlobalRateLimit(max, duration);
  };

  const desk = createCampaignDesk(
    { ...opts, book, progressEveryMs: opts.progressEveryMs ?? DEFAULT_PROGRESS_EVERY_MS },
    {
      async submit(campaignId, entries) {
        for (let i = 0; i < entries.length; i += ADD_BATCH) {
          const byPlatform = new Map<Platform, { name: string; data: JobData; opts: { jobId: string } }[]>();
          for (const entry of entries.slice(i, i + ADD_BATCH)) {
            if (!entry.platform) continue;
            const list = byPlatform.get(entry.platform) ?? [];
            list.push({ name: 'card', data: { campaignId, entry }, opts: { jobId: jobIdFor(entry.job.key) } });
            byPlatform.set(entry.platform, list);
          }
          for (const [p, jobs] of byPlatform) await queueFor(p).addBulk(jobs);
        }
      },
      async withdraw(_campaignId, entries) {
        for (let i = 0; i < entries.length; i += REMOVE_BATCH) {
          // A job being processed cannot be removed (remove answers 0): its worker finds the recipient cancelled.
          await Promise.all(
            entries
              .slice(i, i + REMOVE_BATCH)
              .filter((e) => e.platform)
              .map((e) => queueFor(e.platform!).remove(jobIdFor(e.job.key))),
          );
        }
      },
    },
  );

  const workers: Worker<JobData>[] = [];
  const workerConnections: RedisClient[] = [];
  let tuner: NodeJS.Timeout | undefined;

  const onRateLimited = async (p: Platform, retryAfterMs: number) => {
    await queueFor(p).rateLimit(Math.max(1, retryAfterMs));
    const lowered = adaptive.get(p)?.throttled(Date.now());
    if (lowered) {
      opts.logger.warn({ platform: p, ratePerSec: Math.round(lowered * 10) / 10 }, 'send rate lowered after a 429');
      await applyRate(p, lowered);
    }
  };

  const processJob = async (job: Job<JobData>, token?: string) => {
    const { campaignId, entry } = job.data;
    let r;
    try {
      r = await serveRecipient(deps, {
        campaignId,
        entry,
        attempt: job.attemptsMade + 1,
        maxAttempts: opts.maxAttempts,
        token: token ?? `job:${job.id}`,
      });
    } catch (err) {
      // A recipient's attempts are for the platform's answers. Redis failing over or out of reach is not the
      // recipient's fault and may last longer than every backoff together (a Sentinel failover takes tens of
      // seconds): the job waits and comes back with its attempts untouched. Should the queue itself be unreachable,
      // the job's lock lapses and BullMQ puts it back on the queue (a stall).
      if (!isRedisUnavailable(err)) throw err;
      await job.moveToDelayed(Date.now() + (opts.backoffMs ?? DEFAULT_BACKOFF_MS), token);
      throw new DelayedError();
    }
    switch (r.kind) {
      case 'done':
        return r.sent ? 'sent' : 'settled';
      case 'retry':
        throw new Error(r.reason);
      case 'rate_limited':
        await onRateLimited(r.platform, r.retryAfterMs);
        throw Worker.RateLimitError();
      case 'wait':
        if (r.why === 'throttled') {
          await queueFor(r.platform).rateLimit(Math.max(1, r.retryInMs));
          throw Worker.RateLimitError();
        }
        await job.moveToDelayed(Date.now() + r.retryInMs, token);
        throw new DelayedError();
    }
  };

  return {
    ...deliveryMethods(desk),

    async start() {
      // Which Redis this replica works on (addresses only, never a password).
      opts.logger.info(describeRedis(redis), 'delivery queues on redis');
      for (const p of platforms()) {
        if (opts.adaptive !== false && Number.isFinite(rateOf(p)))
          adaptive.set(p, new AdaptiveRate({ ceiling: rateOf(p) }));
        await applyRate(p, rateOf(p));
      }
      if (opts.workers === false) return;
      const requeued = await desk.resubmitPending();
      if (requeued) opts.logger.info({ requeued }, 'pending recipients put back on the queues');
      for (const p of platforms()) {
        const conn = connectRedis(redis, 'worker', redisErrors);
        workerConnections.push(conn);
        const worker = new Worker<JobData>(p, processJob, {
          connection: conn,
          prefix,
          concurrency: opts.concurrency,
          lockDuration,
          stalledInterval: opts.stalledIntervalMs ?? lockDuration,
          // Stalls come from lost locks (a crash, a failover): a few in a row are expected before a job is given up.
          maxStalledCount: 5,
        });
        worker.on('error', (err) => opts.logger.error({ platform: p, err: err.message }, 'delivery worker error'));
        worker.on('failed', (job, err) => {
          // Reached only for errors outside the platform's answers (the book settles those): record them as failed,
          // and let the person the card was about stop waiting on it, as for any card that can never be sent; or,
          // when the last attempt settled the recipient but failed applying its effects, apply them now.
          // BullMQ fails a job for good without using its attempts when it stalled too often (its worker kept losing
          // the job's lock): that is final too.
          const final = err.name === 'UnrecoverableError' || (job?.attemptsMade ?? 0) >= (job?.opts.attempts ?? 1);
          if (!job || !final) return;
          const jobKey = job.data.entry.job.key;
          void failForGood(deps, job.data.campaignId, job.data.entry).catch((e: unknown) =>
            opts.logger.error(
              { platform: p, jobKey, err: e instanceof Error ? e.message : String(e) },
              'failed delivery job not recorded',
            ),
          );
          opts.logger.error({ platform: p, jobKey, err: err.message }, 'delivery job failed');
        });
        workers.push(worker);
      }
      tuner = setInterval(() => {
        for (const [p, rate] of adaptive) {
          const raised = rate.tick(Date.now());
          if (raised) void applyRate(p, raised).catch(() => undefined);
        }
      }, TUNE_EVERY_MS).unref();
    },

    async stop() {
      desk.stopWatching();
      if (tuner) clearInterval(tuner);
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      await Promise.all(workerConnections.map((c) => c.quit().catch(() => undefined)));
      await connection.quit().catch(() => undefined);
      await bookConnection.quit().catch(() => undefined);
      workers.length = 0;
      queues.clear();
    },
  };
}
