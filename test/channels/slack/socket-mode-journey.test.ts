// The whole bot over Socket Mode (SLACK_SOCKET_MODE=true) against the fake: apps.connections.open with the app
// token at the configured SLACK_API_URL, a WebSocket that says hello, envelopes in, acks out, replies through the Web
// API and response_url as over HTTP, reconnection when Slack refreshes the connection, and a clean stop.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/app/build-app.ts';
import type { InteractionHandler } from '../../../src/ports/interaction.ts';
import { loadConfig } from '../../../src/config.ts';
import { newPerson } from '../../../src/domain/person.ts';
import { createLogger } from '../../../src/log.ts';
import { rememberChatUser } from '../../../src/services/chat-identity.ts';
import { createPerson, updatePerson } from '../../../src/services/update-person.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import { FAKE_TEAM_ID, member } from '../../fakes/slack-directory.ts';
import { startFakeSlackApi, type FakeSlackApi, type StoredMessage } from '../../fakes/slack-api.ts';
import { eventually } from '../../helpers/eventually.ts';
import { slackEnv } from './edge-harness.ts';

type Node = Record<string, unknown>;
const ADMIN_CHANNEL = 'C0ADMINS';
/** A reconnection starts at once after Slack's `disconnect`, a retry after a failed one 5 s later; leave room on a loaded machine. */
const RECONNECT_MS = 20_000;

/** Holds every interaction before the core sees it until released: shows the ack does not wait for the work. */
function gate() {
  let release: () => void = () => {};
  let held = Promise.resolve();
  let waiting = 0;
  const wrap =
    (inner: InteractionHandler): InteractionHandler =>
    async (i) => {
      waiting++;
      await held;
      waiting--;
      return inner(i);
    };
  return {
    wrap,
    close: () => void (held = new Promise<void>((r) => (release = r))),
    open: () => release(),
    waiting: () => waiting,
  };
}

