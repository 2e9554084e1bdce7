// A fake APS Authentication v2 server and Autodesk Team Admin API (public beta) on 127.0.0.1, as real HTTP:
// authorize redirect, token exchange with a PKCE (S256) check, refresh with rotation, revoke; teams, users, product
// pools and assignments with converging creates, limit/cursor/hasMore paging, Problem Details errors, the
// 60-calls-per-UTC-minute window per team with X-RateLimit-* headers and 429 + Retry-After, and `timeScale` so a bench
// can run an hour of Autodesk time in a minute. Facts follow ../shared/docs/autodesk-team-admin-api.md; where Autodesk's
// pages were not captured (body field names, X-RateLimit-Reset's unit, a pool with no free seat) the choice is marked
// "unconfirmed" and can be switched by an option so the client is tested against both readings.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAutodeskCall {
  method: string;
  path: string;
  teamId?: string;
  status: number;
  /** Virtual time (ms) the call was answered. */
  at: number;
  /** The e-mail (Add Team User) or user id (Assign Product) the call was about. */
  subject?: string;
  /** Access token used (to check who authorised it). */
  token?: string;
}

export interface FakePool {
  productId: string;
  productName: string;
  totalQuantity: number | null;
  assignedQuantity: number | null;
  unlimited: boolean;
  startDate: string;
  endDate: string;
  /** A known unsupported pool: assignments answer 422 (the pool is still listed so the client can be tested). */
  unsupported?: boolean;
}

export interface FakeUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: 'USER' | 'EXTERNAL_USER' | 'PRIMARY_ADMIN';
  status: 'PENDING' | 'ACTIVE';
}

export interface FakeAssignment {
  userId: string;
  email: string;
  teamId: string;
  productId: string;
  assignmentType: 'DIRECT' | 'GROUP';
}

export interface FakeAutodeskOptions {
  clientId?: string;
  clientSecret?: string;
  /** Calls per UTC minute per team (Autodesk: 60). */
  limitPerMinute?: number;
  /** Virtual ms per real ms: 60 runs an Autodesk minute in one real second. */
  timeScale?: number;
  /** Virtual time at start (ms since epoch); default now. */
  startAt?: number;
  /** Unconfirmed unit of X-RateLimit-Reset: epoch seconds of the window's end, or seconds until it. */
  resetFormat?: 'epoch-seconds' | 'delta-seconds';
  /** Unconfirmed Add Team User field names: `firstName`/`lastName` (default) or `name`. */
  nameFields?: 'first-last' | 'name';
  /** Access-token lifetime (virtual seconds, Autodesk: 3599). */
  accessTokenSeconds?: number;
  /** Refresh-token lifetime (virtual seconds, Autodesk: 15 days). */
  refreshTokenSeconds?: number;
}

export interface FakeAutodesk {
  /** Base of both APIs, as AUTODESK_API_URL: `http://127.0.0.1:<port>/`. */
  url: string;
  clientId: string;
  clientSecret: string;
  calls: FakeAutodeskCall[];
  /** 429s answered so far. */
  rejected429: number;
  /** Virtual now (ms). */
  now(): number;
  /** Sleep `ms` of virtual time. */
  sleep(ms: number): Promise<void>;
  addTeam(id: string, name: string, admins: string[]): void;
  addPool(teamId: string, pool: Omit<FakePool, 'startDate' | 'endDate'> & Partial<FakePool>): void;
  addUser(teamId: string, email: string, status?: FakeUser['status']): FakeUser;
  users(teamId: string): FakeUser[];
  assignments(teamId: string): FakeAssignment[];
  pools(teamId: string): FakePool[];
  /** The Autodesk user who signs in at the authorize page (default `admin-1`); `deny` makes them refuse consent. */
  signInAs(userId: string | 'deny'): void;
  /** Drops the user's admin role on the team: their calls answer 403 from now on, token or not. */
  demote(teamId: string, userId: string): void;
  /**
   * The next `count` team calls (of `method` only, when given) answer `status` with this Problem Details title (and
   * Retry-After for 429/503).
   */
  fail(count: number, status: number, title: string, type?: string, method?: 'GET' | 'POST'): void;
  /** Other apps eat `n` calls of the current window of a team (the allowance is shared). */
  consume(teamId: string, n: number): void;
  /** The invited person accepted: their status becomes ACTIVE. */
  activate(teamId: string, email: string): void;
  /** Other apps leave only `n` calls of the current window of a team. */
  leaveInWindow(teamId: string, n: number): void;
  /** Every refresh token stops working (the admin removed the app's access in Autodesk). */
  revokeAllRefreshTokens(): void;
  /** Refresh tokens issued and not yet used or revoked. */
  liveRefreshTokens(): number;
  revoked: string[];
  close(): Promise<void>;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  scope: string;
  challenge?: string;
  userId: string;
  expiresAt: number;
}

