// End to end over HTTP exactly as Teams would call the bot: activities POSTed to /api/messages, answers going to
// the activity's serviceUrl (the fake Bot Connector).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatNumber, sampleData, t as t_ } from '../../../src/cards/index.ts';
import { MAX_OFFER_BYTES, offerBytes, readOffer } from '../../../src/channels/teams/file-offers.ts';
import { FILE_CONSENT, MAX_INLINE_FILE_CHARS } from '../../../src/channels/teams/render.ts';
import { personForChatUser } from '../../../src/services/chat-identity.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../../fakes/bot-connector.ts';
import {
  executeInvoke,
  installActivity,
  messageActivity,
  postActivity,
  submitActivity,
  type TeamsUserFixture,
} from '../../fakes/bot-connector-activities.ts';
import { startTeamsApp, type TeamsTestApp } from './app.ts';

const jane: TeamsUserFixture = {
  userId: '29:jane',
  aadObjectId: 'aad-jane',
  tenantId: 'tenant-1',
  conversationId: 'a:jane-chat',
};
const stranger: TeamsUserFixture = {
  userId: '29:stranger',
  aadObjectId: 'aad-stranger',
  tenantId: 'tenant-1',
  conversationId: 'a:stranger-chat',
};

describe('Teams inbound over HTTP', () => {
  let fake: FakeBotConnector;
  let t: TeamsTestApp;

  beforeEach(async () => {
    fake = await startFakeBotConnector({
      members: [
        {
          id: jane.userId,
          aadObjectId: jane.aadObjectId,
          email: 'Jane.Doe@Example.org',
          tenantId: jane.tenantId,
          name: 'Jane Doe',
        },
        {
          id: stranger.userId,
          aadObjectId: stranger.aadObjectId,
          email: 'stranger@example.org',
          tenantId: stranger.tenantId,
        },
      ],
    });
    t = await startTeamsApp({ NODE_ENV: 'test', TEAMS_LOCAL_NO_AUTH: 'true', TEAMS_SERVICE_URL: fake.url });
    await t.addPerson({ email: 'jane.doe@example.org', firstName: 'Jane', lastName: 'Doe' });
  });
  afterEach(async () => {
    await t.stop();
    await fake.close();
  });

  it('stores the conversation reference when the app is installed, linked by e-mail', async () => {
    const res = await postActivity(t.url, installActivity(fake.url, jane));
    expect(res.status).toBe(200);
    const person = await t.store.getPerson('jane.doe@example.org');
    expect(person?.chat.teams).toEqual({
      userId: jane.userId,
      aadObjectId: jane.aadObjectId,
      tenantId: jane.tenantId,
      serviceUrl: fake.url,
      conversationId: jane.conversationId,
    });
    expect(person?.locale).toBe('fr');
    expect(await personForChatUser(t.store, 'teams', jane.userId)).toBe('jane.doe@example.org');
    expect(fake.received().filter((r) => r.op === 'member')).toHaveLength(1);
    expect(fake.posted()).toHaveLength(0);
  });

  it('hands a message to the core with the real actor and sends the reply card back', async () => {
    const res = await postActivity(t.url, messageActivity(fake.url, jane, '<at>numbot</at> status '));
    expect(res.status).toBe(200);
    expect(t.calls).toEqual([
      {
        kind: 'command',
        actor: { platform: 'teams', userId: jane.userId, personId: 'jane.doe@example.org', locale: 'fr-BE' },
        text: 'status',
      },
    ]);
    const posts = fake.posted();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.conversationId).toBe(jane.conversationId);
    const attachment = (posts[0]?.payload.attachments as { contentType: string; content: unknown }[])[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(attachment?.content)).toContain('Core says hello');
    // The identity is remembered: a second message needs no member look-up.
    await postActivity(t.url, messageActivity(fake.url, jane, 'help'));
    expect(fake.received().filter((r) => r.op === 'member')).toHaveLength(1);
    expect(t.calls).toHaveLength(2);
  });

  it('offers files in the 1:1 chat with a file consent card, keeping the content for the accept', async () => {
    const content = 'email,status\njane.doe@example.org,pending\n';
    t.setReply({ cards: [], files: [{ name: 'pending.csv', content, mimeType: 'text/csv' }] });
    await postActivity(t.url, messageActivity(fake.url, jane, 'export pending'));
    const attachment = (
      fake.posted()[0]?.payload.attachments as { contentType: string; name: string; content: Record<string, unknown> }[]
    )[0]!;
    expect(attachment.contentType).toBe(FILE_CONSENT);
    expect(attachment.name).toBe('pending.csv');
    expect(attachment.content.sizeInBytes).toBe(Buffer.byteLength(content));
    expect(JSON.stringify(attachment)).not.toContain('jane.doe@example.org,pending');
    const consentId = (attachment.content.acceptContext as { consentId: string }).consentId;
    expect(await readOffer(t.store, consentId)).toMatchObject({
      userId: jane.userId,
      personId: 'jane.doe@example.org',
      conversationId: jane.conversationId,
      state: 'offered',
      locale: 'fr',
    });
    expect((await offerBytes(t.store, consentId))?.toString('utf8')).toBe(content);
  });

  it('shows files inline, cut, in a group chat, and says to ask in the 1:1 chat', async () => {
    const content = `email,status\n${'x'.repeat(MAX_INLINE_FILE_CHARS)}\nLAST-LINE\n`;
    t.setReply({ cards: [], files: [{ name: 'pending.csv', content, mimeType: 'text/csv' }] });
    const group = { id: '19:group@thread.v2', conversationType: 'groupChat', tenantId: jane.tenantId, isGroup: true };
    await postActivity(t.url, { ...messageActivity(fake.url, jane, 'export pending'), conversation: group });
    const attachment = (fake.posted()[0]?.payload.attachments as { contentType: string; content: unknown }[])[0]!;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const text = JSON.stringify(attachment.content);
    expect(text).toContain('email,status');
    expect(text).not.toContain('LAST-LINE');
    expect(text).toContain(JSON.stringify(t_('fr', 'teams_file_ask_personal')).slice(1, -1));
    expect(text).toContain(
      JSON.stringify(
        t_('fr', 'teams_file_cut', {
          total: formatNumber(content.length, 'fr'),
          shown: formatNumber(MAX_INLINE_FILE_CHARS, 'fr'),
        }),
      ).slice(1, -1),
    );
  });

  it('shows a file too large to keep for a consent inline, cut, saying so', async () => {
    const content = 'a'.repeat(MAX_OFFER_BYTES + 1);
    t.setReply({ cards: [], files: [{ name: 'huge.csv', content, mimeType: 'text/csv' }] });
    await postActivity(t.url, messageActivity(fake.url, jane, 'export'));
    const attachment = (fake.posted()[0]?.payload.attachments as { contentType: string; content: unknown }[])[0]!;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(attachment.content)).toContain(JSON.stringify(t_('fr', 'teams_file_too_large')).slice(1, -1));
    expect(JSON.stringify(attachment.content).length).toBeLessThan(MAX_INLINE_FILE_CHARS * 2);
  });

  it('hands someone outside the roster to the core without a person id, sends its answer, and stores nothing about them', async () => {
    const res = await postActivity(t.url, messageActivity(fake.url, stranger, 'hello'));
    expect(res.status).toBe(200);
    expect(t.calls).toEqual([
      { kind: 'command', actor: { platform: 'teams', userId: stranger.userId, locale: 'fr-BE' }, text: 'hello' },
    ]);
    expect(fake.posted()).toHaveLength(1);
    expect(JSON.stringify(fake.posted()[0]?.payload)).toContain('Core says hello');
    expect(await personForChatUser(t.store, 'teams', stranger.userId)).toBeUndefined();
    expect(await t.store.getPerson('stranger@example.org')).toBeUndefined();
    expect(await t.store.listDocs('teams:conversation')).toEqual([]);
  });

  it('answers an Action.Execute invoke with the replacement card', async () => {
    t.setReply({
      cards: [],
      replaceCard: { name: 'message', data: { title: 'Thanks, Jane', text: 'Signed in' }, locale: 'en' },
    });
    const res = await postActivity(
      t.url,
      executeInvoke(fake.url, jane, 'signed_in', { personId: 'jane.doe@example.org', round: 1 }),
    );
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: { type: string } };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.value.type).toBe('AdaptiveCard');
    expect(JSON.stringify(body.value)).toContain('Thanks, Jane');
    expect(t.calls).toEqual([
      {
        kind: 'card_action',
        actor: { platform: 'teams', userId: jane.userId, personId: 'jane.doe@example.org', locale: 'fr-BE' },
        action: 'signed_in',
        data: { personId: 'jane.doe@example.org', round: 1 },
      },
    ]);
  });

  it('hands a stranger clicking a card to the core without a person id', async () => {
    const res = await postActivity(
      t.url,
      executeInvoke(fake.url, stranger, 'signed_in', { personId: 'jane.doe@example.org' }),
    );
    const body = res.body as { statusCode: number; type: string; value: string };
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(t.calls).toEqual([
      {
        kind: 'card_action',
        actor: { platform: 'teams', userId: stranger.userId, locale: 'fr-BE' },
        action: 'signed_in',
        data: { personId: 'jane.doe@example.org' },
      },
    ]);
    expect(JSON.stringify(fake.posted()[0]?.payload)).toContain('Core says hello');
  });

  it('refuses an invoke that is not an Action.Execute', async () => {
    const activity = executeInvoke(fake.url, jane, 'signed_in', {});
    (activity.value as { action: { type: string } }).action.type = 'Action.Submit';
    const body = (await postActivity(t.url, activity)).body as { statusCode: number };
    expect(body.statusCode).toBe(400);
    expect(t.calls).toHaveLength(0);
  });

  it('handles the Action.Submit fallback and updates the clicked card in place', async () => {
    t.setReply({
      cards: [],
      replaceCard: { name: 'message', data: { title: 'Thanks from the fallback', text: 'ok' }, locale: 'en' },
    });
    const res = await postActivity(
      t.url,
      submitActivity(fake.url, jane, { verb: 'signed_in', personId: 'jane.doe@example.org' }, '1:card-activity'),
    );
    expect(res.status).toBe(200);
    expect(t.calls[0]).toMatchObject({
      kind: 'card_action',
      action: 'signed_in',
      data: { personId: 'jane.doe@example.org' },
    });
    const updates = fake.updated();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ conversationId: jane.conversationId, messageId: '1:card-activity' });
    expect(JSON.stringify(updates[0]?.payload)).toContain('Thanks from the fallback');
  });

  it('round-trips a real step-4 card: its Action.Execute and its Action.Submit fallback reach the core alike', async () => {
    await postActivity(t.url, installActivity(fake.url, jane));
    const person = (await t.store.getPerson('jane.doe@example.org'))!;
    const data = {
      ...sampleData('step4'),
      person: { id: person.id, firstName: 'Jane', email: person.email },
      cardId: 'step4:jane:1',
    };
    const sent = await t.app.services.channels.teams!.sendCard(person, {
      name: 'step4',
      data,
      locale: 'en',
      timeZone: 'Europe/Brussels',
    });
    if (sent.kind !== 'sent') throw new Error(sent.kind);
    expect(sent.ref.conversationId).toBe(jane.conversationId);
    const content = (fake.posted()[0]?.payload.attachments as { content: { actions: Record<string, unknown>[] } }[])[0]!
      .content;
    const execute = content.actions.find((a) => a.type === 'Action.Execute')!;
    const fallback = execute.fallback as { type: string; data: Record<string, unknown> };
    expect(fallback.type).toBe('Action.Submit');

    t.setReply({ cards: [], replaceCard: { name: 'message', data: { title: 'Thanks' }, locale: 'en' } });
    const invoke = await postActivity(
      t.url,
      executeInvoke(fake.url, jane, String(execute.verb), execute.data as Record<string, unknown>, sent.ref.messageId),
    );
    expect((invoke.body as { type: string }).type).toBe('application/vnd.microsoft.card.adaptive');
    await postActivity(t.url, submitActivity(fake.url, jane, fallback.data, sent.ref.messageId));

    expect(
      t.calls.map((c) =>
        c.kind === 'card_action' ? [c.action, c.data.personId, c.data.cardId, c.actor.personId] : c.kind,
      ),
    ).toEqual([
      ['step4.signed_in', person.id, 'step4:jane:1', person.id],
      ['step4.signed_in', person.id, 'step4:jane:1', person.id],
    ]);
    expect(fake.updated()).toEqual([
      expect.objectContaining({ conversationId: jane.conversationId, messageId: sent.ref.messageId }),
    ]);
  });

  it('rejects a body that is not JSON with 400 and runs nothing', async () => {
    const res = await postActivity(t.url, '{not json');
    expect(res.status).toBe(400);
    expect(t.calls).toHaveLength(0);
    expect(fake.received()).toHaveLength(0);
  });
});

