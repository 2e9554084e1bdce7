// A fake Slack Web API: a real HTTP server on 127.0.0.1 that speaks the methods numbot uses, checks the bearer
// token, enforces Slack's rate limits with 429 + Retry-After, returns Slack's `{ok:false, error}` shapes, and
// records everything. The Slack channel tests and the delivery benchmark both run against it. Socket Mode
// (apps.connections.open with the app token, then a WebSocket) is served on the same port (slack-socket-mode.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { SlackMember } from './slack-directory.ts';
import { bearer, parseParams, readBody, redactToken, send, uploadedBytes, type Params } from './slack-http.ts';
import { RateLimiter, type RateLimit } from './slack-rate-limits.ts';
import { SocketModeServer, type FakeSocketMode } from './slack-socket-mode.ts';
import { FakeWorkspace, type StoredMessage, type UploadedFile } from './slack-workspace.ts';

export type { SlackMember } from './slack-directory.ts';
export type { RateLimit } from './slack-rate-limits.ts';
export type { EnvelopeType, FakeSocketMode, SocketAck } from './slack-socket-mode.ts';
export type { StoredMessage, UploadedFile } from './slack-workspace.ts';

export interface FakeSlackOptions {
  /** The bot token requests must carry (default `xoxb-fake`). */
  token?: string;
  /** The app-level token apps.connections.open must carry (default `xapp-fake`). */
  appToken?: string;
  /** The workspace directory served by users.list / users.info. */
  members?: SlackMember[];
  /** Methods that answer `unknown_method`, as if this Slack did not have them. */
  disabledMethods?: string[];
  /** Workspace-wide chat.postMessage limit per minute (none by default). */
  postsPerMinute?: number;
  /** Delay before every answer. */
  latencyMs?: number;
  /** The clock rate limits use (default Date.now). */
  now?: () => number;
}

/** A fault the fake answers the next matching call(s) with. */
export type SlackFault = { method?: string; times?: number } & (
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'error'; error: string }
  | { kind: 'http'; status: number }
  | { kind: 'timeout' }
);

export interface RecordedCall {
  method: string;
  params: Params;
  at: number;
  /** 200, 429 or the injected HTTP status; 0 when the fake never answered. */
  status: number;
  /** The `error` of an `{ok:false}` answer. */
  error?: string;
}

export interface FakeSlackStats {
  requests: number;
  throttled: number;
  byMethod: Record<string, { calls: number; throttled: number; errors: number }>;
  /** Successful chat.postMessage calls per channel. */
  delivered: Record<string, number>;
}

export interface FakeSlackApi {
  /** The Web API base URL (SLACK_API_URL), ending in `/api/`. */
  url: string;
  origin: string;
  token: string;
  appToken: string;
  /** The Socket Mode side: connections, envelopes pushed to the app, its acks. */
  socketMode: FakeSocketMode;
  calls(method?: string): RecordedCall[];
  posted(): StoredMessage[];
  updated(): StoredMessage[];
  ephemerals(): StoredMessage[];
  views(): { published: Params[]; opened: Params[] };
  uploads(): UploadedFile[];
  /** Bodies POSTed to response URLs, by response id. */
  responses(id?: string): { id: string; body: Params }[];
  /** A response_url for an interaction payload. */
  responseUrl(id: string): string;
  /** Stores a file the way Slack does when a user shares one; returns the file object of a file_share event. */
  addFile(file: { name: string; content: string | Buffer; filetype?: string; mimetype?: string }): Params;
  stats(): FakeSlackStats;
  injectFault(fault: SlackFault): void;
  /**
   * While set, apps.connections.open refuses even the right app token with this error (`invalid_auth`,
   * `token_revoked`...), as Slack does once the token is revoked or the app uninstalled; null accepts it again.
   */
  refuseAppToken(error: string | null): void;
  /** Changes a limit: a method name (tier), `chat.postMessage:workspace` or `chat.postMessage:channel`; null removes it. */
  setLimit(name: string, limit: RateLimit | null): void;
  /** Every call by this user id fails with the error (e.g. `cannot_dm_bot`); null clears it. */
  setUserError(userId: string, error: string | null): void;
  setMembers(members: SlackMember[]): void;
  close(): Promise<void>;
}

