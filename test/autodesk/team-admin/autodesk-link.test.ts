// The sign-in's `state`: single-use, bound to the admin and the migration, expires after 10 minutes; a declined consent
// changes nothing; several teams are chosen from chat; disconnect revokes both tokens.
import { afterEach, describe, expect, it } from 'vitest';
import { createAutodeskLink, STATE_TTL_MS } from '../../../src/autodesk/team-admin/autodesk-link.ts';
import { createAutodesk } from '../../../src/autodesk/team-admin/create-autodesk.ts';
import type { HttpRequest } from '../../../src/http/router.ts';
import type { CallbackOutcome } from '../../../src/ports/autodesk-link.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import { startFakeAutodesk, type FakeAutodesk } from '../../fakes/autodesk-team-admin.ts';

let fake: FakeAutodesk | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(store: MigrationStore = createMemoryStore(), migrationId = 'm1') {
  const f = (fake ??= await startFakeAutodesk());
  let offset = 0;
  const now = () => f.now() + offset;
  const autodesk = createAutodesk(
    {
      PUBLIC_URL: 'https://bot.example.com/',
      AUTODESK_CLIENT_ID: f.clientId,
      AUTODESK_CLIENT_SECRET: f.clientSecret,
      AUTODESK_API_URL: f.url,
      AUTODESK_TOKEN_KEY: Buffer.alloc(32, 3).toString('base64'),
      AUTODESK_CALLS_PER_MINUTE: 57,
    },
    { store, now },
  );
  const pages: CallbackOutcome[] = [];
  const link = createAutodeskLink({
    autodesk,
    cipher: autodesk.cipher,
    store,
    migrationId,
    now,
    page: (_locale, o) => {
      pages.push(o);
      return o.kind;
    },
  });
  return { f, link, pages, store, later: (ms: number) => (offset += ms) };
}

/** The admin's browser: Autodesk's page, then the bot's callback (called directly, as the router would). */
async function browse(f: FakeAutodesk, link: Awaited<ReturnType<typeof setup>>['link'], url: string) {
  const r = await fetch(url, { redirect: 'manual' });
  const back = new URL(r.headers.get('location') ?? '');
  expect(back.href.startsWith('https://bot.example.com/autodesk/callback?')).toBe(true);
  return callback(link, back.searchParams);
}

async function callback(link: Awaited<ReturnType<typeof setup>>['link'], query: URLSearchParams) {
  let status = 0;
  let body = '';
  const res = {
    writeHead(s: number) {
      status = s;
      return this;
    },
    end(b: string) {
      body = b;
    },
  };
  await link.callbackRoute.handler({ query } as unknown as HttpRequest, res as never);
  return { status, body };
}

describe('connect autodesk', () => {
  it('connects once per sign-in link, picks the only team, and a replay is refused', async () => {
    const { f, link } = await setup();
    f.addTeam('100001', 'Engineering', ['admin-1']);
    const { url, expiresAt } = await link.startSignIn('boss@example.org', 'de');
    expect(expiresAt - f.now()).toBeLessThanOrEqual(STATE_TTL_MS);
    const r = await fetch(url, { redirect: 'manual' });
    const back = new URL(r.headers.get('location') ?? '');
    expect(await callback(link, back.searchParams)).toEqual({ status: 200, body: 'connected' });
    expect(await link.status()).toMatchObject({
      connected: true,
      adminId: 'boss@example.org',
      team: { id: '100001', name: 'Engineering' },
    });
    expect(await callback(link, back.searchParams)).toEqual({ status: 400, body: 'expired' });
  });

  it('refuses a link after 10 minutes, and one made for another migration', async () => {
    const store = createMemoryStore();
    const a = await setup(store, 'm1');
    const { url } = await a.link.startSignIn('boss@example.org', 'en');
    a.later(STATE_TTL_MS + 1);
    expect(await browse(a.f, a.link, url)).toEqual({ status: 400, body: 'expired' });
    const b = await setup(store, 'm2');
    const other = await a.link.startSignIn('boss@example.org', 'en');
    expect(await browse(b.f, b.link, other.url)).toEqual({ status: 400, body: 'expired' });
    expect(await b.link.status()).toEqual({ connected: false });
  });

  it('changes nothing when the admin declines, and lets the admin choose among several teams', async () => {
    const { f, link } = await setup();
    f.addTeam('1', 'Design', ['admin-1']);
    f.addTeam('2', 'Build', ['admin-1']);
    f.addTeam('3', 'Not mine', ['someone-else']);
    f.signInAs('deny');
    expect(await browse(f, link, (await link.startSignIn('boss@example.org', 'en')).url)).toEqual({
      status: 400,
      body: 'declined',
    });
    expect(await link.status()).toEqual({ connected: false });
    f.signInAs('admin-1');
    expect(await browse(f, link, (await link.startSignIn('boss@example.org', 'en')).url)).toEqual({
      status: 200,
      body: 'connected',
    });
    expect(await link.status()).toMatchObject({ connected: true, teamFixed: false });
    expect((await link.status()) as { team?: unknown }).not.toHaveProperty('team');
    expect(await link.chooseTeam('3')).toBeUndefined();
    expect(await link.chooseTeam('2')).toEqual({ id: '2', name: 'Build' });
    expect(await link.status()).toMatchObject({ team: { id: '2', name: 'Build' } });
    expect(await link.disconnect()).toEqual({ revoked: true });
    expect(f.revoked.sort()).toEqual(['access_token', 'refresh_token']);
    expect(f.liveRefreshTokens()).toBe(0);
    expect(await link.disconnect()).toBe(false);
  });
});
