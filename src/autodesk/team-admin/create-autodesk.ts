// Builds the Autodesk Team Admin pieces from the config: the sealed connection, the OAuth settings, the paced client
// (every call audited with the admin whose authorisation it used) and the provider. Everything it holds lives in the
// store, so each replica (and each caller) may build its own.
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { MigrationStore } from '../../store/store.ts';
import { createAutodeskProvider, type AutodeskProviderDeps } from './autodesk-provider.ts';
import { createConnectionVault, type ConnectionVault } from './connection-vault.ts';
import type { OAuthSettings } from './oauth-client.ts';
import { createTeamAdminClient, type CallRecord, type TeamAdminClient } from './team-admin-client.ts';
import { createTeamPacer } from './team-pacer.ts';
import { AutodeskError } from './problem.ts';
import { createTokenCipher, type TokenCipher } from './token-crypto.ts';
import type { ProvisioningProvider } from '../../ports/provisioning.ts';

export type AutodeskConfig = Pick<
  Config,
  | 'PUBLIC_URL'
  | 'AUTODESK_CLIENT_ID'
  | 'AUTODESK_CLIENT_SECRET'
  | 'AUTODESK_API_URL'
  | 'AUTODESK_TEAM_ID'
  | 'AUTODESK_TOKEN_KEY'
  | 'AUTODESK_TOKEN_KEY_PREVIOUS'
  | 'AUTODESK_CALLS_PER_MINUTE'
>;

/** Where Autodesk sends the admin back after sign-in: PUBLIC_URL + this path (register it as the app's callback). */
export const AUTODESK_CALLBACK_PATH = '/autodesk/callback';

export interface AutodeskDeps {
  store: MigrationStore;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  fetch?: typeof fetch;
}

export interface Autodesk {
  vault: ConnectionVault;
  cipher: TokenCipher;
  oauth: OAuthSettings;
  client: TeamAdminClient;
  provider: ProvisioningProvider;
  /** A provider for one long run: its progress and its cancel. */
  providerFor(extra: Pick<AutodeskProviderDeps, 'onProgress' | 'cancelled'>): ProvisioningProvider;
  /** The team calls go to: AUTODESK_TEAM_ID, else the one chosen after connecting. */
  team(): Promise<string | undefined>;
}

export function callbackUrl(publicUrl: string): string {
  return new URL(AUTODESK_CALLBACK_PATH, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).href;
}

export function createAutodesk(c: AutodeskConfig, d: AutodeskDeps): Autodesk {
  const { AUTODESK_CLIENT_ID: clientId, AUTODESK_CLIENT_SECRET: clientSecret, AUTODESK_TOKEN_KEY: key } = c;
  if (!clientId || !clientSecret || !key || !c.PUBLIC_URL)
    throw new Error(
      'PROVISIONING=autodesk needs AUTODESK_CLIENT_ID, AUTODESK_CLIENT_SECRET, AUTODESK_TOKEN_KEY and PUBLIC_URL',
    );
  const sleep = d.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const oauth: OAuthSettings = {
    apiUrl: c.AUTODESK_API_URL,
    clientId,
    clientSecret,
    redirectUri: callbackUrl(c.PUBLIC_URL),
    ...(d.fetch ? { fetch: d.fetch } : {}),
  };
  const cipher = createTokenCipher(key, c.AUTODESK_TOKEN_KEY_PREVIOUS);
  const vault = createConnectionVault({
    store: d.store,
    cipher,
    oauth,
    now: d.now,
    sleep,
  });
  const audit = (r: CallRecord) =>
    d.store.appendAudit({
      at: d.now(),
      actor: r.adminId,
      source: 'api',
      action: `autodesk:${r.op}`,
      ...(r.personId ? { person: r.personId } : {}),
      detail: `${r.status}${r.teamId ? ` team:${r.teamId}` : ''}`,
    });
  const client = createTeamAdminClient({
    apiUrl: c.AUTODESK_API_URL,
    token: (stale) => vault.accessToken(stale),
    pacer: createTeamPacer({ store: d.store, callsPerMinute: c.AUTODESK_CALLS_PER_MINUTE, now: d.now, sleep }),
    now: d.now,
    sleep,
    onCall: audit,
    ...(d.logger ? { logger: d.logger } : {}),
    ...(d.fetch ? { fetch: d.fetch } : {}),
  });
  const team = async () => {
    const info = await vault.info();
    if (!info) throw new AutodeskError('AUTODESK_NOT_CONNECTED', 'Autodesk is not connected');
    return c.AUTODESK_TEAM_ID ?? info.teamId;
  };
  const base: AutodeskProviderDeps = { client, team, now: d.now, ...(d.logger ? { logger: d.logger } : {}) };
  const provider = createAutodeskProvider(base);
  const providerFor = (extra: Pick<AutodeskProviderDeps, 'onProgress' | 'cancelled'>) =>
    createAutodeskProvider({ ...base, ...extra });
  return { vault, cipher, oauth, client, provider, providerFor, team };
}
