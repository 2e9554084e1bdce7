// The fake Web API itself: the delivery benchmark relies on its limits and counters being right.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.ts';
import { member } from '../../fakes/slack-directory.ts';
import { eventually } from '../../helpers/eventually.ts';

describe('fake Slack Web API', () => {
  let fake: FakeSlackApi;
  afterEach(async () => {
    await fake.close();
  });

  const call = (method: string, params: Record<string, string>, token = fake.token) =>
    fetch(`${fake.url}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });

  it('checks the bearer token and answers unknown methods like Slack', async () => {
    fake = await startFakeSlackApi();
    expect(await (await call('auth.test', {}, 'xoxb-other')).json()).toEqual({ ok: false, error: 'invalid_auth' });
    const none = await fetch(`${fake.url}auth.test`, { method: 'POST' });
    expect(await none.json()).toEqual({ ok: false, error: 'not_authed' });
    expect(await (await call('users.profile.set', { name: 'x' })).json()).toEqual({
      ok: false,
      error: 'unknown_method',
    });
    expect((await (await call('auth.test', {})).json()).ok).toBe(true);
  });

  it('enforces method tiers with 429 and Retry-After, and counts them', async () => {
    let now = 1_000_000;
    fake = await startFakeSlackApi({ members: [member('U1', 'a@b.org')], now: () => now });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await call('users.list', { limit: '1000' })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    const limited = await call('users.list', {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    now += 3000;
    expect((await call('users.list', {})).status).toBe(200);
    expect(fake.stats()).toMatchObject({
      requests: 23,
      throttled: 2,
      byMethod: { 'users.list': { calls: 23, throttled: 2 } },
    });
  });

  it('limits chat.postMessage per channel and per workspace, and counts deliveries per channel', async () => {
    const now = 5_000_000;
    fake = await startFakeSlackApi({
      members: [member('U1', 'a@b.org'), member('U2', 'b@b.org')],
      postsPerMinute: 5,
      now: () => now,
    });
    const post = async (channel: string) => (await call('chat.postMessage', { channel, text: 'hi' })).status;
    expect([await post('U1'), await post('U1'), await post('U1'), await post('U1')]).toEqual([200, 200, 200, 429]);
    expect([await post('U2'), await post('U2'), await post('U2')]).toEqual([200, 200, 429]);
    expect(fake.stats().delivered).toEqual({ D1: 3, D2: 2 });
  });

  it('pages users.list with a cursor and hides locale unless asked', async () => {
    fake = await startFakeSlackApi({
      members: [member('U1', 'a@b.org'), member('U2', 'b@b.org'), member('U3', 'c@b.org')],
    });
    const first = await (await call('users.list', { limit: '2' })).json();
    expect(first.members.map((m: { id: string }) => m.id)).toEqual(['U1', 'U2']);
    expect(first.members[0].locale).toBeUndefined();
    const second = await (
      await call('users.list', { limit: '2', cursor: first.response_metadata.next_cursor, include_locale: 'true' })
    ).json();
    expect(second.members.map((m: { id: string; locale: string }) => [m.id, m.locale])).toEqual([['U3', 'en-US']]);
    expect(second.response_metadata.next_cursor).toBe('');
  });

  it('rejects what Slack would reject in Block Kit', async () => {
    fake = await startFakeSlackApi({ members: [member('U1', 'a@b.org')] });
    const tooMany = JSON.stringify(Array.from({ length: 51 }, () => ({ type: 'divider' })));
    expect((await (await call('chat.postMessage', { channel: 'U1', blocks: tooMany })).json()).error).toBe(
      'invalid_blocks',
    );
    const longButton = JSON.stringify([
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } }],
      },
    ]);
    expect((await (await call('chat.postMessage', { channel: 'U1', blocks: longButton })).json()).error).toBe(
      'invalid_blocks',
    );
    expect((await (await call('chat.postMessage', { channel: 'U1', text: 'x'.repeat(40_001) })).json()).error).toBe(
      'msg_too_long',
    );
    expect((await (await call('chat.postMessage', { channel: 'U1' })).json()).error).toBe('no_text');
  });

  it('injects faults on the next matching calls only', async () => {
    fake = await startFakeSlackApi({ members: [member('U1', 'a@b.org')] });
    fake.injectFault({ method: 'chat.postMessage', kind: 'error', error: 'restricted_action', times: 2 });
    const errors = [];
    for (let i = 0; i < 3; i++)
      errors.push((await (await call('chat.postMessage', { channel: 'C1', text: 'x' })).json()).error);
    expect(errors).toEqual(['restricted_action', 'restricted_action', undefined]);
    fake.injectFault({ kind: 'http', status: 502 });
    expect((await call('auth.test', {})).status).toBe(502);
  });

  it('opens Socket Mode connections with the app token only, once per URL: hello, envelopes, acks, disconnect', async () => {
    fake = await startFakeSlackApi();
    expect(await (await call('apps.connections.open', {})).json()).toEqual({
      ok: false,
      error: 'not_allowed_token_type',
    });
    expect(await (await call('apps.connections.open', {}, 'xapp-other')).json()).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    expect(await (await call('auth.test', {}, fake.appToken)).json()).toEqual({
      ok: false,
      error: 'not_allowed_token_type',
    });
    const opened = (await (await call('apps.connections.open', {}, fake.appToken)).json()) as {
      ok: boolean;
      url: string;
    };
    expect(opened.url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${new URL(fake.origin).port}/`));
    expect(fake.socketMode.opened()).toBe(1);

    const messages: Record<string, unknown>[] = [];
    const ws = new WebSocket(opened.url);
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as Record<string, unknown>));
    await eventually(() => messages[0]);
    expect(messages[0]).toMatchObject({ type: 'hello', num_connections: 1 });
    expect(() => fake.socketMode.push('slash_commands', {})).not.toThrow();

    const id = fake.socketMode.push('interactive', { type: 'block_actions' });
    await eventually(() => messages.length === 3);
    expect(messages[2]).toEqual({
      envelope_id: id,
      type: 'interactive',
      payload: { type: 'block_actions' },
      accepts_response_payload: false,
    });
    ws.send(JSON.stringify({ envelope_id: id, payload: { text: 'ok' } }));
    ws.send('not json');
    await eventually(() => fake.socketMode.acks(id)[0] && fake.socketMode.strays().length === 1);
    expect(fake.socketMode.acks(id)).toMatchObject([{ envelopeId: id, payload: { text: 'ok' }, connection: 1 }]);

    fake.socketMode.disconnect();
    await eventually(() => messages.length === 4);
    expect(messages[3]).toMatchObject({ type: 'disconnect', reason: 'refresh_requested' });
    ws.close();
    await eventually(() => fake.socketMode.connections() === 0);
    expect(() => fake.socketMode.push('events_api', {})).toThrow(/no Socket Mode connection/);

    // A URL works once.
    const again = new WebSocket(opened.url);
    const refused = await new Promise<string>((resolve) => again.on('error', (e) => resolve(e.message)));
    expect(refused).toMatch(/401/);
  });

  it('holds back the hello while told to: the connection opens and stays silent', async () => {
    fake = await startFakeSlackApi();
    const connect = async () => {
      const { url } = (await (await call('apps.connections.open', {}, fake.appToken)).json()) as { url: string };
      const messages: Record<string, unknown>[] = [];
      const ws = new WebSocket(url);
      ws.on('message', (d) => messages.push(JSON.parse(String(d)) as Record<string, unknown>));
      await new Promise((resolve) => ws.on('open', resolve));
      return { ws, messages };
    };
    fake.socketMode.withholdHello(true);
    const silent = await connect();
    await eventually(() => fake.socketMode.connections() === 1);
    // The first thing it hears is what was pushed after it opened: no hello came before.
    fake.socketMode.push('events_api', { event: { type: 'app_home_opened' } });
    await eventually(() => silent.messages[0]);
    expect(silent.messages.map((m) => m.type)).toEqual(['events_api']);
    silent.ws.close();
    await eventually(() => fake.socketMode.connections() === 0);

    fake.socketMode.withholdHello(false);
    const talking = await connect();
    await eventually(() => talking.messages[0]);
    expect(talking.messages[0]).toMatchObject({ type: 'hello' });
    talking.ws.close();
  });

  it('refuses the app token at apps.connections.open while told to, then accepts it again', async () => {
    fake = await startFakeSlackApi();
    fake.refuseAppToken('invalid_auth');
    expect(await (await call('apps.connections.open', {}, fake.appToken)).json()).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    expect((await (await call('auth.test', {})).json()).ok).toBe(true);
    fake.refuseAppToken(null);
    expect((await (await call('apps.connections.open', {}, fake.appToken)).json()).ok).toBe(true);
    expect(fake.calls('apps.connections.open').map((c) => c.error)).toEqual(['invalid_auth', undefined]);
  });
});
