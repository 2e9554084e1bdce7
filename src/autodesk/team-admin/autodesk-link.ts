// `connect autodesk` end to end: a single-use `state` (stored by its hash, bound to the admin and the migration,
// 10 minutes) and a PKCE verifier sealed beside it; the callback checks the state once, exchanges the code, keeps
// the tokens sealed (connection-vault.ts), picks the team when there is one choice, and answers with a page in the
// admin's language. No token, code or state reaches a log.
import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Locale } from '../../domain/types.ts';
import type { Logger } from '../../log.ts';
import type { AutodeskLink, AutodeskTeamRef, CallbackOutcome } from '../../ports/autodesk-link.ts';
import type { MigrationStore } from '../../store/store.ts';
import { reconcileRows } from '../reconcile/reconcile-team.ts';
import { snapshotRows } from '../reconcile/snapshot-rows.ts';
import { AUTODESK_CALLBACK_PATH, type Autodesk } from './create-autodesk.ts';
import { choosePool } from './pools.ts';
import { authorizeUrl, exchangeCode, pkcePair, revokeToken } from './oauth-client.ts';
import { AutodeskError } from './problem.ts';
import type { Sealed, TokenCipher } from './token-crypto.ts';

export const STATE_TTL_MS = 10 * 60_000;
const STATE_KIND = 'autodesk-signin';

interface PendingSignIn {
  adminId: string;
  migrationId: string;
  locale: Locale;
  verifier: string;
  expiresAt: number;
}

export interface LinkDeps {
  autodesk: Autodesk;
  cipher: TokenCipher;
  store: MigrationStore;
  migrationId: string;
  /** AUTODESK_TEAM_ID. */
  fixedTeam?: string;
  now: () => number;
  logger?: Logger;
  /** The callback page, whole, in the admin's language. */
  page: (locale: Locale, outcome: CallbackOutcome) => string;
  /** Told after a successful connection (the bot tells the admins). */
  onConnected?: (adminId: string, outcome: CallbackOutcome) => Promise<void>;
}

const hash = (s: string) => createHash('sha256').update(s).digest('base64url');

function sendPage(res: ServerResponse, status: number, html: string): void {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    })
    .end(html);
}

