// Redis lost, at start and mid-run, with a redis-server this test starts and kills: the bot starts anyway, /livez
// answers 200 and /readyz answers 503 within a second while Redis is away, it becomes ready when Redis is back, and
// the connection's errors are JSON log lines, a few, not one per reconnection attempt.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import type { RedisProcess } from '../helpers/redis-topology.ts';
import { redisUrlOf, standaloneRedis, waitFor } from '../helpers/redis-topology.ts';
import { uniqueMigrationId } from '../helpers/redis.ts';
import { createInteractionHandler } from '../../src/app/handle-interaction.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { assertRenders, bench, textOf } from '../commands/harness.ts';
import { slackSignature } from '../../src/channels/slack/verify-signature.ts';
import { SIGNING_SECRET, slackEnv } from '../channels/slack/edge-harness.ts';
import { startFakeSlackApi } from '../fakes/slack-api.ts';
import { member } from '../fakes/slack-directory.ts';

let app: App | undefined;
let redis: RedisProcess | undefined;
afterEach(async () => {
  await app?.stop().catch(() => undefined);
  app = undefined;
  await redis?.kill();
  redis = undefined;
});

/** What a person reads when the state store is away, whole, in each language. */
const TEXT: Record<string, string> = {
  en: "The bot's state store cannot be reached right now. Please try again in a minute; if it lasts, tell IT.",
  fr: "Le stockage de l'état du bot est injoignable pour le moment. Réessayez dans une minute ; si cela dure, prévenez l'informatique.",
  nl: 'De statusopslag van de bot is op dit moment niet bereikbaar. Probeer het over een minuut opnieuw; duurt het langer, meld het dan aan IT.',
  de: 'Der Zustandsspeicher des Bots ist gerade nicht erreichbar. Versuchen Sie es in einer Minute erneut; hält es an, melden Sie es der IT.',
};

async function timed(url: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started };
}

describe('Redis lost', () => {
  it('starts without Redis, says so fast, becomes ready when Redis comes back, and again when it is lost', async () => {
    redis = await standaloneRedis('redis-loss');
    const logs = captureLogs();
    const config = loadConfig({
      HOST: '127.0.0.1',
      PLAYGROUND: 'off',
      REDIS_URL: redisUrlOf(redis),
      MIGRATION_ID: uniqueMigrationId('redis-loss'),
    });
    app = await buildApp(config, createLogger('info', logs.sink));
    const started = Date.now();
    const base = `http://127.0.0.1:${await app.start(0)}`;
    expect(Date.now() - started).toBeLessThan(3000);

    expect((await timed(`${base}/livez`)).status).toBe(200);
    const notReady = await timed(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(notReady.ms).toBeLessThan(1000);

    await redis.start();
    await waitFor('ready once Redis is back', async () => (await timed(`${base}/readyz`)).status === 200, 15_000);

    await redis.kill();
    const lost = await timed(`${base}/readyz`);
    expect(lost.status).toBe(503);
    expect(lost.ms).toBeLessThan(1000);
    expect((await timed(`${base}/livez`)).status).toBe(200);

    // Connection errors: JSON lines through pino, rate-limited (not one per reconnection attempt).
    await new Promise((r) => setTimeout(r, 1500));
    const errors = logs.parsed().filter((l) => l.msg === 'redis connection error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThan(10);
  }, 60_000);
});

describe('a person asking while Redis is lost', () => {
  it('gets a clear answer in their language within 2 s, not silence nor a generic failure', async () => {
    redis = await standaloneRedis('redis-loss');
    await redis.start();
    const b = bench();
    const store = createRedisStore({
      redis: redisUrlOf(redis),
      migrationId: uniqueMigrationId('redis-loss-handler'),
    });
    try {
      const handle = createInteractionHandler({ ...b.ctx, store, logger: createLogger('silent') });
      await redis.kill();
      for (const [locale, tag] of Object.entries({ en: 'en-US', fr: 'fr-FR', nl: 'nl-BE', de: 'de-DE' })) {
        const started = Date.now();
        const reply = await handle({
          kind: 'command',
          actor: { platform: 'slack', userId: 'U0X', personId: 'anne@example.org', locale: tag },
          text: 'status',
        });
        expect(Date.now() - started).toBeLessThan(2000);
        assertRenders(reply);
        expect(reply.cards[0]?.locale).toBe(locale);
        expect(textOf(reply)).toContain(TEXT[locale]);
      }
    } finally {
      await store.close().catch(() => undefined);
    }
  }, 60_000);
});

describe('a Slack command while Redis is lost', () => {
  it('is answered within 2 s with the clear text in the person’s Slack language, not left silent', async () => {
    redis = await standaloneRedis('redis-loss');
    await redis.start();
    const tags = { en: 'en-US', fr: 'fr-FR', nl: 'nl-BE', de: 'de-DE' } as const;
    const fake = await startFakeSlackApi({
      members: Object.entries(tags).map(([l, tag]) =>
        member(`U0${l.toUpperCase()}`, `${l}@example.org`, { locale: tag }),
      ),
    });
    try {
      const config = loadConfig(
        slackEnv(fake, {
          HOST: '127.0.0.1',
          REDIS_URL: redisUrlOf(redis),
          MIGRATION_ID: uniqueMigrationId('redis-loss-slack'),
        }),
      );
      app = await buildApp(config, createLogger('silent'));
      const base = `http://127.0.0.1:${await app.start(0)}`;
      await redis.kill();
      for (const locale of Object.keys(tags)) {
        const ts = String(Math.floor(Date.now() / 1000));
        const form = new URLSearchParams({
          team_id: 'T0FAKE',
          channel_id: 'C0GENERAL',
          user_id: `U0${locale.toUpperCase()}`,
          command: '/migrate',
          text: 'status',
          response_url: fake.responseUrl(`lost-${locale}`),
          trigger_id: `trigger-lost-${locale}-${Date.now()}`,
        }).toString();
        const sent = Date.now();
        const res = await fetch(`${base}/slack/events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-slack-request-timestamp': ts,
            'x-slack-signature': slackSignature(SIGNING_SECRET, ts, form),
          },
          body: form,
        });
        expect(res.status).toBe(200);
        await waitFor(`the answer in ${locale}`, async () => fake.responses(`lost-${locale}`).length > 0, 5000);
        expect(Date.now() - sent).toBeLessThan(2000);
        expect(JSON.stringify(fake.responses(`lost-${locale}`)[0]!.body)).toContain(
          JSON.stringify(TEXT[locale]).slice(1, -1),
        );
      }
    } finally {
      await fake.close();
    }
  }, 60_000);
});
