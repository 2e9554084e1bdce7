// Slack delivers an event again when the bot answered slowly (X-Slack-Retry-Num), and a captured signed request can be
// sent again within the five minutes its timestamp stays fresh: each is acknowledged, and runs once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/app/build-app.ts';
import { slackSignature } from '../../../src/channels/slack/verify-signature.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { createRedisStore } from '../../../src/store/redis-store.ts';
import { member } from '../../fakes/slack-directory.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.ts';
import { eventually } from '../../helpers/eventually.ts';
import { redisUrl, testRedis, uniqueMigrationId } from '../../helpers/redis.ts';
import { SIGNING_SECRET, slackEnv } from './edge-harness.ts';

let fake: FakeSlackApi;
let apps: App[] = [];
const redis = testRedis();
let migrationId: string;

beforeEach(async () => {
  fake = await startFakeSlackApi({ members: [member('U0STRANGER', 'stranger@example.org')] });
  migrationId = uniqueMigrationId('slack-once');
});
afterEach(async () => {
  for (const a of apps) await a.stop();
  apps = [];
  await fake.close();
});

/** A replica of the bot on the shared Redis (two of them behave as two pods behind a load balancer). */
async function replica(): Promise<string> {
  const config = loadConfig(slackEnv(fake, { HOST: '127.0.0.1', REDIS_URL: redisUrl(), MIGRATION_ID: migrationId }));
  const app = await buildApp(config, createLogger('silent'), {
    store: createRedisStore({ redis: redis.duplicate(), migrationId }),
  });
  apps.push(app);
  return `http://127.0.0.1:${await app.start(0)}`;
}

function post(base: string, body: string, type: string, ts: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': type,
      'x-slack-request-timestamp': ts,
      'x-slack-signature': slackSignature(SIGNING_SECRET, ts, body),
      ...headers,
    },
    body,
  });
}
const now = () => String(Math.floor(Date.now() / 1000));
/** Every answer the bot gave, whichever way (a message, an ephemeral, a response_url post). */
const answers = () => fake.posted().length + fake.ephemerals().length + fake.responses().length;
const settle = () => new Promise((r) => setTimeout(r, 800));

describe('Slack idempotency', () => {
  it('an event delivered three times (Slack retries, two replicas) is answered once', async () => {
    const [a, b] = [await replica(), await replica()];
    const event = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0FAKE',
      api_app_id: 'A0NUMBOT',
      event_id: `Ev${Date.now()}`,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D0STRANGER',
        user: 'U0STRANGER',
        text: 'status',
        ts: '1.1',
      },
    });
    const type = 'application/json';
    expect((await post(a, event, type, now())).status).toBe(200);
    const first = await eventually(() => (answers() > 0 ? answers() : undefined), 10_000);
    for (const [base, n] of [
      [b, '1'],
      [a, '2'],
    ] as const) {
      const res = await post(base, event, type, now(), {
        'x-slack-retry-num': n,
        'x-slack-retry-reason': 'http_timeout',
      });
      expect(res.status).toBe(200);
    }
    await settle();
    expect(answers()).toBe(first);
  });

  it('a replayed signed slash command runs once', async () => {
    const base = await replica();
    const ts = now();
    const form = new URLSearchParams({
      team_id: 'T0FAKE',
      channel_id: 'C0GENERAL',
      user_id: 'U0STRANGER',
      command: '/migrate',
      text: 'help',
      api_app_id: 'A0NUMBOT',
      response_url: fake.responseUrl('replayed'),
      trigger_id: `trigger-${Date.now()}`,
    }).toString();
    const type = 'application/x-www-form-urlencoded';
    expect((await post(base, form, type, ts)).status).toBe(200);
    await eventually(() => (fake.responses('replayed').length > 0 ? true : undefined), 10_000);
    const answered = answers();
    expect((await post(base, form, type, ts)).status).toBe(200);
    await settle();
    expect(answers()).toBe(answered);
  });
});
