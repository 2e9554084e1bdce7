// The whole bot, as Slack drives it: signed slash commands and clicks on /slack/events, the real command handler,
// the real delivery engine and the fake Slack Web API. A step-4 card goes out, every button is clicked, the state moves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { notInMigrationReply } from '../../src/replies/not-in-migration.ts';
import { renderForSlack } from '../../src/channels/slack/render.ts';
import { slackSignature } from '../../src/channels/slack/verify-signature.ts';
import { loadConfig } from '../../src/config.ts';
import { newPerson } from '../../src/domain/person.ts';
import { createLogger } from '../../src/log.ts';
import { personForChatUser, rememberChatUser } from '../../src/services/chat-identity.ts';
import { createPerson, updatePerson } from '../../src/services/update-person.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { member } from '../fakes/slack-directory.ts';
import { startFakeSlackApi, type FakeSlackApi, type StoredMessage } from '../fakes/slack-api.ts';
import { SIGNING_SECRET, slackEnv } from '../channels/slack/edge-harness.ts';
import { eventually } from '../helpers/eventually.ts';

type Node = Record<string, unknown>;
const ADMIN_CHANNEL = 'C0ADMINS';

describe("Slack end to end: step 4 from the admin's command to the person's clicks", () => {
  let fake: FakeSlackApi;
  let app: App;
  let base: string;
  let seq = 0;

  beforeEach(async () => {
    fake = await startFakeSlackApi({
      members: [
        member('U0ADMIN', 'admin@example.org'),
        member('U0JANE', 'jane@example.org'),
        member('U0BOB', 'bob@example.org'),
        // In the workspace, not in the roster; and a configured admin who is not in the roster either.
        member('U0STRANGER', 'stranger@example.org', { locale: 'fr-FR' }),
        member('U0BOSS', 'boss@example.org'),
      ],
    });
    const config = loadConfig(
      slackEnv(fake, {
        HOST: '127.0.0.1',
        ADMIN_EMAILS: 'admin@example.org,boss@example.org',
        SLACK_ADMIN_CHANNEL: ADMIN_CHANNEL,
        ORGANISATION_NAME: 'Acme IT',
      }),
    );
    app = await buildApp(config, createLogger('silent'), { store: createMemoryStore(`e2e-slack-${++seq}`) });
    base = `http://127.0.0.1:${await app.start(0)}`;
    const actor = { id: 'test', source: 'system' as const };
    for (const [email, user, first] of [
      ['admin@example.org', 'U0ADMIN', 'Ada'],
      ['jane@example.org', 'U0JANE', 'Jane'],
      ['bob@example.org', 'U0BOB', 'Bob'],
    ] as const) {
      const p = newPerson({ email, firstName: first, lastName: 'Test', products: ['AutoCAD'] }, Date.now());
      p.chat = { slack: { userId: user } };
      await createPerson(app.services.store, p, actor, Date.now());
      await rememberChatUser(app.services.store, 'slack', user, p.id);
      await updatePerson(
        app.services.store,
        p.id,
        [{ type: 'product.assigned', product: 'AutoCAD' }],
        actor,
        Date.now(),
      );
    }
  });
  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  function post(body: string, contentType: string, sign: { secret?: string; timestamp?: number } = {}) {
    const ts = String(sign.timestamp ?? Math.floor(Date.now() / 1000));
    return fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': ts,
        'x-slack-signature': slackSignature(sign.secret ?? SIGNING_SECRET, ts, body),
      },
      body,
    });
  }
  function command(userId: string, text: string, responseId: string) {
    const form = new URLSearchParams({
      team_id: 'T0FAKE',
      channel_id: 'C0GENERAL',
      user_id: userId,
      user_name: userId.toLowerCase(),
      command: '/migrate',
      text,
      api_app_id: 'A0NUMBOT',
      response_url: fake.responseUrl(responseId),
      trigger_id: `trigger-${responseId}`,
    });
    return post(form.toString(), 'application/x-www-form-urlencoded');
  }
  const buttons = (msg: StoredMessage): Node[] =>
    (msg.blocks as Node[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements as Node[]);
  const button = (msg: StoredMessage, verb: string) => buttons(msg).find((b) => String(b.action_id).includes(verb))!;
  function clickBody(msg: StoredMessage, b: Node, userId: string, responseId = `click-${userId}`): string {
    const payload = {
      type: 'block_actions',
      user: { id: userId, username: userId.toLowerCase(), team_id: 'T0FAKE' },
      api_app_id: 'A0NUMBOT',
      container: { type: 'message', message_ts: msg.ts, channel_id: msg.channel, is_ephemeral: false },
      trigger_id: `trigger-${msg.ts}-${userId}`,
      team: { id: 'T0FAKE', domain: 'fake' },
      channel: { id: msg.channel, name: 'directmessage' },
      message: { type: 'message', ts: msg.ts, text: msg.text, blocks: msg.blocks },
      state: { values: {} },
      response_url: fake.responseUrl(responseId),
      actions: [
        { type: 'button', block_id: 'b1', action_id: b.action_id, text: b.text, value: b.value, action_ts: '1.2' },
      ],
    };
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }
  const click = (msg: StoredMessage, b: Node, userId: string, responseId?: string) =>
    post(clickBody(msg, b, userId, responseId), 'application/x-www-form-urlencoded');
  const jane = () => app.services.store.getPerson('jane@example.org');

  async function notifyJane(): Promise<StoredMessage> {
    const res = await command('U0ADMIN', 'notify jane@example.org', 'notify');
    expect(res.status).toBe(200);
    const dm = await eventually(
      () => fake.posted().find((m) => JSON.stringify(m.blocks).includes("I've signed in")),
      10_000,
    );
    await eventually(async () => (await jane())?.inform.status === 'informed', 10_000);
    return dm;
  }

  it('delivers the step-4 card to the person, and each button changes their state and replaces the card', async () => {
    // The fake updates its stored message in place; keep the card as first sent to click each of its buttons.
    const card = structuredClone(await notifyJane());
    expect(JSON.stringify(card.blocks)).toContain('Acme IT');
    expect((await jane())?.inform).toMatchObject({ status: 'informed', rounds: 1 });

    // Remind me later → snoozed, card replaced.
    expect((await click(card, button(card, 'remind_later'), 'U0JANE')).status).toBe(200);
    await eventually(async () => (await jane())?.reminders.snoozeUntil !== undefined);
    const snoozed = await eventually(() => fake.updated()[0]);
    expect(snoozed).toMatchObject({ channel: card.channel, ts: card.ts });
    expect(JSON.stringify(snoozed.blocks)).toMatch(/remind you/i);

    // I need help → a modal, then the text → needs help, admins get the help request.
    await click(card, button(card, 'need_help'), 'U0JANE');
    const opened = await eventually(() => fake.views().opened[0]);
    const view = opened.view as Node;
    const submission = {
      type: 'view_submission',
      team: { id: 'T0FAKE', domain: 'fake' },
      user: { id: 'U0JANE', username: 'u0jane', team_id: 'T0FAKE' },
      api_app_id: 'A0NUMBOT',
      trigger_id: 'trigger-submit',
      view: {
        ...view,
        id: 'V1',
        team_id: 'T0FAKE',
        hash: 'h',
        state: {
          values: {
            helpText: {
              helpText: { type: 'plain_text_input', value: 'It says: Contact your administrator <!channel>' },
            },
          },
        },
      },
      response_urls: [],
    };
    await post(
      new URLSearchParams({ payload: JSON.stringify(submission) }).toString(),
      'application/x-www-form-urlencoded',
    );
    await eventually(async () => (await jane())?.inform.status === 'needs_help');
    const help = await eventually(() => fake.posted().find((m) => m.channel === ADMIN_CHANNEL));
    expect(JSON.stringify(help.blocks)).toContain('Contact your administrator');
    expect(JSON.stringify(help.blocks)).not.toContain('<!channel>');

    // I've signed in → acknowledged, step 3 recorded, card replaced with thanks; a second click changes nothing.
    // The help request's own chat.update may still be on its way: wait for it so the next update is the thanks.
    await eventually(() => fake.updated().length >= 2);
    await click(card, button(card, 'signed_in'), 'U0JANE');
    await eventually(async () => (await jane())?.inform.status === 'acknowledged');
    const done = (await jane())!;
    expect(done.switches.AutoCAD?.['self-reported']?.status).toBe('named');
    const thanks = await eventually(() =>
      fake.updated().find((u) => /Thank you|Merci/i.test(JSON.stringify(u.blocks))),
    );
    expect(thanks).toMatchObject({ channel: card.channel, ts: card.ts });
    expect(JSON.stringify(thanks.blocks)).toMatch(/Thank you|Merci/i);
    await click(card, button(card, 'signed_in'), 'U0JANE');
    await new Promise((r) => setTimeout(r, 300));
    expect((await jane())?.version).toBe(done.version);

    // The admin's status shows it.
    await command('U0ADMIN', 'status', 'status');
    const status = await eventually(() => fake.responses('status')[0]);
    expect(JSON.stringify(status.body)).toContain('Done: *1* of *3*');
  });

  it('refuses a click from someone else and changes nothing', async () => {
    const card = await notifyJane();
    const before = (await jane())!;
    expect((await click(card, button(card, 'signed_in'), 'U0BOB', 'bob-click')).status).toBe(200);
    const answer = await eventually(() => fake.responses('bob-click')[0]);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
    expect((await jane())?.version).toBe(before.version);
    expect(fake.updated()).toHaveLength(0);
    expect(await app.services.store.getPerson('bob@example.org')).toMatchObject({ inform: { status: 'not_informed' } });
  });

  it('answers a forged or replayed request with 401 and changes nothing', async () => {
    const card = await notifyJane();
    const before = (await jane())!;
    const body = clickBody(card, button(card, 'signed_in'), 'U0JANE');
    expect((await post(body, 'application/x-www-form-urlencoded', { secret: 'not-the-secret' })).status).toBe(401);
    expect(
      (await post(body, 'application/x-www-form-urlencoded', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }))
        .status,
    ).toBe(401);
    const forgedCommand = new URLSearchParams({
      user_id: 'U0JANE',
      command: '/migrate',
      text: 'admins add jane@example.org',
    }).toString();
    expect((await post(forgedCommand, 'application/x-www-form-urlencoded', { secret: 'nope' })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect((await jane())?.version).toBe(before.version);
    expect((await jane())?.roles).toEqual(['user']);
    expect(fake.updated()).toHaveLength(0);
  });

  it('refuses an admin command from a non-admin, with an answer and an audit entry', async () => {
    await command('U0BOB', 'notify pending', 'bob-notify');
    const answer = await eventually(() => fake.responses('bob-notify')[0]);
    expect(JSON.stringify(answer.body)).toMatch(/admin/i);
    const audit = await app.services.store.readAudit(20);
    expect(audit.some((a) => a.action === 'refused:notify' && a.actor === 'bob@example.org')).toBe(true);
    expect(fake.posted().filter((m) => m.channel !== ADMIN_CHANNEL)).toHaveLength(0);
  });

  it("answers someone outside the roster with the core's one message, whatever they send; a configured admin outside it is served", async () => {
    // The same card the core gives on every platform, in the locale Slack reports for the user (fr-FR).
    const expected = renderForSlack(notInMigrationReply(app.services.config, 'fr').cards[0]!);
    expect(JSON.stringify(expected.blocks)).toContain("Vous n'êtes pas sur sa liste");
    expect(JSON.stringify(expected.blocks)).toContain('Acme IT');
    for (const text of ['help', 'status', 'notify pending']) await command('U0STRANGER', text, `stranger-${text}`);
    const card = structuredClone(await notifyJane());
    await click(card, button(card, 'signed_in'), 'U0STRANGER', 'stranger-click');
    for (const id of ['stranger-help', 'stranger-status', 'stranger-notify pending', 'stranger-click']) {
      const answer = await eventually(() => fake.responses(id)[0]);
      expect(answer.body, id).toMatchObject({
        response_type: 'ephemeral',
        blocks: expected.blocks,
        text: expected.text,
      });
    }
    expect(await app.services.store.getPerson('stranger@example.org')).toBeUndefined();
    expect(await personForChatUser(app.services.store, 'slack', 'U0STRANGER')).toBeUndefined();
    expect((await jane())?.inform.status).toBe('informed');
    expect(fake.updated()).toHaveLength(0);
    expect(
      (await app.services.store.readAudit(50)).filter((a) => a.action === 'refused:not_in_migration'),
    ).toHaveLength(4);

    await command('U0BOSS', 'admins', 'boss-admins');
    const boss = await eventually(() => fake.responses('boss-admins')[0]);
    expect(JSON.stringify(boss.body)).toContain('ADMIN_EMAILS');
    expect(await app.services.store.getPerson('boss@example.org')).toBeUndefined();
  });
});