describe('Teams for a single-tenant bot', () => {
  it('does not link a user of another tenant, even one whose e-mail matches a roster person', async () => {
    const fake = await startFakeBotConnector({
      members: [{ id: '29:foreign', email: 'jane.doe@example.org', tenantId: 'tenant-evil' }],
    });
    const t = await startTeamsApp({
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: fake.url,
      MICROSOFT_APP_TENANT_ID: 'tenant-1',
    });
    try {
      await t.addPerson({ email: 'jane.doe@example.org' });
      const foreign: TeamsUserFixture = {
        userId: '29:foreign',
        aadObjectId: 'aad-x',
        tenantId: 'tenant-evil',
        conversationId: 'a:foreign-chat',
      };
      await postActivity(t.url, messageActivity(fake.url, foreign, 'status'));
      // The core gets them as foreign: no person, whatever might be remembered for the user id.
      expect(t.calls).toEqual([
        {
          kind: 'command',
          actor: { platform: 'teams', userId: '29:foreign', locale: 'fr-BE', foreign: true },
          text: 'status',
        },
      ]);
      expect(await personForChatUser(t.store, 'teams', '29:foreign')).toBeUndefined();
      expect((await t.store.getPerson('jane.doe@example.org'))?.chat.teams).toBeUndefined();
      // Same e-mail from the bot's own tenant is linked.
      fake.setMembers([{ id: '29:jane', email: 'jane.doe@example.org', tenantId: 'tenant-1' }]);
      await postActivity(t.url, messageActivity(fake.url, jane, 'status'));
      expect(t.calls[1]?.actor).toEqual({
        platform: 'teams',
        userId: '29:jane',
        locale: 'fr-BE',
        personId: 'jane.doe@example.org',
      });
    } finally {
      await t.stop();
      await fake.close();
    }
  });
});

describe('Teams with an app id configured', () => {
  it('answers an unauthenticated POST /api/messages with 401 and changes nothing', async () => {
    const fake = await startFakeBotConnector({ members: [{ id: jane.userId, email: 'jane.doe@example.org' }] });
    const t = await startTeamsApp({
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-000000000002',
      TEAMS_SERVICE_URL: fake.url,
    });
    try {
      await t.addPerson({ email: 'jane.doe@example.org' });
      const before = await t.store.getPerson('jane.doe@example.org');
      for (const activity of [installActivity(fake.url, jane), messageActivity(fake.url, jane, 'status')]) {
        expect((await postActivity(t.url, activity)).status).toBe(401);
      }
      expect(t.calls).toHaveLength(0);
      expect(fake.received()).toHaveLength(0);
      expect(await t.store.getPerson('jane.doe@example.org')).toEqual(before);
      expect(await personForChatUser(t.store, 'teams', jane.userId)).toBeUndefined();
    } finally {
      await t.stop();
      await fake.close();
    }
  });
});
