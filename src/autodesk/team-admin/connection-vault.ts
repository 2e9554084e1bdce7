// The Autodesk connection: whose authorisation the bot uses, the team, and the tokens — sealed with AES-256-GCM in
// one store doc. An access token is refreshed a few minutes before its 60 minutes are up, by one replica at a time (a
// store lease named after the refresh token, so the next refresh is not locked out), and the rotated refresh token
// replaces the old one in the same compare-and-set. A refused refresh marks the connection for reconnection.
import { createHash } from 'node:crypto';
import type { MigrationStore } from '../../store/store.ts';
import { refreshTokens, type OAuthSettings, type TokenSet } from './oauth-client.ts';
import { AutodeskError } from './problem.ts';
import type { Sealed, TokenCipher } from './token-crypto.ts';

export interface Connection extends TokenSet {
  /** The admin (person id) whose authorisation every call uses. */
  adminId: string;
  teamId?: string;
  teamName?: string;
  connectedAt: number;
  /** When the current refresh token was issued (each refresh rotates it). */
  refreshIssuedAt: number;
  /** Autodesk refused the refresh token: an admin must connect again. */
  refused?: boolean;
}

export type ConnectionInfo = Omit<Connection, 'accessToken' | 'refreshToken'>;

export const DOC_KIND = 'autodesk';
export const DOC_ID = 'connection';
/** Refresh this long before the access token ends. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** Autodesk's refresh tokens last 15 days; from 13 days the admins are asked to connect again. */
export const REFRESH_TOKEN_DAYS = 15;
export const RECONNECT_WARNING_MS = 13 * 24 * 3600_000;

export interface VaultDeps {
  store: MigrationStore;
  cipher: TokenCipher;
  oauth: OAuthSettings;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** This replica, for the refresh lease. */
  owner?: string;
}

export interface ConnectionVault {
  info(): Promise<ConnectionInfo | undefined>;
  save(c: Connection): Promise<void>;
  setTeam(teamId: string, teamName: string): Promise<boolean>;
  /** Removes the connection and returns it (to revoke its tokens). */
  remove(): Promise<Connection | undefined>;
  /** A usable access token and the admin it acts for; `stale` forces a refresh when Autodesk refused that token. */
  accessToken(stale?: string): Promise<{ token: string; adminId: string; teamId?: string }>;
  /** 'ok', 'expiring' (refresh token older than 13 days) or 'refused'; undefined when not connected. */
  health(): Promise<'ok' | 'expiring' | 'refused' | undefined>;
}

const fp = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

export function createConnectionVault(d: VaultDeps): ConnectionVault {
  const sleep = d.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const owner = d.owner ?? `replica-${process.pid}`;

  async function load(): Promise<{ sealed?: Sealed; conn?: Connection }> {
    const sealed = await d.store.getDoc<Sealed>(DOC_KIND, DOC_ID);
    if (!sealed) return {};
    const { plain, stale } = d.cipher.open(sealed);
    const conn = JSON.parse(plain) as Connection;
    if (stale) {
      // Sealed with the previous key: seal it again with the current one (key rotation).
      const next = d.cipher.seal(plain);
      if (await d.store.compareAndSetDoc(DOC_KIND, DOC_ID, sealed, next)) return { sealed: next, conn };
    }
    return { sealed, conn };
  }

  async function replace(sealed: Sealed, next: Connection): Promise<boolean> {
    return d.store.compareAndSetDoc(DOC_KIND, DOC_ID, sealed, d.cipher.seal(JSON.stringify(next)));
  }

  const strip = ({ accessToken: _a, refreshToken: _r, ...info }: Connection): ConnectionInfo => info;

  return {
    async info() {
      const { conn } = await load();
      return conn && strip(conn);
    },
    async save(c) {
      await d.store.putDoc(DOC_KIND, DOC_ID, d.cipher.seal(JSON.stringify(c)));
    },
    async setTeam(teamId, teamName) {
      for (let i = 0; i < 5; i++) {
        const { sealed, conn } = await load();
        if (!sealed || !conn) return false;
        if (await replace(sealed, { ...conn, teamId, teamName })) return true;
      }
      return false;
    },
    async remove() {
      const { conn } = await load().catch(() => ({ conn: undefined }));
      await d.store.deleteDoc(DOC_KIND, DOC_ID);
      return conn;
    },
    async health() {
      const { conn } = await load();
      if (!conn) return undefined;
      if (conn.refused) return 'refused';
      return d.now() - conn.refreshIssuedAt >= RECONNECT_WARNING_MS ? 'expiring' : 'ok';
    },
    async accessToken(staleToken) {
      for (let attempt = 0; attempt < 120; attempt++) {
        const { sealed, conn } = await load();
        if (!sealed || !conn) throw new AutodeskError('AUTODESK_NOT_CONNECTED', 'Autodesk is not connected');
        if (conn.refused) throw new AutodeskError('AUTODESK_RECONNECT', 'Autodesk refused the refresh token');
        const due = staleToken ? conn.accessToken === staleToken : conn.accessExpiresAt - d.now() < REFRESH_MARGIN_MS;
        if (!due)
          return { token: conn.accessToken, adminId: conn.adminId, ...(conn.teamId ? { teamId: conn.teamId } : {}) };
        if (!(await d.store.acquireLease(`autodesk-refresh:${fp(conn.refreshToken)}`, owner, 30_000))) {
          await sleep(250); // another replica refreshes: read its result
          continue;
        }
        let t: TokenSet;
        try {
          t = await refreshTokens(d.oauth, conn.refreshToken, d.now());
        } catch (e) {
          if (e instanceof AutodeskError && e.code === 'AUTODESK_RECONNECT')
            await replace(sealed, { ...conn, refused: true });
          throw e;
        }
        const next: Connection = { ...conn, ...t, refreshIssuedAt: d.now() };
        if (await replace(sealed, next))
          return { token: next.accessToken, adminId: next.adminId, ...(next.teamId ? { teamId: next.teamId } : {}) };
      }
      throw new AutodeskError('AUTODESK_UNREACHABLE', 'the Autodesk token could not be refreshed in time');
    },
  };
}
