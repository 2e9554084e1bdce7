// The fake Team Admin API and APS OAuth server behave as the documented API does: the provider's tests lean on it.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAutodesk, type FakeAutodesk } from '../../fakes/autodesk-team-admin.ts';

let fake: FakeAutodesk | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const basic = (f: FakeAutodesk) => `Basic ${Buffer.from(`${f.clientId}:${f.clientSecret}`).toString('base64')}`;

async function signIn(f: FakeAutodesk, verifierSent?: string) {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const auth = new URL('authentication/v2/authorize', f.url);
  const redirect = 'https://bot.example.com/autodesk/callback';
  for (const [k, v] of Object.entries({
    client_id: f.clientId,
    response_type: 'code',
    redirect_uri: redirect,
    scope: 'tmadmapi:team:read',
    state: 's1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }))
    auth.searchParams.set(k, v);
  const r = await fetch(auth, { redirect: 'manual' });
  expect(r.status).toBe(302);
  const back = new URL(r.headers.get('location') ?? '');
  expect(back.searchParams.get('state')).toBe('s1');
  return fetch(new URL('authentication/v2/token', f.url), {
    method: 'POST',
    headers: { authorization: basic(f), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: redirect,
      code_verifier: verifierSent ?? verifier,
    }),
  });
}

describe('fake Autodesk', () => {
  it('checks PKCE, rotates refresh tokens and revokes', async () => {
    fake = await startFakeAutodesk();
    expect((await signIn(fake, 'x'.repeat(43))).status).toBe(400);
    const ok = await signIn(fake);
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as { refresh_token: string; expires_in: number };
    expect(tokens.expires_in).toBe(3599);
    const refresh = (token: string) =>
      fetch(new URL('authentication/v2/token', fake?.url), {
        method: 'POST',
        headers: { authorization: basic(fake as FakeAutodesk), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token }),
      });
    const first = await refresh(tokens.refresh_token);
    expect(first.status).toBe(200);
    expect((await refresh(tokens.refresh_token)).status).toBe(400);
    const next = (await first.json()) as { refresh_token: string };
    const rev = await fetch(new URL('authentication/v2/revoke', fake.url), {
      method: 'POST',
      headers: { authorization: basic(fake), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: next.refresh_token, token_type_hint: 'refresh_token' }),
    });
    expect(rev.status).toBe(200);
    expect((await refresh(next.refresh_token)).status).toBe(400);
  });

  it('pages, converges, and refuses the 61st call of a UTC minute with Retry-After', async () => {
    fake = await startFakeAutodesk({ startAt: Date.UTC(2026, 11, 7, 10, 0, 0) });
    fake.addTeam('100001', 'Engineering', ['admin-1']);
    for (let i = 0; i < 5; i++) fake.addUser('100001', `p${i}.x@example.com`);
    const { access_token } = (await (await signIn(fake)).json()) as { access_token: string };
    const call = (path: string, init: RequestInit = {}) =>
      fetch(new URL(`team-admin/v1/${path}`, fake?.url), {
        ...init,
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      });
    const p1 = await call('teams/100001/users?limit=2');
    expect(p1.headers.get('x-ratelimit-remaining')).toBe('59');
    const b1 = (await p1.json()) as { data: unknown[]; pagination: { cursor: string; hasMore: boolean } };
    expect(b1.data).toHaveLength(2);
    expect(b1.pagination.hasMore).toBe(true);
    const p3 = (await (await call(`teams/100001/users?limit=2&cursor=${b1.pagination.cursor}`)).json()) as {
      pagination: { cursor: string };
    };
    const last = (await (await call(`teams/100001/users?limit=2&cursor=${p3.pagination.cursor}`)).json()) as {
      data: unknown[];
      pagination: { cursor: null; hasMore: boolean };
    };
    expect(last).toMatchObject({ data: [{}], pagination: { cursor: null, hasMore: false } });
    const bad = await call('teams/100001/users?limit=101');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    const body = JSON.stringify({ email: 'new.one@example.com', firstName: 'New', lastName: 'One' });
    expect((await call('teams/100001/users', { method: 'POST', body })).status).toBe(201);
    expect((await call('teams/100001/users', { method: 'POST', body })).status).toBe(200);
    expect(fake.users('100001')).toHaveLength(6);
    expect((await call('teams/999/users')).status).toBe(403);
    fake.consume('100001', 60);
    const refused = await call('teams/100001/users');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(fake.rejected429).toBe(1);
  });
});
