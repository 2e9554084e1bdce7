// A delivery replica in its own process, for the crash and two-replica tests:
//   node --import tsx test/delivery/worker-process.ts '<json WorkerProcessConfig>'
// It prints "ready" once its workers run, and stops cleanly on SIGTERM (a test kills it with SIGKILL to crash it).
import { createBullDelivery } from '../../src/delivery/redis/bullmq-delivery.ts';
import { createLogger } from '../../src/log.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { recorderChannel } from './helpers/recorder-channel.ts';

export interface WorkerProcessConfig {
  name: string;
  redisUrl: string;
  migrationId: string;
  recorderUrl: string;
  concurrency: number;
  ratePerSec: number | null;
  lockDurationMs: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerProcessConfig;
const store = createRedisStore({ redis: config.redisUrl, migrationId: config.migrationId });
const delivery = createBullDelivery({
  redisUrl: config.redisUrl,
  migrationId: config.migrationId,
  store,
  channels: { teams: recorderChannel(config.recorderUrl, config.name) },
  clock: { now: () => Date.now() },
  logger: createLogger('warn'),
  defaults: { locale: 'en', timeZone: 'Europe/Brussels' },
  rates: { teams: config.ratePerSec ?? Number.POSITIVE_INFINITY },
  concurrency: config.concurrency,
  maxAttempts: 6,
  backoffMs: 50,
  lockDurationMs: config.lockDurationMs,
  stalledIntervalMs: Math.max(500, Math.round(config.lockDurationMs / 2)),
});
await delivery.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void delivery
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
