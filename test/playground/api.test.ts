// The playground's JSON API against a running app, on the in-memory store and on a real Redis (with BullMQ
// delivery): acting as people, cards arriving in inboxes, a click replacing its card, refusals that change nothing,
// and the clock playing reminders through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { buildApps, type Apps } from '../../src/app/build-apps.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { redisUrl, uniqueMigrationId } from '../helpers/redis.ts';

const ADMIN = 'marc.peeters@acme.example';
const TOM = 'tom.janssens@acme.example';
const CHLOE = 'chloe.martin@acme.example';
const HEADERS = { 'x-numbot-playground': '1' };

interface Shown {
  id: string;
  updatedAt?: number;
  card: { name: string; teams: { actions?: { verb?: string; data?: Record<string, unknown> }[] } };
}

function client(base: string) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = HEADERS) => {
    const res = await fetch(`${base}/playground/api${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    call,
    command: (as: string, text: string) => call('POST', '/command', { as, text }),
    conversation: async (id: string) =>
      (await call('GET', `/conversations/${encodeURIComponent(id)}`)).body.messages as Shown[],
  };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const stores = [
  { name: 'memory', env: {} },
  { name: 'redis', env: { REDIS_URL: redisUrl(), MIGRATION_ID: uniqueMigrationId('pg') } },
].filter((s) => s.name === 'memory' || redisUrl() !== '');

describe.each(stores)('playground API ($name store)', ({ env }) => {
  let app: App;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    app = await buildApp(loadConfig({ PLAYGROUND: 'auto', LOG_LEVEL: 'silent', ...env }), createLogger('silent'), {
      playgroundSample: true,
    });
    api = client(`http://127.0.0.1:${await app.start(0)}`);
  }, 60_000);
  afterAll(() => app?.stop());

  it('starts with the sample migration: admins first, 50 people, the sample licence server polled once', async () => {
    const { status, body } = await api.call('GET', '/people');
    expect(status).toBe(200);
    const people = body.people as { id: string; roles: string[] }[];
    expect(people).toHaveLength(50);
    expect(people[0]).toMatchObject({ id: ADMIN, roles: expect.arrayContaining(['admin']) });
    expect(
      people
        .filter((p) => p.roles.includes('manager'))
        .map((p) => p.id)
        .sort(),
    ).toEqual(['pieter.desmet@acme.example', 'sophie.leclercq@acme.example']);
    expect(app.services.config.LICENSE_SERVERS.map((s) => s.id)).toEqual(['lic01']);
    const polls = await app.services.store.readHistory<{ status: string; inUse: number }>('lmstat-poll', 'lic01', 10);
    expect(polls).toEqual([expect.objectContaining({ status: 'up', inUse: 5 })]);
    expect(app.services.config.ORGANISATION_NAME).toBe('Acme Engineering');
  });

  it('answers only its own page: the custom header and JSON are required, strangers are refused', async () => {
    expect((await api.call('GET', '/people', undefined, {})).status).toBe(403);
    const audit = await app.services.store.readAudit(1);
    const r = await api.command('nobody@else.example', 'notify pending');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/pick someone/);
    expect(await app.services.store.readAudit(1)).toEqual(audit);
    expect((await api.call('POST', '/command', 'not an object')).status).toBe(400);
  });

  it("delivers the step-4 card to the inbox; the person's click replaces it; another person's click is refused", async () => {
    const notified = await api.command(ADMIN, 'notify pending');
    expect(notified.status).toBe(200);
    expect(notified.body.refused).toBe(false);
    const card = await waitFor('the step-4 card', async () =>
      (await api.conversation(TOM)).find((m) => m.card.name === 'step4'),
    );
    const button = card.card.teams.actions?.find((a) => a.verb === 'step4.signed_in');
    expect(button?.data).toMatchObject({ personId: TOM });

    const stranger = await api.call('POST', '/action', {
      as: CHLOE,
      action: button?.verb,
      data: button?.data,
      messageId: card.id,
    });
    expect(stranger.status).toBe(400);
    expect((await app.services.store.getPerson(TOM))?.inform.status).toBe('informed');

    const clicked = await api.call('POST', '/action', {
      as: TOM,
      action: button?.verb,
      data: button?.data,
      messageId: card.id,
    });
    expect(clicked.status).toBe(200);
    expect(clicked.body.replaced).toMatchObject({ id: card.id, card: { name: 'step4-outcome' } });
    expect((await app.services.store.getPerson(TOM))?.inform.status).toBe('acknowledged');
    const after = await api.conversation(TOM);
    expect(after.find((m) => m.id === card.id)).toMatchObject({
      card: { name: 'step4-outcome' },
      updatedAt: expect.any(Number),
    });
  });

  it('moves time to the next reminder and the scheduler sends it', async () => {
    const before = (await api.call('GET', '/clock')).body as {
      now: number;
      movable: boolean;
      nextReminderAt?: number;
      scheduler: boolean;
    };
    expect(before).toMatchObject({ movable: true, scheduler: true });
    expect(before.nextReminderAt).toBeGreaterThan(before.now);
    const [first] = await app.services.store.due(Number.MAX_SAFE_INTEGER, 1);
    expect(first?.at).toBe(before.nextReminderAt);
    const jumped = await api.call('POST', '/clock', { to: 'next-reminder' });
    expect(jumped.status).toBe(200);
    // The playground's clock runs on from the real one, so "now" has moved a little since the first read.
    const now = (jumped.body.clock as { now: number }).now;
    expect(now).toBeGreaterThanOrEqual(before.nextReminderAt ?? Infinity);
    expect(now - (before.nextReminderAt ?? 0)).toBeLessThan(60_000);
    expect((jumped.body.ran as Record<string, number>)['reminders.reminded']).toBeGreaterThan(0);
    // The first person due was informed and has not signed in: their reminder arrives; Tom signed in and gets none.
    await waitFor('the reminder', async () =>
      (await api.conversation(first?.id ?? '')).find((m) => m.card.name === 'reminder'),
    );
    await waitFor('reminder.sent recorded', async () =>
      (await app.services.store.getPerson(first?.id ?? ''))?.reminders.sent === 1 ? true : undefined,
    );
    expect((await api.conversation(TOM)).some((m) => m.card.name === 'reminder')).toBe(false);
    expect((await api.call('POST', '/clock', { ms: -5 })).status).toBe(400);
  });

  it('acts out a platform failure on the next send', async () => {
    expect((await api.call('POST', '/faults', { kind: 'meteor' })).status).toBe(400);
    expect((await api.call('POST', '/faults', { kind: 'blocked' })).body).toEqual({ pending: 1 });
    const channel = app.services.channels.playground!;
    const person = (await app.services.store.getPerson(CHLOE))!;
    const out = await channel.sendCard(person, { name: 'message', data: { title: 'Hello' }, locale: 'en' });
    expect(out.kind).toBe('blocked');
    expect((await channel.sendCard(person, { name: 'message', data: { title: 'Hello' }, locale: 'en' })).kind).toBe(
      'sent',
    );
  });
});

describe('playground beside a real platform', () => {
  let apps: Apps;
  let base: string;
  beforeAll(async () => {
    const config = loadConfig({
      PLAYGROUND: 'on',
      PLAYGROUND_MIGRATION_ID: `pg-beside-${process.pid}`,
      LOG_LEVEL: 'silent',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    apps = await buildApps(config, createLogger('silent'));
    await apps.main.start(0);
    base = `http://127.0.0.1:${await apps.playground!.start(0)}`;
  }, 60_000);
  afterAll(async () => {
    await apps?.main.stop();
    await apps?.playground?.stop();
  });

  it('is a separate app: the real store stays empty, the real app serves no playground', async () => {
    expect(await apps.main.services.store.counters()).toEqual({});
    const main = apps.main.http.server.address() as { port: number };
    expect((await fetch(`http://127.0.0.1:${main.port}/playground`)).status).toBe(404);
    expect((await fetch(`${base}/`)).status).toBe(200);
    const page = await fetch(`${base}/playground`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
