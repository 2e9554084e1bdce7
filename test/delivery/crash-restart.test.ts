// Real processes, real Redis, a real HTTP recorder: a replica killed mid-campaign loses nobody once another runs,
// duplicates stay within the sends in flight at the kill, and two replicas together never double-send.
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/ports/delivery.ts';
import { createBullDelivery } from '../../src/delivery/redis/bullmq-delivery.ts';
import { createLogger } from '../../src/log.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { hasRedis, redisUrl, uniqueMigrationId } from '../helpers/redis.ts';
import { informJob, personId, seedPeople, testPerson, until } from './helpers/people.ts';
import { recorderChannel } from './helpers/recorder-channel.ts';
import { startRecorder, type Recorder } from './helpers/recorder.ts';
import { exited, spawnWorker } from './helpers/spawn-worker.ts';
import type { WorkerProcessConfig } from './worker-process.ts';

const CONCURRENCY = 8;
const PEOPLE = 300;

describe.runIf(hasRedis())('delivery across processes', () => {
  const children: ChildProcess[] = [];
  let recorder: Recorder | undefined;
  let store: MigrationStore | undefined;
  let enqueuer: Delivery | undefined;

  afterEach(async () => {
    for (const c of children.splice(0)) {
      c.kill('SIGKILL');
      await exited(c);
    }
    await enqueuer?.stop();
    await store?.close();
    await recorder?.close();
  });

  /** People in Redis, a recorder, and a replica that only enqueues (no workers) with the campaign queued. */
  async function prepare(delayMs: number) {
    const migrationId = uniqueMigrationId('crash');
    recorder = await startRecorder(delayMs);
    store = createRedisStore({ redis: redisUrl(), migrationId });
    await seedPeople(
      store,
      Array.from({ length: PEOPLE }, (_, i) => testPerson(i)),
    );
    enqueuer = createBullDelivery({
      redis: redisUrl(),
      migrationId,
      store,
      channels: { teams: recorderChannel(recorder.url, 'enqueuer') },
      clock: { now: () => Date.now() },
      logger: createLogger('silent'),
      defaults: { locale: 'en', timeZone: 'Europe/Brussels' },
      rates: { teams: 150 },
      concurrency: CONCURRENCY,
      maxAttempts: 6,
      workers: false,
    });
    await enqueuer.start();
    const url = recorder.url;
    const worker = (name: string): WorkerProcessConfig => ({
      redisUrl: redisUrl(),
      migrationId,
      channel: { kind: 'recorder', url, worker: name },
      concurrency: CONCURRENCY,
      ratePerSec: 150,
      lockDurationMs: 2000,
    });
    return { worker };
  }

  const jobs = () => Array.from({ length: PEOPLE }, (_, n) => informJob(n));

  it('finishes a campaign after a replica is killed mid-way, with duplicates only from sends in flight', async () => {
    const { worker } = await prepare(40);
    await enqueuer!.enqueue('crash', jobs());
    const a = await spawnWorker(worker('a'));
    children.push(a);
    await until(() => recorder!.total() >= 60, 30_000, 'replica a to send 60');
    a.kill('SIGKILL');
    await exited(a);
    const beforeRestart = recorder!.total();
    expect(beforeRestart).toBeLessThan(PEOPLE);

    children.push(await spawnWorker(worker('b')));
    await until(
      async () => {
        const p = await enqueuer!.progress('crash');
        return p !== undefined && p.queued + p.retrying === 0;
      },
      45_000,
      'the campaign to finish',
    );

    const counts = Array.from({ length: PEOPLE }, (_, n) => recorder!.perPerson.get(personId(n)) ?? 0);
    const lost = counts.filter((c) => c === 0).length;
    const duplicates = counts.reduce((sum, c) => sum + Math.max(0, c - 1), 0);
    console.log(`crash test: ${beforeRestart} sends before the kill, ${duplicates} duplicate(s), ${lost} lost`);
    expect(lost).toBe(0);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
    expect(recorder!.perWorker.get('b')).toBeGreaterThan(0);
    expect(await enqueuer!.progress('crash')).toMatchObject({ total: PEOPLE, sent: PEOPLE, failed: 0, skipped: 0 });
    // A card the killed replica sent but whose events it had not applied yet is settled as sent with its effects
    // pending; the events land when its job is picked up again (stalled-job recovery), once and only once.
    const ids = Array.from({ length: PEOPLE }, (_, n) => personId(n));
    await until(
      async () => (await store!.getPeople(ids)).every((p) => p?.inform.status === 'informed'),
      15_000,
      'every person informed',
    );
    const people = await store!.getPeople(ids);
    expect(people.map((p) => p?.inform)).toEqual(
      people.map(() => expect.objectContaining({ status: 'informed', rounds: 1 })),
    );
  }, 90_000);

  it('lets two replicas split a campaign without sending anyone twice', async () => {
    const { worker } = await prepare(10);
    const [a, b] = await Promise.all([spawnWorker(worker('a')), spawnWorker(worker('b'))]);
    children.push(a, b);
    await enqueuer!.enqueue('pair', jobs());
    await until(
      async () => {
        const p = await enqueuer!.progress('pair');
        return p !== undefined && p.queued + p.retrying === 0;
      },
      45_000,
      'the campaign to finish',
    );
    const counts = Array.from({ length: PEOPLE }, (_, n) => recorder!.perPerson.get(personId(n)) ?? 0);
    expect(counts.every((c) => c === 1)).toBe(true);
    expect(recorder!.perWorker.get('a')).toBeGreaterThan(0);
    expect(recorder!.perWorker.get('b')).toBeGreaterThan(0);
    expect(await enqueuer!.progress('pair')).toMatchObject({ total: PEOPLE, sent: PEOPLE });
  }, 90_000);
});
