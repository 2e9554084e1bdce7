// Microsoft Graph with an app-only token (client credentials): token cached until shortly before it expires,
// throttling retried, a stale token refreshed once. Tokens never leave this file: not in errors, not in logs.
import { backoffMs, retryAfterMs, RETRY_STATUSES } from './retry-policy.ts';
import { NumbotError } from '../../errors.ts';

export interface GraphClientOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** e.g. https://graph.microsoft.com/v1.0/ */
  graphUrl: string;
  /** e.g. https://login.microsoftonline.com/ */
  loginUrl: string;
  maxAttempts?: number;
  requestTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface GraphResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: unknown;
  attempts: number;
}

/** Graph could not be reached, or refused to give a token: nothing can be done for anyone. */
export class GraphUnavailableError extends NumbotError<'GRAPH_AUTH' | 'GRAPH_UNREACHABLE'> {}

export interface GraphClient {
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<GraphResponse>;
  /** The base every directoryObjects reference is built on. */
  readonly graphUrl: string;
}

const SCOPE = 'https://graph.microsoft.com/.default';
/** Refresh this long before expiry so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 60_000;

const withSlash = (u: string) => (u.endsWith('/') ? u : `${u}/`);
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => '');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createGraphClient(o: GraphClientOptions): GraphClient {
  const graphUrl = withSlash(o.graphUrl);
  const tokenUrl = `${withSlash(o.loginUrl)}${encodeURIComponent(o.tenantId)}/oauth2/v2.0/token`;
  const maxAttempts = o.maxAttempts ?? 5;
  const timeout = o.requestTimeoutMs ?? 30_000;
  const sleep = o.sleep ?? realSleep;
  const random = o.random ?? Math.random;
  const now = o.now ?? Date.now;
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  /** One fetch, retried on throttling and network errors; the last answer is returned once attempts run out. */
  async function send(url: string, init: () => RequestInit): Promise<{ res: Response; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      let res: Response | undefined;
      let error: unknown;
      try {
        res = await fetch(url, { ...init(), signal: AbortSignal.timeout(timeout) });
      } catch (e) {
        error = e;
      }
      if (res && !RETRY_STATUSES.has(res.status)) return { res, attempts: attempt };
      if (attempt >= maxAttempts) {
        if (res) return { res, attempts: attempt };
        const why = error instanceof Error ? error.message : 'network error';
        throw new GraphUnavailableError(
          'GRAPH_UNREACHABLE',
          `Microsoft Graph unreachable after ${attempt} attempts: ${why}`,
        );
      }
      const wait = (res && retryAfterMs(res.headers.get('retry-after'), now())) ?? backoffMs(attempt, random);
      await res?.text().catch(() => '');
      await sleep(wait);
    }
  }

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({
      client_id: o.clientId,
      client_secret: o.clientSecret,
      scope: SCOPE,
      grant_type: 'client_credentials',
    });
    const { res } = await send(tokenUrl, () => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    }));
    const body = (await readJson(res)) as { access_token?: unknown; expires_in?: unknown; error?: unknown } | undefined;
    if (res.status !== 200 || typeof body?.access_token !== 'string') {
      const code = typeof body?.error === 'string' ? ` ${body.error}` : '';
      throw new GraphUnavailableError(
        'GRAPH_AUTH',
        `Entra ID refused a token (${res.status}${code}): check ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET`,
      );
    }
    const seconds = Number(body.expires_in);
    token = {
      value: body.access_token,
      expiresAt: now() + (Number.isFinite(seconds) ? seconds : 3600) * 1000 - EXPIRY_MARGIN_MS,
    };
    return token.value;
  }

  /** The cached token, or one shared request for a new one however many callers ask at once. */
  function getToken(): Promise<string> {
    if (token && now() < token.expiresAt) return Promise.resolve(token.value);
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    graphUrl,
    async request(method, path, body) {
      let attempts = 0;
      for (let refreshed = false; ; refreshed = true) {
        const bearer = await getToken();
        const sent = await send(`${graphUrl}${path}`, () => ({
          method,
          headers: {
            authorization: `Bearer ${bearer}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }));
        attempts += sent.attempts;
        if (sent.res.status === 401 && !refreshed) {
          await sent.res.text().catch(() => '');
          if (token?.value === bearer) token = undefined;
          continue;
        }
        return { status: sent.res.status, body: await readJson(sent.res), attempts };
      }
    },
  };
}
