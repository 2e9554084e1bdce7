// Tokens at rest: sealed (no token text in the store), readable after a key rotation and re-sealed with the new key,
// refreshed once when two replicas need it at the same moment, and a refused refresh asks for a new connection.
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectionVault } from '../../../src/autodesk/team-admin/connection-vault.ts';
import type { OAuthSettings } from '../../../src/autodesk/team-admin/oauth-client.ts';
import { createTokenCipher } from '../../../src/autodesk/team-admin/token-crypto.ts';
import { createRedisStore } from '../../../src/store/redis-store.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import { startFakeAutodesk, type FakeAutodesk } from '../../fakes/autodesk-team-admin.ts';
import { redisUrl, uniqueMigrationId } from '../../helpers/redis.ts';
import { signIn } from './sign-in.ts';

const K1 = Buffer.alloc(32, 1).toString('base64');
const K2 = Buffer.alloc(32, 2).toString('base64');
let fake: FakeAutodesk | undefined;
const stores: MigrationStore[] = [];
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  for (const s of stores.splice(0)) await s.close();
});

async function setup(store: MigrationStore, key = K1, previous?: string) {
  const f = (fake ??= await startFakeAutodesk({ timeScale: 100 }));
  const oauth: OAuthSettings = {
    apiUrl: f.url,
    clientId: f.clientId,
    clientSecret: f.clientSecret,
    redirectUri: 'https://bot.example.com/autodesk/callback',
  };
  const vault = createConnectionVault({
    store,
    cipher: createTokenCipher(key, previous),
    oauth,
    now: f.now,
    sleep: f.sleep,
  });
  return { f, oauth, vault };
}

describe('connection vault', () => {
  it('stores no token in clear, and reads old values after a key rotation, sealing them again', async () => {
    const store = createMemoryStore();
    const { f, oauth, vault } = await setup(store);
    await signIn(f, oauth, vault, 'boss@example.org', '100001');
    const { token } = await vault.accessToken();
    const raw = JSON.stringify(await store.getDoc('autodesk', 'connection'));
    expect(raw).not.toContain(token);
    expect(raw).not.toContain('boss@example.org');
    const rotated = (await setup(store, K2, K1)).vault;
    expect((await rotated.accessToken()).token).toBe(token);
    const resealed = JSON.stringify(await store.getDoc('autodesk', 'connection'));
    expect(resealed).not.toBe(raw);
    // The old key alone can no longer read it: it was sealed again with the new one.
    await expect((await setup(store, K1)).vault.info()).rejects.toThrow(/neither AUTODESK_TOKEN_KEY/);
    expect((await rotated.info())?.adminId).toBe('boss@example.org');
  });

  it('refreshes once when two replicas need a new token at the same moment (real Redis)', async () => {
    const migration = uniqueMigrationId('adsk');
    const a = createRedisStore({ redis: redisUrl(), migrationId: migration });
    const b = createRedisStore({ redis: redisUrl(), migrationId: migration });
    stores.push(a, b);
    const one = await setup(a);
    const two = await setup(b);
    await signIn(one.f, one.oauth, one.vault, 'boss@example.org');
    const first = await one.vault.accessToken();
    const [x, y] = await Promise.all([one.vault.accessToken(first.token), two.vault.accessToken(first.token)]);
    expect(x.token).toBe(y.token);
    expect(x.token).not.toBe(first.token);
    expect(one.f.liveRefreshTokens()).toBe(1); // one rotation: the spent refresh token was used once
  });

  it('marks the connection refused when Autodesk refuses the refresh token, and says so from then on', async () => {
    const store = createMemoryStore();
    const { f, oauth, vault } = await setup(store);
    await signIn(f, oauth, vault, 'boss@example.org');
    const { token } = await vault.accessToken();
    // The admin removed the app's access in Autodesk: the refresh token stops working.
    f.revokeAllRefreshTokens();
    await expect(vault.accessToken(token)).rejects.toMatchObject({ code: 'AUTODESK_RECONNECT' });
    expect(await vault.health()).toBe('refused');
    await expect(vault.accessToken()).rejects.toMatchObject({ code: 'AUTODESK_RECONNECT' });
  });

  it('warns from 13 days after the refresh token was issued', async () => {
    const store = createMemoryStore();
    const { f, oauth, vault } = await setup(store);
    await signIn(f, oauth, vault, 'boss@example.org');
    expect(await vault.health()).toBe('ok');
    const info = await vault.info();
    const late = createConnectionVault({
      store,
      cipher: createTokenCipher(K1),
      oauth,
      now: () => (info?.refreshIssuedAt ?? 0) + 13 * 86_400_000 + 1,
    });
    expect(await late.health()).toBe('expiring');
  });
});
