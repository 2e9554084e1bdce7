// Errors mapped once: through the real Web API client against the fake, and Slack's error codes one by one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapPlatformCode, mapSlackError } from '../../../src/channels/slack/map-error.ts';
import { createSlackChannel } from '../../../src/channels/slack/slack-channel.ts';
import type { ChatChannel, OutboundCard } from '../../../src/ports/chat-channel.ts';
import { newPerson } from '../../../src/domain/person.ts';
import type { Person } from '../../../src/domain/types.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.ts';
import { member } from '../../fakes/slack-directory.ts';
import { makeEdge } from './edge-harness.ts';

const card: OutboundCard = { name: 'message', data: { title: 'Hello' }, locale: 'en' };

describe('Slack error mapping through the Web API client', () => {
  let fake: FakeSlackApi;
  let channel: ChatChannel;
  let person: Person;
  beforeEach(async () => {
    // Rate limits on a stopped clock, so a slow machine cannot refill a bucket between two calls.
    const frozen = Date.now();
    fake = await startFakeSlackApi({
      members: [member('U0A', 'a@example.org'), member('U0BOT', undefined, { is_bot: true })],
      now: () => frozen,
    });
    channel = createSlackChannel(makeEdge(fake, { env: { SLACK_TIMEOUT_MS: '1500' } }));
    person = newPerson({ email: 'a@example.org', firstName: 'A', lastName: 'B' }, 0);
    person.chat.slack = { userId: 'U0A' };
  });
  afterEach(async () => {
    await fake.close();
  });

  it('maps a real workspace limit (429 + Retry-After) to rate_limited without the SDK retrying', async () => {
    fake.setLimit('chat.postMessage:channel', null);
    fake.setLimit('chat.postMessage:workspace', { perMinute: 2, burst: 2 });
    expect((await channel.sendCard(person, card)).kind).toBe('sent');
    expect((await channel.sendCard(person, card)).kind).toBe('sent');
    const third = await channel.sendCard(person, card);
    expect(third).toEqual({ kind: 'rate_limited', retryAfterMs: 30_000 });
    expect(fake.calls('chat.postMessage')).toHaveLength(3);
    expect(fake.stats().throttled).toBe(1);
  });

  it('maps the per-channel limit (about one a second) to rate_limited', async () => {
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push((await channel.sendCard(person, card)).kind);
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'rate_limited']);
  });

  it('maps a person who cannot be messaged to blocked', async () => {
    fake.setUserError('U0A', 'user_disabled');
    expect(await channel.sendCard(person, card)).toEqual({ kind: 'blocked', reason: 'user_disabled' });
    const bot = { ...person, chat: { slack: { userId: 'U0BOT' } } };
    expect(await channel.sendCard(bot, card)).toEqual({ kind: 'blocked', reason: 'cannot_dm_bot' });
  });

  it('maps an unknown user and a vanished message to not_found', async () => {
    const ghost = { ...person, chat: { slack: { userId: 'U0GHOST' } } };
    expect(await channel.sendCard(ghost, card)).toEqual({ kind: 'not_found', reason: 'user_not_found' });
    const upd = await channel.updateCard({ platform: 'slack', conversationId: 'D0A', messageId: '1.000001' }, card);
    expect(upd).toEqual({ kind: 'not_found', reason: 'message_not_found' });
  });

  it('maps 5xx and a request that never answers to transient', async () => {
    fake.injectFault({ method: 'chat.update', kind: 'http', status: 503 });
    const sent = await channel.sendCard(person, card);
    if (sent.kind !== 'sent') throw new Error(sent.kind);
    expect(await channel.updateCard(sent.ref, card)).toEqual({ kind: 'transient', reason: 'HTTP 503' });
    fake.injectFault({ method: 'chat.update', kind: 'timeout' });
    expect(await channel.updateCard(sent.ref, card)).toEqual({ kind: 'transient', reason: 'timeout' });
  });

  it('maps a card that cannot be rendered to invalid, without calling Slack', async () => {
    expect(await channel.sendCard(person, { name: 'no-such-card', data: {}, locale: 'en' })).toEqual({
      kind: 'invalid',
      reason: 'card: UNKNOWN_CARD',
    });
    expect(fake.calls()).toHaveLength(0);
  });

  it('says the admins cannot be reached when no admin channel is configured', async () => {
    const noAdmins = createSlackChannel(makeEdge(fake, { env: { SLACK_ADMIN_CHANNEL: '' } }));
    expect((await noAdmins.postToAdmins(card)).kind).toBe('not_found');
    expect((await channel.postToAdmins(card)).kind).toBe('sent');
    expect(fake.posted()[0]?.channel).toBe('CADMINS');
  });

  it('maps a wrong token to invalid (retrying the same call cannot help)', async () => {
    const wrong = createSlackChannel(makeEdge(fake, { env: { SLACK_BOT_TOKEN: 'xoxb-wrong' } }));
    expect(await wrong.sendCard(person, card)).toEqual({ kind: 'invalid', reason: 'invalid_auth' });
  });
});

describe('Slack error codes', () => {
  it.each([
    ['ratelimited', 'rate_limited'],
    ['message_limit_exceeded', 'rate_limited'],
    ['user_disabled', 'blocked'],
    ['cannot_dm_bot', 'blocked'],
    ['not_allowed_token_type', 'blocked'],
    ['restricted_action', 'blocked'],
    ['is_archived', 'blocked'],
    ['user_not_found', 'not_found'],
    ['channel_not_found', 'not_found'],
    ['message_not_found', 'not_found'],
    ['invalid_blocks', 'invalid'],
    ['msg_too_long', 'invalid'],
    ['invalid_arguments', 'invalid'],
    ['missing_scope', 'invalid'],
    ['internal_error', 'transient'],
    ['service_unavailable', 'transient'],
  ])('%s → %s', (code, kind) => {
    expect(mapPlatformCode(code).kind).toBe(kind);
  });

  it('treats errors that are not from Slack as transient', () => {
    expect(mapSlackError(new Error('socket hang up'))).toEqual({ kind: 'transient', reason: 'socket hang up' });
  });
});
