// APS Authentication v2 for a Traditional Web App (confidential client): the authorize URL (Authorization Code with
// PKCE S256), the code exchange, refresh and revoke, with the client credentials in a Basic header. Tokens and the
// secret never reach a log or an error message.
import { createHash, randomBytes } from 'node:crypto';
import { AutodeskError, readProblem } from './problem.ts';

/** Every Team Admin API scope (read-back, invite, assign). Both scopes a page lists are requested. */
export const TEAM_ADMIN_SCOPES = [
  'tmadmapi:team:read',
  'tmadmapi:team:write',
  'tmadmapi:team-users:read',
  'tmadmapi:team-users:write',
  'tmadmapi:team-products:read',
  'tmadmapi:team-products:write',
].join(' ');

export interface OAuthSettings {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  accessExpiresAt: number;
}

/** A PKCE verifier (43 chars of base64url, 256 bits) and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(s: OAuthSettings, state: string, challenge: string): string {
  const u = new URL('authentication/v2/authorize', s.apiUrl);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('client_id', s.clientId);
  u.searchParams.set('redirect_uri', s.redirectUri);
  u.searchParams.set('scope', TEAM_ADMIN_SCOPES);
  u.searchParams.set('state', state);
  u.searchParams.set('code_challenge', challenge);
  u.searchParams.set('code_challenge_method', 'S256');
  return u.href;
}

async function post(s: OAuthSettings, path: string, form: Record<string, string>): Promise<Response> {
  const doFetch = s.fetch ?? fetch;
  try {
    return await doFetch(new URL(path, s.apiUrl), {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(s.timeoutMs ?? 15_000),
    });
  } catch (e) {
    throw new AutodeskError('AUTODESK_UNREACHABLE', 'Autodesk sign-in could not be reached', undefined, { cause: e });
  }
}

async function tokens(res: Response, now: number): Promise<TokenSet> {
  const text = await res.text();
  if (!res.ok) {
    // OAuth errors are `{error, error_description}`: 400 invalid_grant means the code or refresh token is spent.
    let error = '';
    try {
      error = String((JSON.parse(text) as { error?: unknown }).error ?? '');
    } catch {
      /* not JSON */
    }
    const code = res.status === 400 && error === 'invalid_grant' ? 'AUTODESK_RECONNECT' : 'AUTODESK_REFUSED';
    throw new AutodeskError(code, `Autodesk sign-in refused (${res.status} ${error || 'error'})`, {
      ...readProblem(res.status, res.headers.get('content-type'), '{}'),
      title: error || `HTTP ${res.status}`,
    });
  }
  const b = JSON.parse(text) as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown };
  if (typeof b.access_token !== 'string' || typeof b.refresh_token !== 'string')
    throw new AutodeskError('AUTODESK_REFUSED', 'Autodesk sign-in answered without tokens');
  const seconds = typeof b.expires_in === 'number' && b.expires_in > 0 ? b.expires_in : 3599;
  return { accessToken: b.access_token, refreshToken: b.refresh_token, accessExpiresAt: now + seconds * 1000 };
}

export async function exchangeCode(s: OAuthSettings, code: string, verifier: string, now: number): Promise<TokenSet> {
  const res = await post(s, 'authentication/v2/token', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: s.redirectUri,
    code_verifier: verifier,
  });
  return tokens(res, now);
}

export async function refreshTokens(s: OAuthSettings, refreshToken: string, now: number): Promise<TokenSet> {
  const res = await post(s, 'authentication/v2/token', { grant_type: 'refresh_token', refresh_token: refreshToken });
  return tokens(res, now);
}

/** Revokes a token; false when Autodesk refused or could not be reached (the local copy is dropped anyway). */
export async function revokeToken(
  s: OAuthSettings,
  token: string,
  hint: 'access_token' | 'refresh_token',
): Promise<boolean> {
  try {
    const res = await post(s, 'authentication/v2/revoke', { token, token_type_hint: hint });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
