// A fake Entra ID token endpoint and Microsoft Graph on 127.0.0.1: users, groups, members/$ref, with Graph's real
// error bodies, throttling with Retry-After on demand, and a log of every call.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGraphCall {
  method: string;
  path: string;
  query: string;
  body: string;
  authorization?: string;
}

export interface FakeGraphOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  tokenLifetimeSec?: number;
  /** Status for a successful member add: Graph answers 204; 201 is accepted too. */
  addStatus?: 201 | 204;
  /** Delay before every Graph answer, so concurrency can be observed. */
  latencyMs?: number;
}

export interface FakeGraph {
  graphUrl: string;
  loginUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  calls: FakeGraphCall[];
  tokensIssued: number;
  /** Most Graph requests seen in flight at once. */
  maxInFlight: number;
  /** Adds a user findable by UPN (and by mail when given); returns the object id. */
  addUser(upn: string, mail?: string): string;
  addGroup(id: string): void;
  members(groupId: string): string[];
  /** The next `count` Graph requests answer `status` with this Retry-After (omit for none). */
  throttle(count: number, retryAfter?: string, status?: 429 | 503 | 504): void;
  /** Member adds to this group answer 403 Authorization_RequestDenied. */
  forbid(groupId: string): void;
  /** Every token issued so far stops working (401 on Graph). */
  revokeTokens(): void;
  close(): Promise<void>;
}