export async function startFakeSlackApi(opts: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const token = opts.token ?? 'xoxb-fake';
  const appToken = opts.appToken ?? 'xapp-fake';
  const now = opts.now ?? Date.now;
  const disabled = new Set(opts.disabledMethods ?? []);
  const limiter = new RateLimiter(now);
  if (opts.postsPerMinute)
    limiter.set('chat.postMessage:workspace', { perMinute: opts.postsPerMinute, burst: opts.postsPerMinute });
  const ws = new FakeWorkspace(now, limiter, opts.members);
  const calls: RecordedCall[] = [];
  const faults: SlackFault[] = [];
  let appTokenRefusal: string | null = null;
  const responses: { id: string; body: Params }[] = [];
  const stats = { requests: 0, throttled: 0, byMethod: {} as FakeSlackStats['byMethod'] };
  const sockets = new Set<Socket>();
  const socketMode = new SocketModeServer(now);

  function takeFault(method: string): SlackFault | undefined {
    const i = faults.findIndex((f) => f.method === undefined || f.method === method);
    if (i < 0) return undefined;
    const f = faults[i]!;
    if ((f.times ?? 1) <= 1) faults.splice(i, 1);
    else faults[i] = { ...f, times: (f.times ?? 1) - 1 };
    return f;
  }

  async function api(method: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const params = parseParams(req.headers['content-type'], body);
    const call: RecordedCall = { method, params: redactToken(params), at: now(), status: 200 };
    calls.push(call);
    stats.requests++;
    const ms = (stats.byMethod[method] ??= { calls: 0, throttled: 0, errors: 0 });
    ms.calls++;
    const answer = (status: number, payload: Params, headers: Record<string, string> = {}) => {
      call.status = status;
      if (payload.ok === false) {
        call.error = String(payload.error);
        ms.errors++;
      }
      send(res, status, payload, headers);
    };
    const throttle = (seconds: number) => {
      stats.throttled++;
      ms.throttled++;
      answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(seconds) });
    };

    const auth = bearer(req.headers.authorization) ?? (typeof params.token === 'string' ? params.token : undefined);
    if (!auth) return answer(200, { ok: false, error: 'not_authed' });
    // apps.connections.open takes the app-level token and nothing else does, as on Slack.
    const expected = method === 'apps.connections.open' ? appToken : token;
    if (auth !== expected)
      return answer(200, {
        ok: false,
        error: auth === token || auth === appToken ? 'not_allowed_token_type' : 'invalid_auth',
      });
    if (method === 'apps.connections.open' && appTokenRefusal)
      return answer(200, { ok: false, error: appTokenRefusal });
    const handler = method === 'apps.connections.open' ? () => socketMode.issueUrl(ws.origin) : ws.methods[method];
    if (!handler || disabled.has(method)) return answer(200, { ok: false, error: 'unknown_method' });

    const fault = takeFault(method);
    if (fault?.kind === 'timeout') {
      call.status = 0;
      return;
    }
    if (fault?.kind === 'http') return answer(fault.status, { ok: false, error: 'fake_http_error' });
    if (fault?.kind === 'error') return answer(200, { ok: false, error: fault.error });
    const limited = fault?.kind === 'rate_limit' ? fault.retryAfterSeconds : limiter.check(method);
    if (limited !== undefined) return throttle(limited);

    const out = handler(params);
    if ('retryAfter' in out) return throttle(out.retryAfter as number);
    if ('error' in out) return answer(200, { ok: false, error: out.error });
    answer(200, { ok: true, ...out });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    const [root, id] = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean);
    if (req.method === 'POST' && root === 'api' && id) return api(id, req, body, res);
    if (req.method === 'POST' && root === 'upload' && id) {
      const pending = ws.pendingUploads.get(id);
      if (!pending || bearer(req.headers.authorization) !== token) return send(res, 404, { ok: false });
      pending.content = await uploadedBytes(req.headers['content-type'], body);
      return send(res, 200, {}, {}, `OK - ${pending.content.length}`);
    }
    if (req.method === 'GET' && root === 'files' && id) {
      const f = ws.files.get(id);
      // Slack answers a missing or wrong token with a redirect to its login page.
      if (bearer(req.headers.authorization) !== token) return send(res, 302, {}, { location: `${ws.origin}/login` });
      if (!f) return send(res, 404, { ok: false });
      res.writeHead(200, {
        'content-type': String(f.meta.mimetype ?? 'application/octet-stream'),
        'content-length': f.content.length,
      });
      res.end(f.content);
      return;
    }
    if (req.method === 'POST' && root === 'response' && id) {
      responses.push({ id: decodeURIComponent(id), body: parseParams(req.headers['content-type'], body) });
      return send(res, 200, { ok: true });
    }
    send(res, 404, { ok: false, error: 'not_found' });
  }

  const server = createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: 'fake_crashed' });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => socketMode.upgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  ws.origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

  return {
    url: `${ws.origin}/api/`,
    origin: ws.origin,
    token,
    appToken,
    socketMode,
    calls: (method) => (method ? calls.filter((c) => c.method === method) : [...calls]),
    posted: () => [...ws.posted],
    updated: () => [...ws.updated],
    ephemerals: () => [...ws.ephemerals],
    views: () => ({ published: [...ws.published], opened: [...ws.opened] }),
    uploads: () => [...ws.uploads],
    responses: (id) => responses.filter((r) => id === undefined || r.id === id),
    responseUrl: (id) => `${ws.origin}/response/${encodeURIComponent(id)}`,
    addFile: (file) => ws.addFile(file),
    stats: () => structuredClone({ ...stats, delivered: ws.delivered }),
    injectFault: (fault) => void faults.push(fault),
    refuseAppToken: (error) => void (appTokenRefusal = error),
    setLimit: (name, limit) => limiter.set(name, limit),
    setUserError: (userId, error) => void (error ? ws.userErrors.set(userId, error) : ws.userErrors.delete(userId)),
    setMembers: (members) => ws.setMembers(members),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await socketMode.close();
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
