// Proactive installation of numbot for one person through Microsoft Graph, as Company Communicator does, so the bot can
// write to people outside TEAMS_ROSTER_TEAM_ID: the user by e-mail, POST /users/{id}/teamwork/installedApps with the
// app's catalog id (409 = already installed), the installation, then its chat: that chat id is the conversation id.
// Needs TeamsAppInstallation.ReadWriteForUser.All (application) with admin consent, ENTRA_* credentials. With
// TEAMS_LOCAL_NO_AUTH the calls go, without a token, to `<TEAMS_SERVICE_URL>graph/v1.0/` (the local fake).
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { NumbotError } from '../../errors.ts';

export type InstallOutcome =
  { ok: true; aadObjectId: string; chatId: string } | { ok: false; code: 'no_user' | 'install_failed'; reason: string };

export interface GraphInstaller {
  install(email: string): Promise<InstallOutcome>;
}

export class GraphInstallError extends NumbotError<'GRAPH_AUTH'> {}

type InstallConfig = Pick<
  Config,
  | 'TEAMS_APP_CATALOG_ID'
  | 'TEAMS_LOCAL_NO_AUTH'
  | 'TEAMS_SERVICE_URL'
  | 'TEAMS_TIMEOUT_MS'
  | 'GRAPH_URL'
  | 'ENTRA_LOGIN_URL'
  | 'ENTRA_TENANT_ID'
  | 'ENTRA_CLIENT_ID'
  | 'ENTRA_CLIENT_SECRET'
>;

/** Tries per Graph call: 429 and 503/504 are asked again after Retry-After (or a short backoff). */
const MAX_ATTEMPTS = 4;
const MAX_WAIT_MS = 60_000;

/** The installer, or undefined when proactive installation is not configured (no TEAMS_APP_CATALOG_ID). */
export function createGraphInstaller(
  config: InstallConfig,
  logger: Logger,
  opts: { sleep?: (ms: number) => Promise<void> } = {},
): GraphInstaller | undefined {
  const catalogId = config.TEAMS_APP_CATALOG_ID;
  if (!catalogId) return undefined;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const base = config.TEAMS_LOCAL_NO_AUTH ? new URL('graph/v1.0/', config.TEAMS_SERVICE_URL).href : config.GRAPH_URL;
  let token: { value: string; until: number } | undefined;

  async function bearer(): Promise<Record<string, string>> {
    if (config.TEAMS_LOCAL_NO_AUTH) return {};
    if (token && token.until > Date.now()) return { authorization: `Bearer ${token.value}` };
    const res = await fetch(new URL(`${config.ENTRA_TENANT_ID}/oauth2/v2.0/token`, config.ENTRA_LOGIN_URL), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: config.ENTRA_CLIENT_ID ?? '',
        client_secret: config.ENTRA_CLIENT_SECRET ?? '',
        scope: 'https://graph.microsoft.com/.default',
      }),
      signal: AbortSignal.timeout(config.TEAMS_TIMEOUT_MS),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!res.ok || !body.access_token)
      throw new GraphInstallError('GRAPH_AUTH', `Entra refused the ENTRA_CLIENT_ID credentials (HTTP ${res.status})`);
    token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 3600) - 300) * 1000 };
    return { authorization: `Bearer ${token.value}` };
  }

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(new URL(path, base), {
        method,
        headers: { ...(await bearer()), ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(config.TEAMS_TIMEOUT_MS),
      });
      if (res.status === 401 && attempt === 1 && token) token = undefined;
      else if (![429, 503, 504].includes(res.status) || attempt >= MAX_ATTEMPTS) return res;
      await res.arrayBuffer().catch(() => undefined);
      const after = Number(res.headers.get('retry-after'));
      await sleep(Math.min(MAX_WAIT_MS, Number.isFinite(after) && after > 0 ? after * 1000 : 500 * 2 ** attempt));
    }
  }

  const failed = async (step: string, res: Response): Promise<InstallOutcome> => {
    const code = ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code ?? '';
    return { ok: false, code: 'install_failed', reason: `${step}: HTTP ${res.status}${code ? ` ${code}` : ''}` };
  };

  return {
    async install(email) {
      const user = await call('GET', `users/${encodeURIComponent(email)}?$select=id`);
      if (user.status === 404) return { ok: false, code: 'no_user', reason: 'no Entra user with this e-mail' };
      if (!user.ok) return failed('user', user);
      const { id } = (await user.json()) as { id: string };
      const userPath = `users/${encodeURIComponent(id)}/teamwork/installedApps`;
      const added = await call('POST', userPath, {
        'teamsApp@odata.bind': new URL(`appCatalogs/teamsApps/${encodeURIComponent(catalogId)}`, base).href,
      });
      // 409: numbot is already installed for them (by a policy, by hand, or by an earlier sync).
      if (!added.ok && added.status !== 409) return failed('install', added);
      await added.arrayBuffer().catch(() => undefined);
      const filter = encodeURIComponent(`teamsApp/id eq '${catalogId.replaceAll("'", "''")}'`);
      const list = await call('GET', `${userPath}?$expand=teamsApp&$filter=${filter}`);
      if (!list.ok) return failed('installation', list);
      const installation = ((await list.json()) as { value?: { id?: string }[] }).value?.[0]?.id;
      if (!installation) return { ok: false, code: 'install_failed', reason: 'installation: not listed' };
      const chat = await call('GET', `${userPath}/${encodeURIComponent(installation)}/chat`);
      if (!chat.ok) return failed('chat', chat);
      const chatId = ((await chat.json()) as { id?: string }).id;
      if (!chatId) return { ok: false, code: 'install_failed', reason: 'chat: no id' };
      logger.debug({ platform: 'teams' }, 'numbot installed for a user through Graph');
      return { ok: true, aadObjectId: id, chatId };
    },
  };
}