const innerError = () => ({
  date: new Date().toISOString().slice(0, 19),
  'request-id': randomUUID(),
  'client-request-id': randomUUID(),
});
const graphError = (code: string, message: string) => ({ error: { code, message, innerError: innerError() } });

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res
    .writeHead(status, { 'content-type': 'application/json; odata.metadata=minimal', ...headers })
    .end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeGraph(options: FakeGraphOptions = {}): Promise<FakeGraph> {
  const tenantId = options.tenantId ?? 'contoso-tenant';
  const clientId = options.clientId ?? 'numbot-app';
  const clientSecret = options.clientSecret ?? 'fake-secret-value';
  const users = new Map<string, string>();
  const userIds = new Set<string>();
  const mails = new Map<string, string>();
  const groups = new Map<string, Set<string>>();
  const forbidden = new Set<string>();
  const validTokens = new Set<string>();
  let throttles: { retryAfter?: string; status: number }[] = [];
  let inFlight = 0;

  const fake: FakeGraph = {
    graphUrl: '',
    loginUrl: '',
    tenantId,
    clientId,
    clientSecret,
    calls: [],
    tokensIssued: 0,
    maxInFlight: 0,
    addUser(upn, mail) {
      const id = randomUUID();
      users.set(upn.toLowerCase(), id);
      userIds.add(id);
      if (mail) mails.set(mail.toLowerCase(), id);
      return id;
    },
    addGroup(id) {
      groups.set(id, new Set());
    },
    members(groupId) {
      return [...(groups.get(groupId) ?? [])];
    },
    throttle(count, retryAfter, status = 429) {
      throttles = [...throttles, ...Array.from({ length: count }, () => ({ retryAfter, status }))];
    },
    forbid(groupId) {
      forbidden.add(groupId);
    },
    revokeTokens() {
      validTokens.clear();
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  async function token(req: IncomingMessage, res: ServerResponse, tenant: string, body: string): Promise<void> {
    const form = new URLSearchParams(body);
    if (
      req.headers['content-type'] !== 'application/x-www-form-urlencoded' ||
      form.get('grant_type') !== 'client_credentials'
    )
      return send(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'AADSTS70003: The app requested an unsupported grant type.',
        error_codes: [70003],
      });
    if (tenant !== tenantId)
      return send(res, 400, {
        error: 'invalid_request',
        error_description: `AADSTS90002: Tenant '${tenant}' not found.`,
        error_codes: [90002],
      });
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret)
      return send(res, 401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
        error_codes: [7000215],
      });
    if (form.get('scope') !== 'https://graph.microsoft.com/.default')
      return send(res, 400, {
        error: 'invalid_scope',
        error_description: 'AADSTS1002012: The provided value for scope is not valid.',
        error_codes: [1002012],
      });
    const access = `eyJ0eXAiOiJKV1Qi.${randomUUID()}`;
    validTokens.add(access);
    fake.tokensIssued++;
    send(res, 200, {
      token_type: 'Bearer',
      expires_in: options.tokenLifetimeSec ?? 3599,
      ext_expires_in: 3599,
      access_token: access,
    });
  }

  function graph(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, body: string): void {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !validTokens.has(auth.slice(7)))
      return send(
        res,
        401,
        graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'),
      );
    const throttled = throttles.shift();
    if (throttled)
      return send(
        res,
        throttled.status,
        graphError('TooManyRequests', 'Too many requests.'),
        throttled.retryAfter ? { 'retry-after': throttled.retryAfter } : {},
      );

    const user = /^users\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && user?.[1]) {
      const key = decodeURIComponent(user[1]).toLowerCase();
      const id = users.get(key) ?? (userIds.has(key) ? key : undefined);
      if (!id)
        return send(
          res,
          404,
          graphError(
            'Request_ResourceNotFound',
            `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
          ),
        );
      return send(res, 200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(id)/$entity', id });
    }
    if (req.method === 'GET' && path === 'users') {
      const m = /^mail eq '((?:[^']|'')*)'$/.exec(query.get('$filter') ?? '');
      if (!m?.[1]) return send(res, 400, graphError('Request_UnsupportedQuery', 'Unsupported Query.'));
      const id = mails.get(m[1].replaceAll("''", "'").toLowerCase());
      return send(res, 200, {
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(id)',
        value: id ? [{ id }] : [],
      });
    }
    const ref = /^groups\/([^/]+)\/members\/\$ref$/.exec(path);
    if (req.method === 'POST' && ref?.[1]) {
      const groupId = decodeURIComponent(ref[1]);
      const members = groups.get(groupId);
      if (!members)
        return send(
          res,
          404,
          graphError(
            'Request_ResourceNotFound',
            `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`,
          ),
        );
      if (forbidden.has(groupId))
        return send(
          res,
          403,
          graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
        );
      let odataId: unknown;
      try {
        odataId = (JSON.parse(body) as Record<string, unknown>)['@odata.id'];
      } catch {
        return send(res, 400, graphError('BadRequest', 'Unable to read JSON request payload.'));
      }
      const member = typeof odataId === 'string' ? /\/directoryObjects\/([^/]+)$/.exec(odataId)?.[1] : undefined;
      if (!member) return send(res, 400, graphError('Request_BadRequest', 'Invalid object identifier.'));
      if (!userIds.has(member))
        return send(
          res,
          404,
          graphError(
            'Request_ResourceNotFound',
            `Resource '${member}' does not exist or one of its queried reference-property objects are not present.`,
          ),
        );
      if (members.has(member))
        return send(
          res,
          400,
          graphError(
            'Request_BadRequest',
            "One or more added object references already exist for the following modified properties: 'members'.",
          ),
        );
      members.add(member);
      return send(res, options.addStatus ?? 204);
    }
    send(res, 404, graphError('UnknownError', `No fake for ${req.method} ${path}`));
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(req);
      fake.calls.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.search,
        body,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
      if (req.method === 'POST' && tokenPath?.[1]) return token(req, res, decodeURIComponent(tokenPath[1]), body);
      if (!url.pathname.startsWith('/v1.0/')) return send(res, 404, graphError('UnknownError', 'not found'));
      inFlight++;
      fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      try {
        graph(req, res, url.pathname.slice('/v1.0/'.length), url.searchParams, body);
      } finally {
        inFlight--;
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.graphUrl = `http://127.0.0.1:${port}/v1.0/`;
  fake.loginUrl = `http://127.0.0.1:${port}/`;
  return fake;
}