describe('Slack over Socket Mode, end to end', () => {
  let fake: FakeSlackApi;
  let app: App | undefined;
  let hold: ReturnType<typeof gate>;
  let seq = 0;

  async function startApp(appToken = fake.appToken): Promise<App> {
    const env = slackEnv(fake, {
      HOST: '127.0.0.1',
      SLACK_SOCKET_MODE: 'true',
      SLACK_APP_TOKEN: appToken,
      SLACK_SIGNING_SECRET: '',
      ADMIN_EMAILS: 'admin@example.org',
      SLACK_ADMIN_CHANNEL: ADMIN_CHANNEL,
      ORGANISATION_NAME: 'Acme IT',
    });
    hold = gate();
    app = await buildApp(loadConfig(env), createLogger('silent'), {
      store: createMemoryStore(`socket-${++seq}`),
      wrapHandler: hold.wrap,
    });
    await app.start(0);
    return app;
  }

  async function seed(a: App): Promise<void> {
    const actor = { id: 'test', source: 'system' as const };
    for (const [email, user, first] of [
      ['admin@example.org', 'U0ADMIN', 'Ada'],
      ['jane@example.org', 'U0JANE', 'Jane'],
      ['bob@example.org', 'U0BOB', 'Bob'],
    ] as const) {
      const p = newPerson({ email, firstName: first, lastName: 'Test', products: ['AutoCAD'] }, Date.now());
      p.chat = { slack: { userId: user } };
      await createPerson(a.services.store, p, actor, Date.now());
      await rememberChatUser(a.services.store, 'slack', user, p.id);
      await updatePerson(a.services.store, p.id, [{ type: 'product.assigned', product: 'AutoCAD' }], actor, Date.now());
    }
  }

  beforeEach(async () => {
    fake = await startFakeSlackApi({
      members: [
        member('U0ADMIN', 'admin@example.org'),
        member('U0JANE', 'jane@example.org'),
        member('U0BOB', 'bob@example.org'),
      ],
    });
    app = undefined;
  });
  afterEach(async () => {
    await app?.stop();
    await fake.close();
  });

  /** A slash command as Slack sends it over Socket Mode: the command's fields as a JSON payload. */
  const command = (userId: string, text: string, responseId: string) =>
    fake.socketMode.push('slash_commands', {
      token: 'legacy-verification-token',
      team_id: FAKE_TEAM_ID,
      team_domain: 'fake',
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      user_id: userId,
      user_name: userId.toLowerCase(),
      command: '/migrate',
      text,
      api_app_id: 'A0NUMBOT',
      is_enterprise_install: 'false',
      response_url: fake.responseUrl(responseId),
      trigger_id: `trigger-${responseId}`,
    });
  const buttons = (msg: StoredMessage): Node[] =>
    (msg.blocks as Node[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements as Node[]);
  const button = (msg: StoredMessage, verb: string) => buttons(msg).find((b) => String(b.action_id).includes(verb))!;
  /** A click on a card's button as Slack sends it over Socket Mode: the block_actions payload itself. */
  const click = (msg: StoredMessage, b: Node, userId: string, responseId: string) =>
    fake.socketMode.push('interactive', {
      type: 'block_actions',
      user: { id: userId, username: userId.toLowerCase(), team_id: FAKE_TEAM_ID },
      api_app_id: 'A0NUMBOT',
      token: 'legacy-verification-token',
      container: { type: 'message', message_ts: msg.ts, channel_id: msg.channel, is_ephemeral: false },
      trigger_id: `trigger-${msg.ts}-${userId}`,
      team: { id: FAKE_TEAM_ID, domain: 'fake' },
      channel: { id: msg.channel, name: 'directmessage' },
      message: { type: 'message', ts: msg.ts, text: msg.text, blocks: msg.blocks },
      state: { values: {} },
      response_url: fake.responseUrl(responseId),
      actions: [
        { type: 'button', block_id: 'b1', action_id: b.action_id, text: b.text, value: b.value, action_ts: '1.2' },
      ],
    });
  const ackOf = (envelopeId: string, timeoutMs = 10_000) =>
    eventually(() => fake.socketMode.acks(envelopeId)[0], timeoutMs);
  const jane = () => app!.services.store.getPerson('jane@example.org');

  it("connects with the app token at SLACK_API_URL and answers an admin's command: acked first, reply via response_url", async () => {
    const a = await startApp();
    await seed(a);
    // Started means connected: apps.connections.open took the app token at the fake, and the socket is open.
    expect(fake.calls('apps.connections.open')).toMatchObject([{ status: 200 }]);
    expect(fake.socketMode.connections()).toBe(1);

    hold.close();
    const id = command('U0ADMIN', 'status', 'status');
    const ack = await ackOf(id);
    // Acknowledged while the core has not answered yet: the ack does not wait for the work.
    expect(ack.payload ?? {}).toEqual({});
    await eventually(() => hold.waiting() === 1);
    expect(fake.responses('status')).toHaveLength(0);
    hold.open();

    const reply = await eventually(() => fake.responses('status')[0], 10_000);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(reply.body)).toContain('Done: *0* of *3*');
    expect(fake.socketMode.acks(id)).toHaveLength(1);
    expect(fake.socketMode.strays()).toEqual([]);
  });

  it('delivers the step-4 card and records a click on "I\'ve signed in" exactly as over HTTP', async () => {
    const a = await startApp();
    await seed(a);
    await ackOf(command('U0ADMIN', 'notify jane@example.org', 'notify'));
    const card = structuredClone(
      await eventually(() => fake.posted().find((m) => JSON.stringify(m.blocks).includes("I've signed in")), 10_000),
    );
    await eventually(async () => (await jane())?.inform.status === 'informed', 10_000);

    const id = click(card, button(card, 'signed_in'), 'U0JANE', 'jane-click');
    expect((await ackOf(id)).payload ?? {}).toEqual({});
    await eventually(async () => (await jane())?.inform.status === 'acknowledged', 10_000);
    const done = (await jane())!;
    expect(done.switches.AutoCAD?.['self-reported']?.status).toBe('named');
    const thanks = await eventually(
      () => fake.updated().find((u) => /Thank you/i.test(JSON.stringify(u.blocks))),
      10_000,
    );
    expect(thanks).toMatchObject({ channel: card.channel, ts: card.ts });

    // A second click is acked too and changes nothing.
    await ackOf(click(card, button(card, 'signed_in'), 'U0JANE', 'jane-again'));
    await new Promise((r) => setTimeout(r, 300));
    expect((await jane())?.version).toBe(done.version);

    // Someone else's click on her card is acked, refused for their eyes only, and changes nothing.
    await ackOf(click(card, button(card, 'signed_in'), 'U0BOB', 'bob-click'));
    const refusal = await eventually(() => fake.responses('bob-click')[0], 10_000);
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral' });
    expect((await jane())?.version).toBe(done.version);
    expect(await a.services.store.getPerson('bob@example.org')).toMatchObject({ inform: { status: 'not_informed' } });
  });

  it('answers an events_api envelope (App Home opened) with an ack and a published view', async () => {
    const a = await startApp();
    await seed(a);
    const id = fake.socketMode.push('events_api', {
      token: 'legacy-verification-token',
      team_id: FAKE_TEAM_ID,
      api_app_id: 'A0NUMBOT',
      type: 'event_callback',
      event_id: 'Ev1',
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: FAKE_TEAM_ID, user_id: 'UNUMBOT', is_bot: true, is_enterprise_install: false }],
      event: { type: 'app_home_opened', user: 'U0JANE', channel: 'D0JANE', tab: 'home', event_ts: '1.1' },
    });
    await ackOf(id);
    const view = await eventually(() => fake.views().published[0], 10_000);
    expect(view.user_id).toBe('U0JANE');
  });

  it('reconnects when Slack refreshes the connection, and the next envelope still works', async () => {
    const a = await startApp();
    await seed(a);
    fake.socketMode.disconnect('refresh_requested');
    await eventually(() => fake.socketMode.history().length === 2 && fake.socketMode.connections() === 1, RECONNECT_MS);
    expect(fake.socketMode.history()).toEqual([
      { id: 1, closed: true },
      { id: 2, closed: false },
    ]);
    expect(fake.calls('apps.connections.open')).toHaveLength(2);

    const id = command('U0ADMIN', 'status', 'after-refresh');
    expect((await ackOf(id)).connection).toBe(2);
    expect(JSON.stringify((await eventually(() => fake.responses('after-refresh')[0], 10_000)).body)).toContain(
      'Done: *0* of *3*',
    );
  }, 40_000);

  it('keeps reconnecting through a failed apps.connections.open during a refresh', async () => {
    const a = await startApp();
    await seed(a);
    fake.injectFault({ method: 'apps.connections.open', kind: 'http', status: 503 });
    fake.socketMode.disconnect('refresh_requested');
    await eventually(() => fake.socketMode.connections() === 1 && fake.socketMode.history().length === 2, RECONNECT_MS);
    expect(fake.calls('apps.connections.open').map((c) => c.status)).toEqual([200, 503, 200]);
    await ackOf(command('U0ADMIN', 'status', 'after-retry'));
    await eventually(() => fake.responses('after-retry')[0], 10_000);
  }, 40_000);

  it('stops cleanly: the socket is closed and it does not come back', async () => {
    const a = await startApp();
    await a.stop();
    app = undefined;
    await eventually(() => fake.socketMode.connections() === 0);
    expect(fake.socketMode.history()).toEqual([{ id: 1, closed: true }]);
    // No reconnection after a deliberate stop (a retry would come within 5 s).
    await new Promise((r) => setTimeout(r, 6_000));
    expect(fake.calls('apps.connections.open')).toHaveLength(1);
    expect(fake.socketMode.connections()).toBe(0);
  }, 30_000);

  it('fails to start with a clear error when Slack refuses the app token, and opens nothing', async () => {
    const err = await startApp('xapp-revoked').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(
      /Slack Socket Mode could not connect: apps\.connections\.open answered "invalid_auth"\. Check SLACK_APP_TOKEN/,
    );
    expect(err?.message).not.toContain('xapp-revoked');
    expect(fake.calls('apps.connections.open')).toMatchObject([{ status: 200, error: 'invalid_auth' }]);
    expect(fake.socketMode.history()).toEqual([]);
  });
});
