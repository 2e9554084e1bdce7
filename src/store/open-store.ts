import type { Config } from '../config.ts';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import type { MigrationStore } from './store.ts';

/** The store the configuration asks for: Redis when REDIS_URL is set, otherwise the embedded memory store. */
export function openStore(config: Pick<Config, 'REDIS_URL' | 'MIGRATION_ID'>): MigrationStore {
  return config.REDIS_URL
    ? createRedisStore({ redis: config.REDIS_URL, migrationId: config.MIGRATION_ID })
    : createMemoryStore(config.MIGRATION_ID);
}
