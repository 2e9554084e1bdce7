export * from './store.ts';
export { createMemoryStore } from './memory-store.ts';
export { createRedisStore } from './redis-store.ts';
export { openStore } from './open-store.ts';
export { migrationKeys } from './keys.ts';
