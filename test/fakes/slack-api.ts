// A fake Slack Web API: a real HTTP server on 127.0.0.1 that speaks the methods numbot uses, checks the bearer
// token, enforces Slack's rate limits with 429 + Retry-After, returns Slack's `{ok:false, error}` shapes, and
// records everything. The Slack channel tests and the delivery benchmark both run against it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { checkMessage } from './slack-blocks-check.ts';
import { FAKE_TEAM_ID, type SlackMember } from './slack-directory.ts';
import { RateLimiter, type RateLimit } from './slack-rate-limits.ts';

export type { SlackMember } from './slack-directory.ts';
export type { RateLimit } from './slack-rate-limits.ts';

type Params = Record<string, unknown>;

export interface FakeSlackOptions {
  /** The bot token requests must carry (default `xoxb-fake`). */
  token?: string;
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

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  params: Params;
}

export interface UploadedFile {
  id: string;
  filename: string;
  title?: string;
  content: Buffer;
  channel?: string;
  initialComment?: string;
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
  /** Changes a limit: a method name (tier), `chat.postMessage:workspace` or `chat.postMessage:channel`; null removes it. */
  setLimit(name: string, limit: RateLimit | null): void;
  /** Every call by this user id fails with the error (e.g. `cannot_dm_bot`); null clears it. */
  setUserError(userId: string, error: string | null): void;
  setMembers(members: SlackMember[]): void;
  close(): Promise<void>;
}

const BOT = { user_id: 'UNUMBOT', bot_id: 'BNUMBOT' };
const dmFor = (userId: string) => `D${userId.slice(1)}`;

