// Delivery in the real app: the engine the configuration asks for, sending through the channels it was built with.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { hasRedis, redisUrl, uniqueMigrationId } from '../helpers/redis.ts';
import { FakeChannel } from './helpers/fake-channel.ts';
import { informJob, personId, seedPeople, testPerson, until } from './helpers/people.ts';

describe('createDelivery in the app', () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  const run = async (env: Record<string, string>) => {
    const channel = new FakeChannel('teams');
    const store = createMemoryStore('install');
    await seedPeople(store, [testPerson(0), testPerson(1)]);
    app = await buildApp(loadConfig({ HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env }), createLogger('silent'), {
      store,
      channels: { teams: channel },
    });
    await app.start(0);
    const delivery = app.services.delivery!;
    expect(await delivery.enqueue('install', [informJob(0), informJob(1)])).toEqual({ queued: 2, duplicates: 0 });
    await until(async () => (await delivery.progress('install'))?.sent === 2, 15_000, 'both sent');
    expect(channel.sentTo(personId(0))).toBe(1);
    expect((await store.getPerson(personId(1)))?.inform.status).toBe('informed');
  };

  it('runs the in-process engine without Redis', async () => {
    await run({});
  });

  it.runIf(hasRedis())('runs BullMQ workers on Redis', async () => {
    await run({ REDIS_URL: redisUrl(), MIGRATION_ID: uniqueMigrationId('install').slice(0, 40) });
  });
});
