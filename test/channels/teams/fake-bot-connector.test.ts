// The fake Bot Connector itself: the delivery benchmark relies on its rate limit and its counts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotConnector, type FakeBotConnector } from '../../fakes/bot-connector.ts';

async function send(fake: FakeBotConnector, conversationId: string, tenantId: string) {
  const res = await fetch(`${fake.url}v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text: 'hi', conversation: { id: conversationId, tenantId } }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { id?: string; error?: { code: string } },
  };
}

describe('fake Bot Connector', () => {
  let fake: FakeBotConnector;
  beforeEach(async () => {
    fake = await startFakeBotConnector({ ratePerSecond: 3 });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('throttles each tenant on its own with a Teams 429 body and Retry-After', async () => {
    const a = await Promise.all(Array.from({ length: 5 }, () => send(fake, 'a:one', 'tenant-a')));
    const b = await Promise.all(Array.from({ length: 3 }, () => send(fake, 'a:two', 'tenant-b')));
    expect(a.filter((r) => r.status === 201)).toHaveLength(3);
    const limited = a.filter((r) => r.status === 429);
    expect(limited).toHaveLength(2);
    expect(limited[0]?.body).toEqual({ error: { code: 'Throttled', message: expect.any(String) } });
    expect(limited[0]?.retryAfter).toBe('1');
    expect(b.every((r) => r.status === 201)).toBe(true);
    expect(fake.stats()).toMatchObject({ requests: 8, throttled: 2, delivered: { 'a:one': 3, 'a:two': 3 } });
  });

  it('lets requests through again once the window has passed', async () => {
    await Promise.all(Array.from({ length: 3 }, () => send(fake, 'a:one', 't')));
    expect((await send(fake, 'a:one', 't')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 1050));
    expect((await send(fake, 'a:one', 't')).status).toBe(201);
  });

  it('counts deliveries per recipient for conversations it created or was told about', async () => {
    fake.setLimit(Infinity);
    fake.registerConversation('a:known', '29:known');
    const created = await fetch(`${fake.url}v3/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isGroup: false, members: [{ id: '29:new' }], tenantId: 't' }),
    });
    const { id } = (await created.json()) as { id: string };
    await send(fake, id, 't');
    await send(fake, 'a:known', 't');
    await send(fake, 'a:known', 't');
    expect(fake.stats().delivered).toEqual({ '29:new': 1, '29:known': 2 });
    expect(fake.created()[0]).toMatchObject({ conversationId: id, memberIds: ['29:new'], tenantId: 't' });
  });

  it('applies an injected fault the given number of times, then answers normally', async () => {
    fake.setLimit(Infinity);
    fake.injectFault({ kind: 'server_error', status: 503 }, { times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await send(fake, 'a:one', 't')).status);
    expect(statuses).toEqual([503, 503, 201]);
    expect(fake.stats().faults).toBe(2);
  });

  it("keeps OneDrive's upload-session rules: ranges in order, whole 320 KiB units but the last, no Authorization", async () => {
    const info = fake.openUploadSession('r.csv');
    const put = (range: string, body: Buffer, headers: Record<string, string> = {}) =>
      fetch(info.uploadUrl, {
        method: 'PUT',
        headers: { 'content-range': range, ...headers },
        body: new Uint8Array(body),
      }).then((r) => r.status);
    const unit = Buffer.alloc(320 * 1024, 1);
    const total = unit.length + 10;
    expect(await put(`bytes 0-99/${total}`, Buffer.alloc(100))).toBe(400); // not a whole unit, not the last
    expect(await put(`bytes 10-${unit.length + 9}/${total}`, unit)).toBe(416); // does not start where the file stands
    expect(await put(`bytes 0-${unit.length - 1}/${total}`, unit, { authorization: 'Bearer x' })).toBe(401);
    expect(await put(`bytes 0-${unit.length - 1}/${total}`, unit)).toBe(202);
    expect(await put(`bytes ${unit.length}-${total - 1}/${total + 1}`, Buffer.alloc(10, 2))).toBe(400); // total changed
    expect(await put(`bytes ${unit.length}-${total - 1}/${total}`, Buffer.alloc(10, 2))).toBe(201);
    expect(await put(`bytes ${total}-${total}/${total + 1}`, Buffer.alloc(1))).toBe(404); // complete: the session is gone
    const [upload] = fake.uploads();
    expect(upload).toMatchObject({
      complete: true,
      refused: 5,
      ranges: [`bytes 0-${unit.length - 1}/${total}`, `bytes ${unit.length}-${total - 1}/${total}`],
    });
    expect(upload!.bytes.equals(Buffer.concat([unit, Buffer.alloc(10, 2)]))).toBe(true);
    // Uploads are another service: not counted as connector requests.
    expect(fake.stats().requests).toBe(0);
  });
});