interface Token {
  userId: string;
  scope: string;
  expiresAt: number;
}

const PROBLEM = 'https://developer.api.autodesk.com/problems/';

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function problem(
  res: ServerResponse,
  status: number,
  type: string,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): void {
  res
    .writeHead(status, { 'content-type': 'application/problem+json', ...headers })
    .end(JSON.stringify({ type: `${PROBLEM}${type}`, title, status, detail, requestId: randomUUID(), ...extra }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export async function startFakeAutodesk(options: FakeAutodeskOptions = {}): Promise<FakeAutodesk> {
  const clientId = options.clientId ?? 'aps-client-id';
  const clientSecret = options.clientSecret ?? 'aps-client-secret';
  const limit = options.limitPerMinute ?? 60;
  const scale = options.timeScale ?? 1;
  const realStart = Date.now();
  const virtualStart = options.startAt ?? realStart;
  const now = () => virtualStart + (Date.now() - realStart) * scale;
  const accessSeconds = options.accessTokenSeconds ?? 3599;
  const refreshSeconds = options.refreshTokenSeconds ?? 15 * 24 * 3600;

  const teams = new Map<string, { name: string; admins: Set<string> }>();
  const users = new Map<string, FakeUser[]>();
  const pools = new Map<string, FakePool[]>();
  const assignments = new Map<string, FakeAssignment[]>();
  const grants = new Map<string, Grant>();
  const access = new Map<string, Token>();
  const refresh = new Map<string, Token>();
  const windows = new Map<string, { minute: number; used: number }>();
  let failures: { status: number; title: string; type: string; method?: string }[] = [];
  let signedIn: string = 'admin-1';
  let userSeq = 0;

  const minuteOf = (t: number) => Math.floor(t / 60_000);
  function windowOf(teamId: string) {
    const minute = minuteOf(now());
    let w = windows.get(teamId);
    if (!w || w.minute !== minute) windows.set(teamId, (w = { minute, used: 0 }));
    return w;
  }

  const fake: FakeAutodesk = {
    url: '',
    clientId,
    clientSecret,
    calls: [],
    rejected429: 0,
    revoked: [],
    now,
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms / scale))),
    addTeam(id, name, admins) {
      teams.set(id, { name, admins: new Set(admins) });
      users.set(id, []);
      pools.set(id, []);
      assignments.set(id, []);
    },
    addPool(teamId, pool) {
      pools.get(teamId)?.push({ startDate: '2026-01-01T00:00:00.000Z', endDate: '2030-01-01T00:00:00.000Z', ...pool });
    },
    addUser(teamId, email, status = 'ACTIVE') {
      const [first = 'First', last = 'Last'] = email.split('@')[0]?.split('.') ?? [];
      const u: FakeUser = { id: `US${++userSeq}`, email, firstName: first, lastName: last, role: 'USER', status };
      users.get(teamId)?.push(u);
      return u;
    },
    users: (teamId) => [...(users.get(teamId) ?? [])],
    assignments: (teamId) => [...(assignments.get(teamId) ?? [])],
    pools: (teamId) => [...(pools.get(teamId) ?? [])],
    signInAs(userId) {
      signedIn = userId;
    },
    demote(teamId, userId) {
      teams.get(teamId)?.admins.delete(userId);
    },
    fail(count, status, title, type = 'fault', method) {
      failures = [
        ...failures,
        ...Array.from({ length: count }, () => ({ status, title, type, ...(method ? { method } : {}) })),
      ];
    },
    consume(teamId, n) {
      windowOf(teamId).used += n;
    },
    activate(teamId, email) {
      const u = users.get(teamId)?.find((x) => x.email === email);
      if (u) u.status = 'ACTIVE';
    },
    leaveInWindow(teamId, n) {
      windowOf(teamId).used = limit - n;
    },
    liveRefreshTokens: () => refresh.size,
    revokeAllRefreshTokens: () => refresh.clear(),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  function basicClient(req: IncomingMessage): boolean {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Basic ')) return false;
    return Buffer.from(auth.slice(6), 'base64').toString('utf8') === `${clientId}:${clientSecret}`;
  }

  function issue(userId: string, scope: string) {
    const a = randomBytes(24).toString('base64url');
    const r = randomBytes(24).toString('base64url');
    access.set(a, { userId, scope, expiresAt: now() + accessSeconds * 1000 });
    refresh.set(r, { userId, scope, expiresAt: now() + refreshSeconds * 1000 });
    return {
      access_token: a,
      token_type: 'Bearer',
      expires_in: accessSeconds,
      expires_at: Math.floor(now() / 1000) + accessSeconds,
      refresh_token: r,
    };
  }

  function authorize(res: ServerResponse, q: URLSearchParams): void {
    const redirect = q.get('redirect_uri');
    if (q.get('client_id') !== clientId || !redirect || q.get('response_type') !== 'code')
      return send(res, 400, { error: 'invalid_request', error_description: 'client_id, redirect_uri, response_type' });
    const target = new URL(redirect);
    const state = q.get('state');
    if (state !== null) target.searchParams.set('state', state);
    if (signedIn === 'deny') {
      target.searchParams.set('error', 'access_denied');
      return send(res, 302, undefined, { location: target.href });
    }
    const method = q.get('code_challenge_method');
    if (q.get('code_challenge') && method !== 'S256')
      return send(res, 400, { error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    const code = randomBytes(16).toString('base64url');
    grants.set(code, {
      clientId,
      redirectUri: redirect,
      scope: q.get('scope') ?? '',
      ...(q.get('code_challenge') ? { challenge: q.get('code_challenge') ?? '' } : {}),
      userId: signedIn,
      expiresAt: now() + 5 * 60_000,
    });
    target.searchParams.set('code', code);
    send(res, 302, undefined, { location: target.href });
  }

  function token(req: IncomingMessage, res: ServerResponse, body: string): void {
    if (!basicClient(req))
      return send(res, 401, { error: 'invalid_client', error_description: 'The client credentials are invalid.' });
    const form = new URLSearchParams(body);
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const grant = grants.get(code);
      grants.delete(code);
      if (!grant || grant.expiresAt < now() || grant.redirectUri !== form.get('redirect_uri'))
        return send(res, 400, { error: 'invalid_grant', error_description: 'The authorization code is invalid.' });
      if (grant.challenge !== undefined) {
        const verifier = form.get('code_verifier') ?? '';
        if (verifier.length < 43 || verifier.length > 128 || s256(verifier) !== grant.challenge)
          return send(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed.' });
      }
      return send(res, 200, issue(grant.userId, grant.scope));
    }
    if (grantType === 'refresh_token') {
      const old = form.get('refresh_token') ?? '';
      const t = refresh.get(old);
      refresh.delete(old); // rotation: a refresh token works once
      if (!t || t.expiresAt < now())
        return send(res, 400, {
          error: 'invalid_grant',
          error_description: 'The refresh token is invalid or expired.',
        });
      return send(res, 200, issue(t.userId, t.scope));
    }
    send(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type' });
  }

  function revoke(req: IncomingMessage, res: ServerResponse, body: string): void {
    if (!basicClient(req)) return send(res, 401, { error: 'invalid_client' });
    const form = new URLSearchParams(body);
    const t = form.get('token');
    const hint = form.get('token_type_hint');
    if (!t || (hint !== 'access_token' && hint !== 'refresh_token'))
      return send(res, 400, { error: 'invalid_request' });
    (hint === 'access_token' ? access : refresh).delete(t);
    fake.revoked.push(hint);
    send(res, 200);
  }

  function page<T>(res: ServerResponse, items: T[], q: URLSearchParams, headers: Record<string, string>): void {
    const raw = q.get('limit');
    const size = raw === null ? 50 : Number(raw);
    if (!Number.isInteger(size) || size < 1 || size > 100)
      return problem(
        res,
        400,
        'invalid-request',
        'Invalid request',
        'The request could not be processed as submitted.',
        headers,
        {
          errors: [{ field: 'limit', title: 'Invalid value', detail: 'limit must be an integer between 1 and 100.' }],
        },
      );
    const cursor = q.get('cursor');
    const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0)
      return problem(res, 400, 'invalid-request', 'Invalid request', 'cursor is not valid.', headers);
    const slice = items.slice(start, start + size);
    const hasMore = start + size < items.length;
    send(
      res,
      200,
      {
        data: slice,
        pagination: { cursor: hasMore ? Buffer.from(String(start + size)).toString('base64url') : null, hasMore },
      },
      headers,
    );
  }

  function teamCall(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    q: URLSearchParams,
    body: string,
    record: (c: Partial<FakeAutodeskCall>) => void,
  ): void {
    const auth = req.headers.authorization ?? '';
    const tok = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const t = access.get(tok);
    if (!t || t.expiresAt < now()) {
      record({ status: 401 });
      return send(res, 401, { developerMessage: 'The token is not valid.', errorCode: 'AUTH-001' });
    }
    record({ token: tok });
    if (path === 'teams') {
      const mine = [...teams]
        .filter(([, team]) => team.admins.has(t.userId))
        .map(([id, team]) => ({ id, name: team.name }));
      const filter = q.get('teamId');
      record({ status: 200 });
      return page(res, filter ? mine.filter((x) => x.id === filter) : mine, q, {});
    }
    const m = /^teams\/([^/]+)\/(users|product-pools|assignments)(?:\/([^/]+))?$/.exec(path);
    if (!m?.[1] || !m[2]) {
      record({ status: 404 });
      return problem(res, 404, 'not-found', 'Not found', 'No such operation.');
    }
    const teamId = decodeURIComponent(m[1]);
    record({ teamId });
    // The window first: a refused call is not counted, as Autodesk does not say it is.
    const w = windowOf(teamId);
    const resetAt = (w.minute + 1) * 60;
    const resetHeader =
      options.resetFormat === 'delta-seconds'
        ? String(Math.max(1, Math.ceil(resetAt - now() / 1000)))
        : String(resetAt);
    if (w.used >= limit) {
      fake.rejected429++;
      record({ status: 429 });
      return problem(res, 429, 'rate-limit-exceeded', 'Too many requests', 'The team has used its allowance.', {
        'retry-after': String(Math.max(1, Math.ceil(resetAt - now() / 1000))),
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': resetHeader,
      });
    }
    w.used++;
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(limit - w.used),
      'x-ratelimit-reset': resetHeader,
      'x-request-id': randomUUID(),
    };
    const team = teams.get(teamId);
    if (!team || !team.admins.has(t.userId)) {
      record({ status: 403 });
      return problem(res, 403, 'forbidden', 'Forbidden', 'You do not have permission to access this team.', headers);
    }
    const at = failures.findIndex((x) => !x.method || x.method === req.method);
    const failure = at >= 0 ? failures.splice(at, 1)[0] : undefined;
    if (failure) {
      record({ status: failure.status });
      const extra: Record<string, string> =
        failure.status === 429 || failure.status === 503 ? { 'retry-after': '2' } : {};
      return problem(res, failure.status, failure.type, failure.title, 'Injected by the fake.', {
        ...headers,
        ...extra,
      });
    }
    const teamUsers = users.get(teamId) ?? [];
    const teamPools = pools.get(teamId) ?? [];
    const teamAssignments = assignments.get(teamId) ?? [];
    const [kind, id] = [m[2], m[3] ? decodeURIComponent(m[3]) : undefined];

    if (kind === 'users' && req.method === 'GET' && id) {
      const u = teamUsers.find((x) => x.id === id);
      record({ status: u ? 200 : 404 });
      return u ? send(res, 200, u, headers) : problem(res, 404, 'not-found', 'Not found', 'User not found.', headers);
    }
    if (kind === 'users' && req.method === 'GET') {
      const email = q.get('email');
      record({ status: 200 });
      return page(res, email ? teamUsers.filter((u) => u.email === email) : teamUsers, q, headers);
    }
    if (kind === 'users' && req.method === 'POST') {
      let b: Record<string, unknown>;
      try {
        b = JSON.parse(body) as Record<string, unknown>;
      } catch {
        b = {};
      }
      const email = typeof b.email === 'string' ? b.email.trim().toLowerCase() : '';
      record({ subject: email });
      const named =
        options.nameFields === 'name'
          ? typeof b.name === 'string' && b.name.length > 0
          : typeof b.firstName === 'string' && typeof b.lastName === 'string' && b.firstName && b.lastName;
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || !named) {
        record({ status: 400 });
        return problem(res, 400, 'invalid-request', 'Invalid request', 'email and name are required.', headers);
      }
      const existing = teamUsers.find((u) => u.email === email);
      if (existing) {
        record({ status: 200 });
        return send(res, 200, existing, headers);
      }
      const [firstName, lastName] =
        options.nameFields === 'name'
          ? [String(b.name).split(' ')[0] ?? '', String(b.name).split(' ').slice(1).join(' ')]
          : [String(b.firstName), String(b.lastName)];
      const u: FakeUser = { id: `US${++userSeq}`, email, firstName, lastName, role: 'USER', status: 'PENDING' };
      teamUsers.push(u);
      record({ status: 201 });
      return send(res, 201, u, headers);
    }
    if (kind === 'product-pools' && req.method === 'GET') {
      record({ status: 200 });
      return page(
        res,
        teamPools.map(({ unsupported: _, ...p }) => ({ ...p, teamId })),
        q,
        headers,
      );
    }
    if (kind === 'assignments' && req.method === 'GET') {
      const userId = q.get('userId');
      const productId = q.get('productId');
      record({ status: 200 });
      return send(
        res,
        200,
        {
          data: teamAssignments.filter(
            (a) => (!userId || a.userId === userId) && (!productId || a.productId === productId),
          ),
        },
        headers,
      );
    }
    if (kind === 'assignments' && (req.method === 'POST' || req.method === 'DELETE')) {
      let userId: string | null;
      let productId: string | null;
      if (req.method === 'POST') {
        let b: Record<string, unknown> = {};
        try {
          b = JSON.parse(body) as Record<string, unknown>;
        } catch {
          /* empty body */
        }
        userId = typeof b.userId === 'string' ? b.userId : null;
        productId = typeof b.productId === 'string' ? b.productId : null;
      } else {
        userId = q.get('userId');
        productId = q.get('productId');
      }
      record({ subject: userId ?? '' });
      const pool = teamPools.find((p) => p.productId === productId);
      const user = teamUsers.find((u) => u.id === userId);
      if (!pool || !user) {
        record({ status: 404 });
        return problem(res, 404, 'not-found', 'Not found', 'Unknown user or product.', headers);
      }
      if (pool.unsupported) {
        record({ status: 422 });
        return problem(
          res,
          422,
          'unsupported-product-pool',
          'Unsupported product pool',
          'This pool cannot be managed.',
          headers,
        );
      }
      const i = teamAssignments.findIndex((a) => a.userId === user.id && a.productId === pool.productId);
      if (req.method === 'DELETE') {
        if (i < 0) {
          record({ status: 404 });
          return problem(res, 404, 'not-found', 'Not found', 'No assignment.', headers);
        }
        teamAssignments.splice(i, 1);
        if (!pool.unlimited && pool.assignedQuantity !== null) pool.assignedQuantity--;
        record({ status: 204 });
        return send(res, 204, undefined, headers);
      }
      if (i >= 0) {
        record({ status: 200 });
        return send(res, 200, { ...teamAssignments[i], reassignmentQuotaNearingLimit: false }, headers);
      }
      // Unconfirmed: what Autodesk answers when the pool has no free seat. The fake answers 422 `no-seats-available`.
      if (!pool.unlimited && pool.totalQuantity !== null && (pool.assignedQuantity ?? 0) >= pool.totalQuantity) {
        record({ status: 422 });
        return problem(
          res,
          422,
          'no-seats-available',
          'No seats available',
          'The product pool has no free seat.',
          headers,
        );
      }
      const a: FakeAssignment = {
        userId: user.id,
        email: user.email,
        teamId,
        productId: pool.productId,
        assignmentType: 'DIRECT',
      };
      teamAssignments.push(a);
      if (!pool.unlimited) pool.assignedQuantity = (pool.assignedQuantity ?? 0) + 1;
      record({ status: 201 });
      return send(res, 201, { ...a, reassignmentQuotaNearingLimit: false }, headers);
    }
    record({ status: 405 });
    problem(res, 405, 'method-not-allowed', 'Method not allowed', 'Not supported.', headers);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(req);
      const path = url.pathname;
      if (req.method === 'GET' && path === '/authentication/v2/authorize') return authorize(res, url.searchParams);
      if (req.method === 'POST' && path === '/authentication/v2/token') return token(req, res, body);
      if (req.method === 'POST' && path === '/authentication/v2/revoke') return revoke(req, res, body);
      if (path.startsWith('/team-admin/v1/')) {
        const call: FakeAutodeskCall = { method: req.method ?? 'GET', path: path.slice(15), status: 0, at: now() };
        fake.calls.push(call);
        return teamCall(req, res, path.slice(15), url.searchParams, body, (c) => Object.assign(call, c));
      }
      send(res, 404, { error: 'not found' });
    })().catch(() => send(res, 500, { error: 'fake failed' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return fake;
}
