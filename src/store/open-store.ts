import type { Config } from '../config.ts';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import type { MigrationStore } from './store.ts';

/** The store the configuration asks for: Redis (one server, Cluster or Sentinel) when set, else the memory store. */
export function openStore(
  config: Pick<Config, 'redis' | 'MIGRATION_ID'>,
  onConnectionError?: (err: Error) => void,
): MigrationStore {
  return config.redis
    ? createRedisStore({
        redis: config.redis,
        migrationId: config.MIGRATION_ID,
        ...(onConnectionError ? { onConnectionError } : {}),
      })
    : createMemoryStore(config.MIGRATION_ID);
}
