// The store contract on memory and on the test Redis (Cluster and Sentinel: test/topology/).
import { afterAll } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { hasRedis, testRedis, uniqueMigrationId } from '../helpers/redis.ts';
import { runStoreContract } from './store.contract.ts';

runStoreContract('memory', () => createMemoryStore(uniqueMigrationId()));
const redis = hasRedis() ? testRedis() : undefined;
if (redis) runStoreContract('redis', () => createRedisStore({ redis, migrationId: uniqueMigrationId() }));
else if (process.env.CI === 'true') throw new Error('CI must run the Redis contract suite');
afterAll(async () => {
  await redis?.quit();
});