export async function startFakeSlackApi(opts: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const token = opts.token ?? 'xoxb-fake';
  const now = opts.now ?? Date.now;
  const disabled = new Set(opts.disabledMethods ?? []);
  const limiter = new RateLimiter(now);
  if (opts.postsPerMinute) limiter.set('chat.postMessage:workspace', { perMinute: opts.postsPerMinute, burst: opts.postsPerMinute });
  let members = opts.members ?? [];
  let byId = new Map(members.map((m) => [m.id, m]));
  const userErrors = new Map<string, string>();
  const calls: RecordedCall[] = [];
  const faults: SlackFault[] = [];
  const messages = new Map<string, StoredMessage[]>();
  const posted: StoredMessage[] = [];
  const updated: StoredMessage[] = [];
  const ephemerals: StoredMessage[] = [];
  const published: Params[] = [];
  const opened: Params[] = [];
  const files = new Map<string, { meta: Params; content: Buffer }>();
  const pendingUploads = new Map<string, { filename: string; length: number; content?: Buffer }>();
  const uploads: UploadedFile[] = [];
  const responses: { id: string; body: Params }[] = [];
  const stats: FakeSlackStats = { requests: 0, throttled: 0, byMethod: {}, delivered: {} };
  const sockets = new Set<Socket>();
  let seq = 0;
  let origin = '';

  const nextTs = () => `${Math.floor(now() / 1000)}.${String(++seq).padStart(6, '0')}`;
  const nextId = (prefix: string) => `${prefix}${String(++seq).padStart(8, '0')}`;
  const methodStats = (m: string) => (stats.byMethod[m] ??= { calls: 0, throttled: 0, errors: 0 });

  /** A channel id for a `channel` argument: a user id opens (or finds) the app's DM with that user. */
  function resolveChannel(channel: unknown): { channel: string } | { error: string } {
    if (typeof channel !== 'string' || channel === '') return { error: 'channel_not_found' };
    if (channel.startsWith('U') || channel.startsWith('W')) return userChannel(channel);
    if (channel.startsWith('D')) return byId.has(`U${channel.slice(1)}`) ? userChannel(`U${channel.slice(1)}`) : { error: 'channel_not_found' };
    if (/^[CG][A-Z0-9]+$/.test(channel)) return { channel };
    return { error: 'channel_not_found' };
  }

  function userChannel(userId: string): { channel: string } | { error: string } {
    const m = byId.get(userId);
    if (!m) return { error: 'user_not_found' };
    const forced = userErrors.get(userId);
    if (forced) return { error: forced };
    if (m.deleted) return { error: 'user_disabled' };
    if (m.is_bot) return { error: 'cannot_dm_bot' };
    return { channel: dmFor(userId) };
  }

  const blocksOf = (p: Params) => (Array.isArray(p.blocks) ? (p.blocks as unknown[]) : undefined);
  const store = (channel: string, ts: string, p: Params): StoredMessage => ({
    channel,
    ts,
    ...(typeof p.text === 'string' ? { text: p.text } : {}),
    ...(blocksOf(p) ? { blocks: blocksOf(p) } : {}),
    params: p,
  });

  const methods: Record<string, (p: Params) => Params | { error: string } | { status429: number }> = {
    'auth.test': () => ({ ...BOT, team_id: FAKE_TEAM_ID, team: 'Fake', user: 'numbot', url: `${origin}/` }),
    'chat.postMessage': (p) => {
      const r = resolveChannel(p.channel);
      if ('error' in r) return r;
      const bad = checkMessage(p);
      if (bad) return { error: bad };
      const wait = limiter.check('chat.postMessage:channel', r.channel) ?? limiter.check('chat.postMessage:workspace');
      if (wait !== undefined) return { status429: wait };
      const ts = nextTs();
      const msg = store(r.channel, ts, p);
      (messages.get(r.channel) ?? messages.set(r.channel, []).get(r.channel)!).push(msg);
      posted.push(msg);
      stats.delivered[r.channel] = (stats.delivered[r.channel] ?? 0) + 1;
      return { channel: r.channel, ts, message: { ts, text: p.text ?? '' } };
    },
    'chat.update': (p) => {
      const r = resolveChannel(p.channel);
      if ('error' in r) return r;
      const existing = messages.get(r.channel)?.find((m) => m.ts === p.ts);
      if (!existing) return { error: 'message_not_found' };
      const bad = checkMessage(p);
      if (bad) return { error: bad };
      const msg = store(r.channel, existing.ts, p);
      Object.assign(existing, msg);
      updated.push(msg);
      return { channel: r.channel, ts: existing.ts, text: p.text ?? '' };
    },
    'chat.postEphemeral': (p) => {
      const r = resolveChannel(p.channel);
      if ('error' in r) return r;
      if (typeof p.user !== 'string' || !byId.has(p.user)) return { error: 'user_not_in_channel' };
      const bad = checkMessage(p);
      if (bad) return { error: bad };
      const ts = nextTs();
      ephemerals.push(store(r.channel, ts, p));
      return { message_ts: ts };
    },
    'conversations.open': (p) => {
      const users = typeof p.users === 'string' ? p.users.split(',') : [];
      if (users.length !== 1) return { error: users.length === 0 ? 'users_list_not_supplied' : 'not_supported' };
      const r = userChannel(users[0]!);
      return 'error' in r ? r : { channel: { id: r.channel } };
    },
    'users.list': (p) => {
      const limit = Math.min(1000, Math.max(1, Number(p.limit ?? 0) || 1000));
      let offset = 0;
      if (typeof p.cursor === 'string' && p.cursor !== '') {
        const m = /^offset:(\d+)$/.exec(Buffer.from(p.cursor, 'base64').toString('utf8'));
        if (!m) return { error: 'invalid_cursor' };
        offset = Number(m[1]);
      }
      const withLocale = p.include_locale === true || p.include_locale === 'true';
      const page = members.slice(offset, offset + limit).map((m) => (withLocale ? m : withoutLocale(m)));
      const next = offset + limit < members.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
      return { members: page, cache_ts: Math.floor(now() / 1000), response_metadata: { next_cursor: next } };
    },
    'users.info': (p) => {
      const m = typeof p.user === 'string' ? byId.get(p.user) : undefined;
      if (!m) return { error: 'user_not_found' };
      return { user: p.include_locale === true || p.include_locale === 'true' ? m : withoutLocale(m) };
    },
    'views.publish': (p) => {
      if (typeof p.user_id !== 'string' || !byId.has(p.user_id)) return { error: 'user_not_found' };
      const view = p.view as Params | undefined;
      if (!view || view.type !== 'home') return { error: 'invalid_arguments' };
      if (checkMessage({ blocks: view.blocks }, 'view')) return { error: 'invalid_blocks' };
      published.push(p);
      return { view: { id: nextId('V'), ...view } };
    },
    'views.open': (p) => {
      if (typeof p.trigger_id !== 'string' || p.trigger_id === '') return { error: 'invalid_trigger_id' };
      const view = p.view as Params | undefined;
      if (!view || view.type !== 'modal') return { error: 'invalid_arguments' };
      if (checkMessage({ blocks: view.blocks }, 'view')) return { error: 'invalid_blocks' };
      opened.push(p);
      return { view: { id: nextId('V'), ...view } };
    },
    'files.info': (p) => {
      const f = typeof p.file === 'string' ? files.get(p.file) : undefined;
      return f ? { file: f.meta } : { error: 'file_not_found' };
    },
    'files.getUploadURLExternal': (p) => {
      const length = Number(p.length);
      if (typeof p.filename !== 'string' || !Number.isInteger(length) || length <= 0) return { error: 'invalid_arguments' };
      const id = nextId('F');
      pendingUploads.set(id, { filename: p.filename, length });
      return { upload_url: `${origin}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (p) => {
      const list = Array.isArray(p.files) ? (p.files as Params[]) : [];
      if (list.length === 0) return { error: 'invalid_arguments' };
      const out: Params[] = [];
      for (const f of list) {
        const pending = pendingUploads.get(String(f.id));
        if (!pending?.content) return { error: 'file_not_found' };
        pendingUploads.delete(String(f.id));
        uploads.push({
          id: String(f.id),
          filename: pending.filename,
          ...(typeof f.title === 'string' ? { title: f.title } : {}),
          content: pending.content,
          ...(typeof p.channel_id === 'string' ? { channel: p.channel_id } : {}),
          ...(typeof p.initial_comment === 'string' ? { initialComment: p.initial_comment } : {}),
        });
        out.push({ id: f.id, name: pending.filename, title: f.title ?? pending.filename });
      }
      return { files: out };
    },
  };

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
    const ms = methodStats(method);
    ms.calls++;
    const answer = (status: number, payload: Params, headers: Record<string, string> = {}) => {
      call.status = status;
      if (payload.ok === false) {
        call.error = String(payload.error);
        ms.errors++;
      }
      send(res, status, payload, headers);
    };

    const auth = bearer(req.headers.authorization) ?? (typeof params.token === 'string' ? params.token : undefined);
    if (!auth) return answer(200, { ok: false, error: 'not_authed' });
    if (auth !== token) return answer(200, { ok: false, error: 'invalid_auth' });
    const handler = methods[method];
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
    if ('status429' in out) return throttle(out.status429 as number);
    if ('error' in out) return answer(200, { ok: false, error: out.error });
    return answer(200, { ok: true, ...out });

    function throttle(seconds: number) {
      stats.throttled++;
      ms.throttled++;
      answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(seconds) });
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const parts = path.split('/').filter(Boolean);
    if (req.method === 'POST' && parts[0] === 'api' && parts[1]) return api(parts[1], req, body, res);
    if (req.method === 'POST' && parts[0] === 'upload' && parts[1]) {
      const pending = pendingUploads.get(parts[1]);
      if (!pending || bearer(req.headers.authorization) !== token) return send(res, 404, { ok: false });
      pending.content = await uploadedBytes(req.headers['content-type'], body);
      return send(res, 200, { ok: true }, {}, 'OK - ' + pending.content.length);
    }
    if (req.method === 'GET' && parts[0] === 'files' && parts[1]) {
      const f = files.get(parts[1]);
      if (bearer(req.headers.authorization) !== token) return send(res, 302, { ok: false }, { location: `${origin}/login` });
      if (!f) return send(res, 404, { ok: false });
      res.writeHead(200, { 'content-type': String(f.meta.mimetype ?? 'application/octet-stream'), 'content-length': f.content.length });
      res.end(f.content);
      return;
    }
    if (req.method === 'POST' && parts[0] === 'response' && parts[1]) {
      responses.push({ id: parts[1], body: parseParams(req.headers['content-type'], body) });
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

  return {
    url: `${origin}/api/`,
    origin,
    token,
    calls: (method) => (method ? calls.filter((c) => c.method === method) : [...calls]),
    posted: () => [...posted],
    updated: () => [...updated],
    ephemerals: () => [...ephemerals],
    views: () => ({ published: [...published], opened: [...opened] }),
    uploads: () => [...uploads],
    responses: (id) => responses.filter((r) => id === undefined || r.id === id),
    responseUrl: (id) => `${origin}/response/${encodeURIComponent(id)}`,
    addFile(file) {
      const id = nextId('F');
      const content = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8');
      const meta: Params = {
        id,
        name: file.name,
        title: file.name,
        filetype: file.filetype ?? file.name.split('.').pop() ?? 'text',
        mimetype: file.mimetype ?? 'text/csv',
        size: content.length,
        url_private: `${origin}/files/${id}/${encodeURIComponent(file.name)}`,
        url_private_download: `${origin}/files/${id}/${encodeURIComponent(file.name)}?download=1`,
      };
      files.set(id, { meta, content });
      return { ...meta };
    },
    stats: () => structuredClone(stats),
    injectFault: (fault) => void faults.push(fault),
    setLimit: (name, limit) => limiter.set(name, limit),
    setUserError: (userId, error) => void (error ? userErrors.set(userId, error) : userErrors.delete(userId)),
    setMembers(next) {
      members = next;
      byId = new Map(members.map((m) => [m.id, m]));
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

function withoutLocale(m: SlackMember): Omit<SlackMember, 'locale'> {
  const { locale: _locale, ...rest } = m;
  return rest;
}

const bearer = (h: string | undefined) => (h?.startsWith('Bearer ') ? h.slice(7) : undefined);

function redactToken(p: Params): Params {
  const { token: _token, ...rest } = p;
  return rest;
}

/** Form or JSON bodies; JSON-looking form values (blocks, view, files) are parsed as Slack does. */
function parseParams(contentType: string | undefined, body: Buffer): Params {
  const text = body.toString('utf8');
  if (!text) return {};
  if (contentType?.includes('application/json')) {
    try {
      const v: unknown = JSON.parse(text);
      return v !== null && typeof v === 'object' ? (v as Params) : {};
    } catch {
      return {};
    }
  }
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(text)) {
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // Not JSON after all: keep the string, as Slack would.
      }
    }
    out[k] = v;
  }
  return out;
}

/** The uploaded bytes: the first file of a multipart body, or the raw body. */
async function uploadedBytes(contentType: string | undefined, body: Buffer): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return body;
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  let file: Blob | undefined;
  form.forEach((v) => {
    if (!file && typeof v !== 'string') file = v;
  });
  return file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, payload: Params, headers: Record<string, string> = {}, raw?: string): void {
  const text = raw ?? JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': raw ? 'text/plain' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