export function createAutodeskLink(d: LinkDeps): AutodeskLink {
  const { vault, oauth, client } = d.autodesk;
  const log = d.logger?.child({ edge: 'autodesk' });

  /** Takes the pending sign-in once: the first caller gets it, every later one (or an expired one) gets undefined. */
  async function takeState(state: string): Promise<PendingSignIn | undefined> {
    const id = hash(state);
    const sealed = await d.store.getDoc<Sealed | { used: true }>(STATE_KIND, id);
    if (!sealed || 'used' in sealed) return undefined;
    if (!(await d.store.compareAndSetDoc<Sealed | { used: true }>(STATE_KIND, id, sealed, { used: true })))
      return undefined;
    let pending: PendingSignIn;
    try {
      pending = JSON.parse(d.cipher.open(sealed).plain) as PendingSignIn;
    } catch {
      return undefined;
    }
    if (pending.expiresAt < d.now() || pending.migrationId !== d.migrationId) return undefined;
    return pending;
  }

  async function connectWith(pending: PendingSignIn, code: string): Promise<CallbackOutcome> {
    const now = d.now();
    const tokens = await exchangeCode(oauth, code, pending.verifier, now);
    await vault.save({ ...tokens, adminId: pending.adminId, connectedAt: now, refreshIssuedAt: now });
    let team: AutodeskTeamRef | undefined;
    let teamsToChoose = 0;
    const teams = await client.listTeams();
    if (d.fixedTeam) team = teams.find((t) => t.id === d.fixedTeam) ?? { id: d.fixedTeam, name: d.fixedTeam };
    else if (teams.length === 1) team = teams[0];
    else teamsToChoose = teams.length;
    if (team) await vault.setTeam(team.id, team.name);
    await d.store.appendAudit({
      at: now,
      actor: pending.adminId,
      source: 'api',
      action: 'autodesk.connected',
      ...(team ? { detail: `team:${team.id}` } : {}),
    });
    return { kind: 'connected', ...(team ? { team } : {}), teamsToChoose };
  }

  const link: AutodeskLink = {
    async startSignIn(adminId, locale) {
      const state = randomBytes(32).toString('base64url');
      const { verifier, challenge } = pkcePair();
      const expiresAt = d.now() + STATE_TTL_MS;
      const pending: PendingSignIn = { adminId, migrationId: d.migrationId, locale, verifier, expiresAt };
      await d.store.putDoc(STATE_KIND, hash(state), d.cipher.seal(JSON.stringify(pending)));
      return { url: authorizeUrl(oauth, state, challenge), expiresAt };
    },

    async status() {
      const info = await vault.info();
      if (!info) return { connected: false };
      const health = (await vault.health()) ?? 'ok';
      const teamId = d.fixedTeam ?? info.teamId;
      const name = info.teamId === teamId ? info.teamName : undefined;
      return {
        connected: true,
        adminId: info.adminId,
        connectedAt: info.connectedAt,
        ...(teamId ? { team: { id: teamId, name: name ?? teamId } } : {}),
        teamFixed: Boolean(d.fixedTeam),
        health,
      };
    },

    teams: () => client.listTeams(),

    async reconcile(actor, now) {
      return reconcileRows(d.store, snapshotRows(await link.snapshot()), actor, now);
    },

    async snapshot() {
      const teamId = await d.autodesk.team();
      if (!teamId) throw new AutodeskError('AUTODESK_NOT_CONNECTED', 'no Autodesk team chosen');
      const users = await client.listUsers(teamId);
      const names = new Map((await client.listPools(teamId)).map((p) => [p.productId, p.productName]));
      const emails = new Map(users.map((u) => [u.id, u.email]));
      const assignments = (await client.listAssignments(teamId)).flatMap((a) => {
        const email = a.email ?? emails.get(a.userId);
        const product = names.get(a.productId);
        return email && product ? [{ email, product }] : [];
      });
      return { users: users.map((u) => ({ email: u.email, ...(u.status ? { status: u.status } : {}) })), assignments };
    },

    async seats(product) {
      const teamId = await d.autodesk.team();
      if (!teamId) return undefined;
      const { chosen } = choosePool(await client.listPools(teamId), product, d.now());
      return chosen ? { free: chosen.free } : undefined;
    },

    async chooseTeam(teamId) {
      const team = (await client.listTeams()).find((t) => t.id === teamId);
      if (team) await vault.setTeam(team.id, team.name);
      return team;
    },

    async disconnect() {
      const conn = await vault.remove();
      if (!conn) return false;
      const [a, r] = await Promise.all([
        revokeToken(oauth, conn.accessToken, 'access_token'),
        revokeToken(oauth, conn.refreshToken, 'refresh_token'),
      ]);
      return { revoked: a && r };
    },

    callbackRoute: {
      method: 'GET',
      path: AUTODESK_CALLBACK_PATH,
      async handler(req, res) {
        const state = req.query.get('state') ?? '';
        const pending = state ? await takeState(state) : undefined;
        if (!pending) return sendPage(res, 400, d.page('en', { kind: 'expired' }));
        const page = (status: number, outcome: CallbackOutcome) =>
          sendPage(res, status, d.page(pending.locale, outcome));
        const code = req.query.get('code');
        if (!code) {
          log?.info({ error: (req.query.get('error') ?? 'none').slice(0, 40) }, 'autodesk sign-in declined');
          return page(400, { kind: 'declined' });
        }
        try {
          const outcome = await connectWith(pending, code);
          await d.onConnected?.(pending.adminId, outcome).catch(() => undefined);
          return page(200, outcome);
        } catch (e) {
          const title = e instanceof AutodeskError ? (e.problem?.title ?? e.code) : 'unknown';
          log?.warn(
            {
              code: e instanceof AutodeskError ? e.code : 'unknown',
              problem: e instanceof AutodeskError ? e.problem : undefined,
            },
            'autodesk sign-in failed',
          );
          return page(502, { kind: 'refused', title });
        }
      },
    },
  };
  return link;
}
