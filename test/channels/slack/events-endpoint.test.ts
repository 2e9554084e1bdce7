// POST /slack/events as Slack calls it: signed requests reach the core, forged or replayed ones reach nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { member } from '../../fakes/slack-directory.ts';
import { eventually, startSlackApp, type SlackAppHarness } from './app-harness.ts';

describe('Slack events endpoint', () => {
  let h: SlackAppHarness;
  beforeEach(async () => {
    h = await startSlackApp({ fake: { members: [member('U0ALICE', 'Alice@Example.org')] } });
    await h.addPerson({ email: 'alice@example.org', firstName: 'Alice', lastName: 'Admin' }, 'U0ALICE');
  });
  afterEach(async () => {
    await h.close();
  });

  it('hands a slash command to the core with the Slack actor and returns the answer through response_url', async () => {
    h.answer(async () => ({
      cards: [{ name: 'message', data: { title: 'Status for you', text: '3 of 5 done' }, locale: 'en' }],
    }));
    const res = await h.command('U0ALICE', 'status  <mailto:bob@example.org|bob@example.org>');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const responses = await eventually(() => h.fake.responses().length > 0 && h.fake.responses());
    expect(h.interactions).toEqual([
      {
        kind: 'command',
        actor: { platform: 'slack', userId: 'U0ALICE', personId: 'alice@example.org' },
        text: 'status  bob@example.org',
      },
    ]);
    expect(responses[0]?.body).toMatchObject({ response_type: 'ephemeral', text: 'Status for you' });
    expect(JSON.stringify(responses[0]?.body.blocks)).toContain('3 of 5 done');
  });

  it('acknowledges before the core has answered, and replies once it has', async () => {
    let release: () => void = () => undefined;
    const slowCore = new Promise<void>((r) => (release = r));
    h.answer(async () => {
      await slowCore;
      return { cards: [{ name: 'message', data: { title: 'Done at last' }, locale: 'en' }] };
    });
    const res = await h.command('U0ALICE', 'export');
    expect(res.status).toBe(200);
    expect(h.fake.responses()).toHaveLength(0);
    release();
    const responses = await eventually(() => h.fake.responses().length > 0 && h.fake.responses());
    expect(responses[0]?.body.text).toBe('Done at last');
  });

  it('links an unknown Slack user to the roster by their profile e-mail (users.info) before handing over', async () => {
    h.fake.setMembers([
      member('U0ALICE', 'alice@example.org'),
      member('U0BOB', 'BOB@example.org', { locale: 'nl-BE', tz: 'Europe/Amsterdam' }),
    ]);
    await h.addPerson({ email: 'bob@example.org', firstName: 'Bob', lastName: 'User' });
    await h.command('U0BOB', 'help');
    await eventually(() => h.interactions.length === 1);
    expect(h.interactions[0]?.actor).toEqual({ platform: 'slack', userId: 'U0BOB', personId: 'bob@example.org' });
    const bob = await h.app.services.store.getPerson('bob@example.org');
    expect(bob?.chat.slack).toEqual({ userId: 'U0BOB', teamId: 'T0FAKE' });
    expect(bob?.locale).toBe('nl');
    expect(bob?.timeZone).toBe('Europe/Amsterdam');
    await h.command('U0BOB', 'help');
    await eventually(() => h.interactions.length === 2);
    expect(h.fake.calls('users.info')).toHaveLength(1);
  });

  it('passes a user Slack does not know to the core without a person id', async () => {
    await h.command('U0STRANGER', 'status');
    await eventually(() => h.interactions.length === 1);
    expect(h.interactions[0]?.actor).toEqual({ platform: 'slack', userId: 'U0STRANGER' });
  });

  it('refuses a forged signature with 401 and calls nothing', async () => {
    const callsBefore = h.fake.calls().length;
    const body = new URLSearchParams({
      command: '/migrate',
      text: 'notify all',
      user_id: 'U0ALICE',
      response_url: h.fake.responseUrl('x'),
    });
    const res = await h.post(body.toString(), 'application/x-www-form-urlencoded', {
      secret: 'not-the-signing-secret',
    });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.interactions).toHaveLength(0);
    expect(h.fake.calls()).toHaveLength(callsBefore);
  });

  it('refuses a correctly signed request that is six minutes old (replay) with 401', async () => {
    const callsBefore = h.fake.calls().length;
    const body = new URLSearchParams({
      command: '/migrate',
      text: 'notify all',
      user_id: 'U0ALICE',
      response_url: h.fake.responseUrl('x'),
    });
    const res = await h.post(body.toString(), 'application/x-www-form-urlencoded', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.interactions).toHaveLength(0);
    expect(h.fake.calls()).toHaveLength(callsBefore);
  });

  it('refuses a request with the signature of another body', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${h.base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': 'v0=' + '0'.repeat(64),
      },
      body: JSON.stringify({ type: 'url_verification', challenge: 'abc' }),
    });
    expect(res.status).toBe(401);
  });

  it('answers the url_verification challenge', async () => {
    const res = await h.post(
      JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' }),
      'application/json',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('answers 400 to a signed body it cannot read', async () => {
    const res = await h.post('{not json', 'application/json');
    expect(res.status).toBe(400);
    expect(h.interactions).toHaveLength(0);
  });
});
