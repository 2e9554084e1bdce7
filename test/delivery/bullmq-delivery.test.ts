// The BullMQ engine: the engine contract on real Redis, and what a replica does at start with work a dead one left.
import { describe, expect, it } from 'vitest';
import type { DeliveryJob } from '../../src/ports/delivery.ts';
import { createBullDelivery } from '../../src/delivery/redis/bullmq-delivery.ts';
import { createRedisStatusBook } from '../../src/delivery/redis/redis-status-book.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { hasRedis, redisUrl, testRedis, uniqueMigrationId } from '../helpers/redis.ts';
import { runEngineContract } from './engine.contract.ts';
import { FakeChannel } from './helpers/fake-channel.ts';
import { informJob, personId, seedPeople, testPerson, until } from './helpers/people.ts';

describe.runIf(hasRedis())('BullMQ engine', () => {
  runEngineContract('bullmq', async (channel, s) => {
    const store = createMemoryStore('t');
    const delivery = createBullDelivery({
      redis: redisUrl(),
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

  it('at start, applies the effects a replica left pending on recipients it gave up before it died, once, without sending', async () => {
    const migrationId = uniqueMigrationId('bull');
    const store = createMemoryStore('t');
    // 3 was escalated already: that replica died after recording it, before clearing the flag.
    await seedPeople(store, [
      testPerson(0),
      testPerson(1),
      testPerson(2),
      testPerson(3, (p) => (p.reminders.escalatedAt = 500)),
    ]);
    const redis = testRedis();
    const book = createRedisStatusBook(redis, migrationId);
    const noteTo = (to: number, about: number): DeliveryJob => ({
      key: `escalate:${personId(about)}`,
      personId: personId(to),
      card: { name: 'message', data: { title: 'Note', text: 'About someone' } },
      about: { personId: personId(about), events: [{ type: 'reminder.escalated' }] },
    });
    const [note, done] = [noteTo(0, 1), noteTo(2, 3)];
    // The jobs failed for good and their replica died after settling them: no job is left to pick up again.
    const entries = [note, done].map((job) => ({
      entry: { job, platform: 'teams' as const },
      initial: { status: 'queued' as const },
    }));
    await book.register('c1', entries, 1000);
    await book.settle('c1', note.key, { status: 'skipped', reason: 'blocked' }, { effectsPending: true });
    await book.settle('c1', done.key, { status: 'failed', reason: 'HTTP 503' }, { effectsPending: true });
    const channel = new FakeChannel('teams');
    const delivery = createBullDelivery({
      redis: redisUrl(),
      migrationId,
      store,
      channels: { teams: channel },
      clock: { now: () => Date.now() },
      logger: createLogger('silent'),
      defaults: { locale: 'en', timeZone: 'Europe/Brussels' },
      rates: { teams: Number.POSITIVE_INFINITY },
      concurrency: 2,
      maxAttempts: 3,
      backoffMs: 10,
      lockDurationMs: 5000,
    });
    try {
      await delivery.start();
      await until(
        async () => (await store.getPerson(personId(1)))?.reminders.escalatedAt !== undefined,
        10_000,
        'the escalation recorded',
      );
      await until(async () => (await book.pending('c1')).length === 0, 10_000, 'the flags cleared');
      expect(channel.sends).toEqual([]);
      expect(await book.status('c1', note.key)).toEqual({
        status: { status: 'skipped', reason: 'blocked' },
        effectsPending: false,
      });
      expect(await book.status('c1', done.key)).toEqual({
        status: { status: 'failed', reason: 'HTTP 503' },
        effectsPending: false,
      });
      expect(await delivery.progress('c1')).toMatchObject({ total: 2, skipped: 1, failed: 1, queued: 0 });
      // Applying the events again changed nothing on 3 (ALREADY_DONE): no second escalation.
      expect((await store.getPerson(personId(3)))?.reminders.escalatedAt).toBe(500);
      const audit = (await store.readAudit(10)).filter((a) => a.action === 'reminder.escalated');
      expect(audit.map((a) => [a.person, a.detail])).toEqual([[personId(1), 'delivery:c1:skipped:blocked']]);
    } finally {
      await delivery.stop();
      await redis.quit();
    }
  });

  it("a Redis failing over does not use up a recipient's attempts: the send waits and goes out once Redis answers", async () => {
    const store = createMemoryStore('t');
    await seedPeople(store, [testPerson(0), testPerson(1)]);
    // Reading 0 fails as a Redis in failover answers, five times in a row: more than the one attempt allowed.
    let failures = 5;
    const getPerson = store.getPerson.bind(store);
    store.getPerson = async (id) => {
      if (id === personId(0) && failures > 0) {
        failures--;
        throw new Error('CLUSTERDOWN The cluster is down');
      }
      return getPerson(id);
    };
    const channel = new FakeChannel('teams');
    const delivery = createBullDelivery({
      redis: redisUrl(),
      migrationId: uniqueMigrationId('bull'),
      store,
      channels: { teams: channel },
      clock: { now: () => Date.now() },
      logger: createLogger('silent'),
      defaults: { locale: 'en', timeZone: 'Europe/Brussels' },
      rates: { teams: Number.POSITIVE_INFINITY },
      concurrency: 2,
      maxAttempts: 1,
      backoffMs: 10,
      lockDurationMs: 5000,
    });
    try {
      await delivery.start();
      await delivery.enqueue(
        'c1',
        [0, 1].map((n) => informJob(n)),
      );
      await until(async () => (await delivery.progress('c1'))?.left === 0, 10_000, 'the campaign settled');
      expect(failures).toBe(0);
      expect(await delivery.progress('c1')).toMatchObject({ total: 2, sent: 2, failed: 0 });
      expect([channel.sentTo(personId(0)), channel.sentTo(personId(1))]).toEqual([1, 1]);
    } finally {
      await delivery.stop();
    }
  });
});
