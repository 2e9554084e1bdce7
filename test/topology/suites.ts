// The contracts every Redis topology must pass, run on real redis-server processes: the store contract, the status
// book and delivery engine contracts, and two scheduler replicas sharing the tick leases.
import { afterAll, beforeAll, describe } from 'vitest';
import { createBullDelivery } from '../../src/delivery/redis/bullmq-delivery.ts';
import { createRedisStatusBook } from '../../src/delivery/redis/redis-status-book.ts';
import { createLogger } from '../../src/log.ts';
import { connectRedis, type RedisClient } from '../../src/store/redis-connection.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { runEngineContract } from '../delivery/engine.contract.ts';
import { runStatusBookContract } from '../delivery/status-book.contract.ts';
import { uniqueMigrationId } from '../helpers/redis.ts';
import type { Topology } from '../helpers/redis-topology.ts';
import { runTwoReplicaTicks } from '../schedule/two-replicas.ts';
import { runStoreContract } from '../store/store.contract.ts';

export interface TopologyHandle {
  topology(): Topology;
  /** A shared client of the suites (closed at the end). */
  client(): RedisClient;
}

export function withTopology(start: () => Promise<Topology>): TopologyHandle {
  let topology: Topology | undefined;
  let client: RedisClient | undefined;
  beforeAll(async () => {
    topology = await start();
    client = connectRedis(topology.settings, 'tool');
  }, 60_000);
  afterAll(async () => {
    await client?.quit().catch(() => undefined);
    await topology?.stop();
  });
  return {
    topology: () => topology!,
    client: () => client!,
  };
}

export function runTopologySuites(name: string, t: TopologyHandle): void {
  describe(`on ${name}`, () => {
    runStoreContract(name, () =>
      createRedisStore({ redis: t.client(), migrationId: uniqueMigrationId(name), waitReplicas: 1 }),
    );

    runStatusBookContract(name, async () => {
      const redis = t.client();
      return {
        book: createRedisStatusBook(redis, uniqueMigrationId('book')),
        close: async () => {},
        // The machine's clock: every node of these topologies runs on it.
        clock: async () => Date.now(),
      };
    });

    runEngineContract(`bullmq on ${name}`, async (channel, s) => {
      const migrationId = uniqueMigrationId('bull');
      const store = createRedisStore({ redis: t.client(), migrationId, waitReplicas: 1 });
      const delivery = createBullDelivery({
        redis: t.topology().settings,
        migrationId,
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

    describe('two scheduler replicas', () => {
      runTwoReplicaTicks((migrationId) => {
        const settings = t.topology().settings;
        const [a, b] = [
          createRedisStore({ redis: settings, migrationId }),
          createRedisStore({ redis: settings, migrationId }),
        ];
        return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
      });
    });
  });
}
