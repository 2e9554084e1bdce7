// Proactive sends through the Teams channel against the fake Bot Connector: opening 1:1 chats, the admins'
// conversation, and every Bot Connector error mapped to the outcome the delivery engine decides on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatChannel, OutboundCard } from '../../../src/ports/chat-channel.ts';
import type { Person } from '../../../src/domain/types.ts';
import { startFakeBotConnector, type BotConnectorFault, type FakeBotConnector } from '../../fakes/bot-connector.ts';
import { startTeamsApp, type TeamsTestApp } from './app.ts';

const card: OutboundCard = { name: 'message', data: { title: 'Step 4', text: 'Please sign in' }, locale: 'en' };

describe('Teams channel outbound', () => {
  let fake: FakeBotConnector;
  let t: TeamsTestApp;
  let channel: ChatChannel;
  let linked: Person;
  let neverWrote: Person;

  beforeEach(async () => {
    fake = await startFakeBotConnector();
    t = await startTeamsApp({
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: fake.url,
      TEAMS_ADMIN_CONVERSATION_ID: '19:admins@thread.v2',
    });
    channel = t.app.services.channels.teams!;
    linked = await t.addPerson(
      { email: 'linked@example.org' },
      { teams: { userId: '29:linked', tenantId: 'tenant-1', serviceUrl: fake.url, conversationId: 'a:linked-chat' } },
    );
    neverWrote = await t.addPerson(
      { email: 'new@example.org' },
      { teams: { userId: '29:new', aadObjectId: 'aad-new', tenantId: 'tenant-1' } },
    );
  });
  afterEach(async () => {
    await t.stop();
    await fake.close();
  });

  it('opens a 1:1 conversation with someone who never wrote, posts in it and remembers it', async () => {
    expect(channel.canReach(neverWrote)).toBe(true);
    const out = await channel.sendCard(neverWrote, card);
    expect(out.kind).toBe('sent');
    const created = fake.created();
    expect(created).toHaveLength(1);
    expect(created[0]?.memberIds).toEqual(['29:new']);
    expect(created[0]?.tenantId).toBe('tenant-1');
    expect(created[0]?.params).toMatchObject({ isGroup: false, channelData: { tenant: { id: 'tenant-1' } } });
    const conversationId = created[0]!.conversationId;
    expect(out).toEqual({
      kind: 'sent',
      ref: { platform: 'teams', conversationId, messageId: fake.posted()[0]?.messageId },
    });
    expect(fake.received().map((r) => r.op)).toEqual(['create', 'reply']);

    const stored = await t.store.getPerson(neverWrote.id);
    expect(stored?.chat.teams).toMatchObject({
      userId: '29:new',
      aadObjectId: 'aad-new',
      conversationId,
      serviceUrl: fake.url,
    });
    // The next send goes straight into the stored conversation.
    const again = await channel.sendCard(stored!, card);
    expect(again.kind).toBe('sent');
    expect(fake.created()).toHaveLength(1);
    expect(fake.posted().map((p) => p.conversationId)).toEqual([conversationId, conversationId]);
    expect(fake.stats().delivered).toEqual({ '29:new': 2 });
  });

  it('keeps the opened conversation even when the first post into it fails', async () => {
    fake.injectFault({ kind: 'server_error', status: 503 }, { target: 'send' });
    const out = await channel.sendCard(neverWrote, card);
    expect(out.kind).toBe('transient');
    expect((await t.store.getPerson(neverWrote.id))?.chat.teams?.conversationId).toBe(
      fake.created()[0]?.conversationId,
    );
  });

  it('updates a card in a conversation on the serviceUrl it was opened on', async () => {
    const out = await channel.sendCard(neverWrote, card);
    if (out.kind !== 'sent') throw new Error(out.kind);
    const upd = await channel.updateCard(out.ref, { ...card, data: { title: 'Done', text: 'Thanks' } });
    expect(upd).toEqual({ kind: 'sent', ref: out.ref });
    expect(fake.updated()[0]).toMatchObject({ conversationId: out.ref.conversationId, messageId: out.ref.messageId });
  });

  it('posts to the admins conversation', async () => {
    const out = await channel.postToAdmins(card);
    expect(out).toMatchObject({ kind: 'sent', ref: { conversationId: '19:admins@thread.v2' } });
    expect(fake.posted()[0]?.conversationId).toBe('19:admins@thread.v2');
  });

  it('refuses a card the renderer rejects without calling Teams', async () => {
    expect(await channel.sendCard(linked, { ...card, name: 'no-such-card' })).toEqual({
      kind: 'invalid',
      reason: 'card no-such-card: UNKNOWN_CARD',
    });
    expect(await channel.sendCard(linked, { ...card, data: { text: 'a message without its title' } })).toEqual({
      kind: 'invalid',
      reason: 'card message: INVALID_DATA',
    });
    expect(
      await channel.updateCard(
        { platform: 'teams', conversationId: 'a:linked-chat', messageId: '1:x' },
        { ...card, name: 'nope' },
      ),
    ).toMatchObject({
      kind: 'invalid',
    });
    expect(fake.received()).toHaveLength(0);
  });

  it('sends the card as the shared renderer made it, in the requested language', async () => {
    const out = await channel.sendCard(linked, {
      name: 'message',
      data: { title: 'Bonjour', text: 'Texte' },
      locale: 'fr',
    });
    expect(out.kind).toBe('sent');
    const attachment = (
      fake.posted()[0]?.payload.attachments as { contentType: string; content: Record<string, unknown> }[]
    )[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5', lang: 'fr' });
    expect(JSON.stringify(attachment?.content)).not.toContain('${');
  });

  const cases: [string, BotConnectorFault, string, string?][] = [
    ['429', { kind: 'rate_limit', retryAfterSeconds: 7 }, 'rate_limited'],
    [
      '403 ConversationBlockedByUser',
      { kind: 'blocked', code: 'ConversationBlockedByUser' },
      'blocked',
      'ConversationBlockedByUser',
    ],
    [
      '403 BotNotInConversationRoster',
      { kind: 'blocked', code: 'BotNotInConversationRoster' },
      'blocked',
      'BotNotInConversationRoster',
    ],
    ['403 BotDisabledByAdmin', { kind: 'blocked', code: 'BotDisabledByAdmin' }, 'blocked', 'BotDisabledByAdmin'],
    [
      '403 subCode MessageWritesBlocked',
      { kind: 'blocked', code: 'MessageWritesBlocked' },
      'blocked',
      'MessageWritesBlocked',
    ],
    ['404 ConversationNotFound', { kind: 'not_found' }, 'not_found', 'ConversationNotFound'],
    ['400', { kind: 'invalid', status: 400 }, 'invalid'],
    ['413 MessageSizeTooBig', { kind: 'invalid', status: 413 }, 'invalid', 'MessageSizeTooBig'],
    ['412', { kind: 'precondition_failed' }, 'transient'],
    ['500', { kind: 'server_error', status: 500 }, 'transient'],
    ['502', { kind: 'server_error', status: 502 }, 'transient'],
    ['504', { kind: 'server_error', status: 504 }, 'transient'],
    ['no answer', { kind: 'timeout', mode: 'hang' }, 'transient', 'timeout'],
    [
      'an answer slower than TEAMS_TIMEOUT_MS',
      { kind: 'timeout', mode: 'slow', delayMs: 3_000 },
      'transient',
      'timeout',
    ],
    ['connection reset', { kind: 'reset' }, 'transient', 'ECONNRESET'],
  ];
  for (const [name, fault, kind, reason] of cases) {
    it(`maps ${name} to ${kind} after exactly one request`, async () => {
      fake.injectFault(fault);
      const out = await channel.sendCard(linked, card);
      expect(out.kind).toBe(kind);
      if (reason) expect(JSON.stringify(out)).toContain(reason);
      if (fault.kind === 'rate_limit') expect(out).toEqual({ kind: 'rate_limited', retryAfterMs: 7000 });
      // No retry inside the channel: the delivery engine owns retries.
      expect(fake.received()).toHaveLength(1);
    });
  }

  it('maps errors when opening a conversation too', async () => {
    fake.injectFault({ kind: 'blocked', code: 'BotDisabledByAdmin' }, { target: 'create' });
    expect(await channel.sendCard(neverWrote, card)).toEqual({ kind: 'blocked', reason: 'BotDisabledByAdmin' });
    expect(fake.posted()).toHaveLength(0);
    expect((await t.store.getPerson(neverWrote.id))?.chat.teams?.conversationId).toBeUndefined();
  });

  it('meets the per-tenant rate limit of the fake as rate_limited outcomes', async () => {
    fake.setLimit(5);
    const outs = await Promise.all(Array.from({ length: 8 }, () => channel.sendCard(linked, card)));
    expect(outs.filter((o) => o.kind === 'sent')).toHaveLength(5);
    const limited = outs.filter((o) => o.kind === 'rate_limited');
    expect(limited).toHaveLength(3);
    for (const o of limited) expect(o).toEqual({ kind: 'rate_limited', retryAfterMs: 1000 });
    expect(fake.stats()).toMatchObject({ requests: 8, throttled: 3 });
  });
});
