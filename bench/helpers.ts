// Pieces several benchmarks share: a Redis store for one run (cleaned out afterwards), and a Delivery that only counts.
import { Redis } from 'ioredis';
import type { Delivery, DeliveryJob } from '../src/ports/delivery.ts';
import { createRedisStore } from '../src/store/redis-store.ts';
import type { MigrationStore } from '../src/store/store.ts';

/** Deletes every key of a migration (all carry the `num:{<id>}:` prefix), a scan page at a time. */
export async function dropMigration(redis: Redis, migrationId: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `num:{${migrationId}}:*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Runs `fn` on a Redis store of a fresh migration named `<prefix>-<time>`, then deletes every key it wrote. */
export async function withRedisStore<T>(
  url: string,
  prefix: string,
  fn: (store: MigrationStore) => Promise<T>,
): Promise<T> {
  const redis = new Redis(url);
  const migrationId = `${prefix}-${process.pid}-${Date.now().toString(36)}`;
  try {
    return await fn(createRedisStore({ redis, migrationId }));
  } finally {
    await dropMigration(redis, migrationId);
    await redis.quit();
  }
}

/** Counts the jobs queued (a key once, as the real engines do) and keeps nothing: the caller's own cost is measured. */
export function countingDelivery(): Delivery & { jobs: number } {
  const keys = new Set<string>();
  const d = {
    jobs: 0,
    async enqueue(_id: string, jobs: DeliveryJob[]) {
      let queued = 0;
      for (const j of jobs) {
        if (keys.has(j.key)) continue;
        keys.add(j.key);
        queued++;
      }
      d.jobs += queued;
      return { queued, duplicates: jobs.length - queued };
    },
    async cancel() {},
    async resendFailed() {
      return 0;
    },
    async progress() {
      return undefined;
    },
    async start() {},
    async stop() {},
  };
  return d;
}
