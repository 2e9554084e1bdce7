// A licence server's record is written by polls, agent pushes and admins at once: no write may undo another.
import { afterAll, describe, expect, it } from 'vitest';
import { modifyServerRecord, readServerRecord, updateServerRecord } from '../../src/server-watch/server-record.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { hasRedis, testRedis, uniqueMigrationId } from '../helpers/redis.ts';

const factories: [string, () => MigrationStore][] = [['memory', () => createMemoryStore(uniqueMigrationId())]];
const redis = hasRedis() ? testRedis() : undefined;
if (redis) factories.push(['redis', () => createRedisStore({ redis, migrationId: uniqueMigrationId() })]);
else if (process.env.CI === 'true') throw new Error('CI must run the Redis tests');
afterAll(async () => {
  await redis?.quit();
});

const ADDRESS = '27000@lic01.example.org';

describe.each(factories)('licence server record on %s', (_name, make) => {
  it('keeps an admin’s plan and switch-off written while polls land at the same moment', async () => {
    const store = make();
    await updateServerRecord(store, 'lic01', ADDRESS, { lastPollAt: 1, inUse: 3, status: 'up' });
    const polls = Array.from({ length: 12 }, (_, i) =>
      updateServerRecord(store, 'lic01', ADDRESS, { lastPollAt: 10 + i, inUse: i }),
    );
    const plan = modifyServerRecord(store, 'lic01', (cur) => ({ ...cur!, plannedOffAt: 5000 }));
    const off = modifyServerRecord(store, 'lic01', (cur) => ({ ...cur!, decommissionedAt: 6000 }));
    await Promise.all([...polls, plan, off]);
    const r = await readServerRecord(store, 'lic01');
    expect(r).toMatchObject({
      id: 'lic01',
      address: ADDRESS,
      plannedOffAt: 5000,
      decommissionedAt: 6000,
      status: 'up',
    });
    expect(r?.lastPollAt).toBeGreaterThanOrEqual(10);
  });

  it('creates the record once when two writers find none', async () => {
    const store = make();
    await Promise.all([
      updateServerRecord(store, 'lic02', ADDRESS, { lastPollAt: 7, inUse: 1 }),
      modifyServerRecord(store, 'lic02', (cur) => ({
        ...(cur ?? { id: 'lic02', address: ADDRESS }),
        plannedOffAt: 9000,
      })),
    ]);
    expect(await readServerRecord(store, 'lic02')).toMatchObject({ lastPollAt: 7, inUse: 1, plannedOffAt: 9000 });
  });

  it('leaves the record alone when the change answers nothing, and drops fields set to undefined', async () => {
    const store = make();
    await updateServerRecord(store, 'lic03', ADDRESS, { lastPollAt: 1, lastError: 'timeout' });
    expect(await modifyServerRecord(store, 'lic03', () => undefined)).toMatchObject({ lastError: 'timeout' });
    await updateServerRecord(store, 'lic03', ADDRESS, { lastPollAt: 2, lastError: undefined });
    expect(await readServerRecord(store, 'lic03')).not.toHaveProperty('lastError');
  });
});
