// Socket Mode envelopes run once, as HTTP deliveries do: Slack redelivers an envelope it did not see acknowledged in
// time, and another replica may get the same event. Two replicas share one real Redis store; each redelivery is
// acknowledged (so Slack stops) but reaches the bot's listeners only the first time.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/app/build-app.ts';
import { createBoltApp, type BoltSetup } from '../../../src/channels/slack/bolt-app.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { createRedisStore } from '../../../src/store/redis-store.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import { FAKE_TEAM_ID } from '../../fakes/slack-directory.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.ts';
import { eventually } from '../../helpers/eventually.ts';
import { redisUrl, uniqueMigrationId } from '../../helpers/redis.ts';
import { makeEdge, slackEnv } from './edge-harness.ts';

type Node = Record<string, unknown>;

describe('Slack Socket Mode runs each delivery once', () => {
  let fake: FakeSlackApi;
  const replicas: BoltSetup[] = [];
  const stores: MigrationStore[] = [];
  let app: App | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    for (const r of replicas.splice(0)) await r.socket?.stop();
    for (const s of stores.splice(0)) await s.close();
    await fake.close();
  });

  /** Two replicas of the bot on one store, each with its own Socket Mode connection; what their listeners saw. */
  async function twoReplicas(): Promise<{ seen: Node[] }> {
    fake = await startFakeSlackApi();
    const migrationId = uniqueMigrationId('socket-once');
    const seen: Node[] = [];
    for (let i = 0; i < 2; i++) {
      const store = createRedisStore({ redis: redisUrl(), migrationId });
      stores.push(store);
      const env = { SLACK_SOCKET_MODE: 'true', SLACK_APP_TOKEN: fake.appToken, SLACK_SIGNING_SECRET: '' };
      const setup = createBoltApp(makeEdge(fake, { store, env }));
      // Sees every delivery that reaches the listeners; acknowledges commands and clicks, as their listeners would.
      setup.app.use(async (args) => {
        seen.push(args.body as Node);
        if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
        await args.next();
      });
      replicas.push(setup);
      await setup.socket!.start();
    }
    expect(fake.socketMode.connections()).toBe(2);
    return { seen };
  }

  const mention = (eventId: string) => ({
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM_ID,
    api_app_id: 'A0NUMBOT',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1,
    event: { type: 'app_mention', user: 'U0JANE', text: '<@U0BOT> hi', ts: '1.1', channel: 'C0GENERAL' },
  });
  const ackedAll = (...envelopeIds: string[]) =>
    eventually(() => envelopeIds.every((id) => fake.socketMode.acks(id).length > 0) || undefined, 10_000);

  it('an event redelivered, on the same or the other replica, reaches the listeners once', async () => {
    const { seen } = await twoReplicas();
    const first = fake.socketMode.push('events_api', mention('Ev0ONCE'), { connection: 1 });
    await eventually(() => seen.length === 1 || undefined, 10_000);
    const again = fake.socketMode.push('events_api', mention('Ev0ONCE'), { connection: 2, retryAttempt: 1 });
    const sameReplica = fake.socketMode.push('events_api', mention('Ev0ONCE'), { connection: 1, retryAttempt: 2 });
    const other = fake.socketMode.push('events_api', mention('Ev0OTHER'), { connection: 2 });
    await ackedAll(first, again, sameReplica, other);
    await eventually(() => seen.length === 2 || undefined, 10_000);
    // Nothing else arrives late.
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.map((b) => b.event_id).sort()).toEqual(['Ev0ONCE', 'Ev0OTHER']);
  });

  it('a command (by trigger id) and an envelope without ids (by envelope id) run once', async () => {
    const { seen } = await twoReplicas();
    const command = {
      team_id: FAKE_TEAM_ID,
      channel_id: 'C0GENERAL',
      user_id: 'U0JANE',
      command: '/migrate',
      text: 'status',
      api_app_id: 'A0NUMBOT',
      response_url: `${fake.url}/response/once`,
      trigger_id: 'trigger-once',
    };
    const c1 = fake.socketMode.push('slash_commands', command, { connection: 1 });
    const c2 = fake.socketMode.push('slash_commands', command, { connection: 2 });
    // An interaction that carries neither an event id nor a trigger id (a modal closed): only its envelope id tells a
    // redelivery.
    const bare = {
      type: 'view_closed',
      user: { id: 'U0JANE', team_id: FAKE_TEAM_ID },
      team: { id: FAKE_TEAM_ID },
      view: { id: 'V0HELP', callback_id: 'help', type: 'modal', team_id: FAKE_TEAM_ID },
      is_cleared: false,
    };
    const b1 = fake.socketMode.push('interactive', bare, { connection: 2 });
    const b2 = fake.socketMode.push('interactive', bare, { connection: 1, envelopeId: b1 });
    const b3 = fake.socketMode.push('interactive', bare, { connection: 2 });
    expect(b2).toBe(b1);
    await ackedAll(c1, c2, b1, b3);
    await eventually(() => seen.length === 3 || undefined, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.socketMode.acks(b1)).toHaveLength(2);
    expect(seen.map((b) => b.command ?? b.type).sort()).toEqual(['/migrate', 'view_closed', 'view_closed']);
  });

  it('end to end: the bot answers a command Slack redelivers once, on an empty store', async () => {
    fake = await startFakeSlackApi();
    const env = slackEnv(fake, {
      HOST: '127.0.0.1',
      SLACK_SOCKET_MODE: 'true',
      SLACK_APP_TOKEN: fake.appToken,
      SLACK_SIGNING_SECRET: '',
      REDIS_URL: redisUrl(),
      MIGRATION_ID: uniqueMigrationId('socket-once-e2e'),
    });
    app = await buildApp(loadConfig(env), createLogger('silent'));
    await app.start(0);
    await eventually(() => fake.socketMode.connections() === 1 || undefined, 10_000);
    const command = {
      team_id: FAKE_TEAM_ID,
      channel_id: 'C0GENERAL',
      user_id: 'U0NOBODY',
      command: '/migrate',
      text: 'status',
      api_app_id: 'A0NUMBOT',
      response_url: fake.responseUrl('redelivered'),
      trigger_id: 'trigger-redelivered',
    };
    const first = fake.socketMode.push('slash_commands', command);
    await eventually(() => fake.responses('redelivered')[0], 10_000);
    // Slack did not see the ack in time and sends the same envelope again.
    fake.socketMode.push('slash_commands', command, { envelopeId: first });
    await eventually(() => (fake.socketMode.acks(first).length === 2 ? true : undefined), 10_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(fake.responses('redelivered')).toHaveLength(1);
  });
});
