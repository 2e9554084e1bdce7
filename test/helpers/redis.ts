import { inject } from 'vitest';
import { Redis } from 'ioredis';

/** The Redis URL the global set-up found or started; '' when none is available outside CI. */
export function redisUrl(): string {
  return inject('redisUrl');
}

/** True when Redis-backed tests must run (always in CI, where the global set-up fails without a Redis). */
export function hasRedis(): boolean {
  return redisUrl() !== '';
}

/** A fresh client on a database reserved for tests; the caller quits it. */
export function testRedis(db = 0): Redis {
  return new Redis(redisUrl(), { db, lazyConnect: false, maxRetriesPerRequest: 2 });
}

/** A migration id unique to this test run, so tests can share one Redis without touching each other. */
export function uniqueMigrationId(prefix = 't'): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
