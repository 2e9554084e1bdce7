// A delivery replica in its own process, for the crash and two-replica tests and the delivery benchmark:
//   node --import tsx test/delivery/worker-process.ts '<json WorkerProcessConfig>'
// It prints "ready" once its workers run, and stops cleanly on SIGTERM (a test kills it with SIGKILL to crash it),
// printing first the CPU it spent since "ready" as `cpu {"userMs":..,"systemMs":..}` (the benchmark's CPU per send).
import { createBullDelivery } from '../../src/delivery/redis/bullmq-delivery.ts';
import { createLogger } from '../../src/log.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { channelFor, type ChannelSpec } from './helpers/channel-spec.ts';

export interface WorkerProcessConfig {
  redisUrl: string;
  migrationId: string;
  channel: ChannelSpec;
  concurrency: number;
  /** Sends a second; null for no limit. */
  ratePerSec: number | null;
  lockDurationMs?: number;
  logLevel?: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerProcessConfig;
const logger = createLogger(config.logLevel ?? 'warn');
const store = createRedisStore({ redis: config.redisUrl, migrationId: config.migrationId });
const channel = channelFor(config.channel, store, logger);
const lockDurationMs = config.lockDurationMs ?? 30_000;
const delivery = createBullDelivery({
  redis: config.redisUrl,
  migrationId: config.migrationId,
  store,
  channels: { [channel.platform]: channel },
  clock: { now: () => Date.now() },
  logger,
  defaults: { locale: 'en', timeZone: 'Europe/Brussels' },
  rates: { [channel.platform]: config.ratePerSec ?? Number.POSITIVE_INFINITY },
  concurrency: config.concurrency,
  maxAttempts: 6,
  backoffMs: 50,
  lockDurationMs,
  stalledIntervalMs: Math.max(500, Math.round(lockDurationMs / 2)),
});
await delivery.start();
const cpuAtReady = process.cpuUsage();
process.stdout.write('ready\n');
process.once('disconnect', () => process.exit(1));
process.once('SIGTERM', () => {
  const cpu = process.cpuUsage(cpuAtReady);
  process.stdout.write(`cpu ${JSON.stringify({ userMs: cpu.user / 1000, systemMs: cpu.system / 1000 })}\n`);
  void delivery
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
