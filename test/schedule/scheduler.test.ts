import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createScheduler } from '../../src/schedule/scheduler.ts';
import { minuteStamp, tickLeaseName } from '../../src/schedule/lease.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { hasRedis, testRedis } from '../helpers/redis.ts';
import { INFORMED, makeWorld, utc } from './helpers.ts';
import { runTwoReplicaTicks } from './two-replicas.ts';

const INFORMED_AT = utc('2026-11-26T10:00:00Z');
const DUE = utc('2026-11-30T10:00:00Z');
const MONDAY = utc('2026-11-30T10:05:30Z');

async function seed(w: ReturnType<typeof makeWorld>) {
  for (const name of ['ann', 'bob', 'cy'])
    await w.add({
      email: `${name}@acme.example`,
      firstName: name,
      lastName: 'X',
      products: ['AutoCAD'],
      events: INFORMED,
      at: INFORMED_AT,
    });
}

describe('tick leases', () => {
  it('names a lease per job and UTC minute', () => {
    expect(minuteStamp(utc('2026-11-02T09:00:59.999Z'))).toBe('202611020900');
    expect(tickLeaseName('reminders', utc('2026-11-02T09:00:00Z'))).toBe('tick:reminders:202611020900');
  });
});

describe('scheduler', () => {
  it('runs a tick once per minute, at the instant it is given', async () => {
    const w = makeWorld({ now: INFORMED_AT });
    await seed(w);
    const s = createScheduler(w.ctx, { replicaId: 'one' });
    expect(await s.nextReminderAt()).toBe(DUE);
    const first = await s.tick('reminders', MONDAY);
    expect(first).toMatchObject({ job: 'reminders', ran: true, result: { reminded: 3 } });
    expect(await s.tick('reminders', MONDAY + 20_000)).toEqual({
      job: 'reminders',
      at: MONDAY + 20_000,
      ran: false,
      reason: 'lease_taken',
    });
    expect((await s.tick('reminders', MONDAY + 60_000)).ran).toBe(true);
    expect(w.delivery.keysQueued).toHaveLength(3);
  });

  it('runs the clock-driven jobs at the context clock’s instant (the playground’s "skip to next reminder")', async () => {
    const w = makeWorld({ now: INFORMED_AT });
    await seed(w);
    const s = createScheduler(w.ctx, { replicaId: 'one' });
    expect(await s.runDueJobs()).toHaveLength(3);
    expect(w.delivery.keysQueued).toEqual([]);
    w.clock.t = (await s.nextReminderAt())!;
    const outcomes = await s.runDueJobs();
    expect(outcomes.map((o) => o.job)).toEqual(['reminders', 'summaries', 'invitations']);
    expect(w.delivery.keysQueued.sort()).toEqual([
      'reminder:ann@acme.example:1',
      'reminder:bob@acme.example:1',
      'reminder:cy@acme.example:1',
    ]);
  });

  it('is installed on the app without starting its cron: the composition root asks for that', async () => {
    const app = await buildApp(loadConfig({ HOST: '127.0.0.1', LOG_LEVEL: 'silent' }), createLogger('silent'));
    await app.start(0);
    try {
      expect(app.services.scheduler?.running).toBe(false);
      expect((await app.services.scheduler!.tick('reminders', MONDAY)).ran).toBe(true);
    } finally {
      await app.stop();
    }
  });

  it('refuses to start on a cron expression that does not parse, and starts and stops cleanly otherwise', async () => {
    const bad = makeWorld({ now: INFORMED_AT, env: { REMINDER_CRON: 'every ten minutes' } });
    await expect(createScheduler(bad.ctx).start()).rejects.toThrow(/REMINDER_CRON "every ten minutes"/);
    const w = makeWorld({ now: INFORMED_AT });
    const s = createScheduler(w.ctx);
    await s.start();
    expect(s.running).toBe(true);
    await s.stop();
    expect(s.running).toBe(false);
  });
});

const redis = hasRedis() ? testRedis() : undefined;
if (!redis && process.env.CI === 'true') throw new Error('CI must run the two-replica scheduler test on Redis');
afterAll(async () => {
  await redis?.quit();
});

describe.runIf(redis)('two replicas on one Redis', () => {
  runTwoReplicaTicks((migrationId) => {
    const second = testRedis();
    return {
      a: createRedisStore({ redis: redis!, migrationId }),
      b: createRedisStore({ redis: second, migrationId }),
      close: async () => void (await second.quit()),
    };
  });
});
