import { describe } from 'vitest';
import { createBullDelivery } from '../../src/delivery/redis/bullmq-delivery.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { hasRedis, redisUrl, uniqueMigrationId } from '../helpers/redis.ts';
import { runEngineContract } from './engine.contract.ts';

describe.runIf(hasRedis())('BullMQ engine', () => {
  runEngineContract('bullmq', async (channel, s) => {
    const store = createMemoryStore('t');
    const delivery = createBullDelivery({
      redisUrl: redisUrl(),
      migrationId: uniqueMigrationId('bull'),
      store,
      channels: { teams: channel },
      clock: { now: () => Date.now() },
      logger: createLogger('silent'),
      defaults: { locale: 'en', timeZone: 'Europe/Brussels' },
      rates: { teams: s.teamsRate },
      concurrency: s.concurrency,
      maxAttempts: s.maxAttempts,
      backoffMs: 10,
      progressEveryMs: s.progressEveryMs,
      lockDurationMs: 5000,
    });
    return { delivery, store, close: () => delivery.stop() };
  });
});
