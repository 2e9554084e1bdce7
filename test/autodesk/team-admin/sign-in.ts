// Test helper: an admin signs in at the fake's authorize page (as a browser would follow the redirect) and the code is
// exchanged with PKCE; the connection is saved in the vault as `connect autodesk` would.
import { randomBytes } from 'node:crypto';
import {
  authorizeUrl,
  exchangeCode,
  pkcePair,
  type OAuthSettings,
} from '../../../src/autodesk/team-admin/oauth-client.ts';
import type { ConnectionVault } from '../../../src/autodesk/team-admin/connection-vault.ts';
import type { FakeAutodesk } from '../../fakes/autodesk-team-admin.ts';

export async function signIn(
  fake: FakeAutodesk,
  oauth: OAuthSettings,
  vault: ConnectionVault,
  adminId: string,
  teamId?: string,
): Promise<void> {
  const { verifier, challenge } = pkcePair();
  const r = await fetch(authorizeUrl(oauth, randomBytes(8).toString('hex'), challenge), { redirect: 'manual' });
  const code = new URL(r.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const now = fake.now();
  const t = await exchangeCode(oauth, code, verifier, now);
  await vault.save({
    ...t,
    adminId,
    connectedAt: now,
    refreshIssuedAt: now,
    ...(teamId ? { teamId, teamName: teamId } : {}),
  });
}
