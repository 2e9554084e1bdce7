// A fake Bot Connector (the service behind an activity's serviceUrl) as a real HTTP server on 127.0.0.1.
// It speaks the v3 REST shapes botframework-connector sends, enforces the per-tenant rate limit Teams documents
// (about 50 requests/s per app per tenant) with real 429 bodies, and injects the errors a sender must classify.
// The channel tests and the delivery benchmark both use it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A roster member as Teams returns it (TeamsChannelAccount). */
export interface FakeMember {
  id: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  name?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
}

export type BlockedCode = 'ConversationBlockedByUser' | 'BotNotInConversationRoster' | 'BotDisabledByAdmin' | 'MessageWritesBlocked';

/** A fault to answer with instead of the normal response. A superset of the contract suite's InjectedFault. */
export type BotConnectorFault =
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'blocked'; code?: BlockedCode }
  | { kind: 'not_found' }
  | { kind: 'server_error'; status: 500 | 502 | 503 | 504 }
  | { kind: 'precondition_failed' }
  /** `hang` never answers (the caller must time out); `slow` answers normally after delayMs. */
  | { kind: 'timeout'; mode?: 'hang' | 'slow'; delayMs?: number }
  | { kind: 'invalid'; status?: 400 | 413 }
  /** Closes the socket without an answer (ECONNRESET on the caller's side). */
  | { kind: 'reset' };

/** Which requests a fault applies to. `write` = any send, reply, update or create (the default). */
export type FaultTarget = 'write' | 'send' | 'update' | 'create' | 'member' | 'any';

export interface FaultOptions {
  target?: FaultTarget;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** Only requests on this conversation. */
  conversationId?: string;
}

export type Operation = 'create' | 'send' | 'reply' | 'update' | 'member' | 'pagedmembers' | 'other';

export interface ReceivedRequest {
  method: string;
  path: string;
  /** The query parameters (page size, continuation token). */
  query: Record<string, string>;
  op: Operation;
  conversationId?: string;
  activityId?: string;
  tenantId: string;
  body: unknown;
  /** True when the request carried an Authorization header (the fake does not check tokens). */
  authorized: boolean;
  status: number;
  at: number;
}

export interface RecordedActivity {
  conversationId: string;
  messageId: string;
  replyToId?: string;
  payload: Record<string, unknown>;
}

export interface CreatedConversation {
  conversationId: string;
  memberIds: string[];
  tenantId: string;
  params: Record<string, unknown>;
}

export interface FakeBotConnectorStats {
  requests: number;
  throttled: number;
  faults: number;
  /** Successful posts per recipient: the member of a conversation the fake created or was told about, else the conversation id. */
  delivered: Record<string, number>;
}

export interface FakeBotConnectorOptions {
  members?: FakeMember[];
  /** Requests per second per tenant before 429 (default 50); Infinity disables the limit. */
  ratePerSecond?: number;
  /** Added to every answer, to model network and service latency (default 0). */
  latencyMs?: number;
  /** Largest page getPagedMembers serves (Teams: 500). */
  maxPageSize?: number;
}

export interface FakeBotConnector {
  /** The serviceUrl to put on activities (ends with `/`). */
  url: string;
  received(): ReceivedRequest[];
  /** New activities (sends and replies), in order. */
  posted(): RecordedActivity[];
  updated(): RecordedActivity[];
  created(): CreatedConversation[];
  stats(): FakeBotConnectorStats;
  injectFault(fault: BotConnectorFault, options?: FaultOptions): void;
  setLimit(ratePerSecond: number): void;
  setMembers(members: FakeMember[]): void;
  /** Declares who a conversation belongs to (for conversations the fake did not create), so stats count per person. */
  registerConversation(conversationId: string, memberId: string, tenantId?: string): void;
  /** Forgets everything received (not members, limits or conversations). */
  reset(): void;
  close(): Promise<void>;
}

interface PendingFault {
  fault: BotConnectorFault;
  target: FaultTarget;
  remaining: number;
  conversationId?: string;
}

const DEFAULT_TENANT = 'default';

export async function startFakeBotConnector(options: FakeBotConnectorOptions = {}): Promise<FakeBotConnector> {
  let members = options.members ?? [];
  let limit = options.ratePerSecond ?? 50;
  const maxPageSize = options.maxPageSize ?? 500;
  const latencyMs = options.latencyMs ?? 0;
  const received: ReceivedRequest[] = [];
  const posted: RecordedActivity[] = [];
  const updated: RecordedActivity[] = [];
  const created: CreatedConversation[] = [];
  const conversations = new Map<string, { memberId: string; tenantId: string }>();
  const windows = new Map<string, number[]>();
  const faults: PendingFault[] = [];
  const counts = { requests: 0, throttled: 0, faults: 0 };
  const delivered: Record<string, number> = {};
  let sequence = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { error: { code: 'ServiceError', message: 'fake failed' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = parseRoute(req.method ?? 'GET', url.pathname);
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      return json(res, 400, { error: { code: 'BadSyntax', message: 'body is not JSON' } });
    }
    counts.requests++;
    const tenantId = tenantOf(route, body);
    const record: ReceivedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      op: route.op,
      ...(route.conversationId ? { conversationId: route.conversationId } : {}),
      ...(route.activityId ? { activityId: route.activityId } : {}),
      tenantId,
      body,
      authorized: Boolean(req.headers.authorization),
      status: 0,
      at: Date.now(),
    };
    received.push(record);
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      const send = () => json(res, status, payload, headers);
      if (latencyMs > 0) setTimeout(send, latencyMs);
      else send();
    };

    const retryAfter = throttle(tenantId, Date.now());
    if (retryAfter !== undefined) {
      counts.throttled++;
      return answer(429, { error: { code: 'Throttled', message: 'Too many requests for this tenant' } }, { 'retry-after': String(retryAfter) });
    }

    const fault = takeFault(route);
    if (fault) {
      counts.faults++;
      const handled = applyFault(fault, record, res, answer);
      if (handled === 'done') return;
      await new Promise((r) => setTimeout(r, handled.delayMs));
    }

    switch (route.op) {
      case 'create':
        return answer(201, createConversation(body, tenantId));
      case 'send':
      case 'reply': {
        const messageId = `1:fake-activity-${++sequence}`;
        posted.push({
          conversationId: route.conversationId!,
          messageId,
          ...(route.activityId ? { replyToId: route.activityId } : {}),
          payload: asRecord(body),
        });
        const recipient = conversations.get(route.conversationId!)?.memberId ?? route.conversationId!;
        delivered[recipient] = (delivered[recipient] ?? 0) + 1;
        return answer(201, { id: messageId });
      }
      case 'update':
        updated.push({ conversationId: route.conversationId!, messageId: route.activityId!, payload: asRecord(body) });
        return answer(200, { id: route.activityId });
      case 'member': {
        const m = members.find((x) => x.id === route.userId || x.aadObjectId === route.userId);
        if (!m) return answer(404, { error: { code: 'MemberNotFoundInConversation', message: 'The user is not a member' } });
        return answer(200, memberJson(m));
      }
      case 'pagedmembers':
        return answer(200, pagedMembers(url.searchParams));
      default:
        return answer(404, { error: { code: 'NotFound', message: `no route ${req.method} ${url.pathname}` } });
    }
  }

  function tenantOf(route: Route, body: unknown): string {
    const b = asRecord(body);
    const conv = asRecord(b.conversation);
    const channelData = asRecord(b.channelData);
    const fromBody = (conv.tenantId ?? b.tenantId ?? asRecord(channelData.tenant).id) as string | undefined;
    if (fromBody) return fromBody;
    if (route.conversationId) return conversations.get(route.conversationId)?.tenantId ?? DEFAULT_TENANT;
    return DEFAULT_TENANT;
  }

  /** Sliding one-second window per tenant; returns Retry-After seconds when over the limit. */
  function throttle(tenantId: string, now: number): number | undefined {
    if (!Number.isFinite(limit)) return undefined;
    let w = windows.get(tenantId);
    if (!w) windows.set(tenantId, (w = []));
    while (w.length && w[0]! <= now - 1000) w.shift();
    if (w.length >= limit) return Math.max(1, Math.ceil((w[0]! + 1000 - now) / 1000));
    w.push(now);
    return undefined;
  }

  function takeFault(route: Route): BotConnectorFault | undefined {
    const i = faults.findIndex((f) => targets(f.target, route.op) && (!f.conversationId || f.conversationId === route.conversationId));
    if (i < 0) return undefined;
    const f = faults[i]!;
    if (--f.remaining <= 0) faults.splice(i, 1);
    return f.fault;
  }

  function applyFault(
    fault: BotConnectorFault,
    record: ReceivedRequest,
    res: ServerResponse,
    answer: (status: number, payload: unknown, headers?: Record<string, string>) => void,
  ): 'done' | { delayMs: number } {
    switch (fault.kind) {
      case 'rate_limit':
        answer(429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'retry-after': String(fault.retryAfterSeconds) });
        return 'done';
      case 'blocked': {
        const code = fault.code ?? 'ConversationBlockedByUser';
        const error =
          code === 'MessageWritesBlocked'
            ? { code: 'Forbidden', subCode: 'MessageWritesBlocked', message: 'Thread is blocked for the bot' }
            : { code, message: `${code}` };
        answer(403, { error });
        return 'done';
      }
      case 'not_found':
        answer(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
        return 'done';
      case 'server_error':
        answer(fault.status, { error: { code: 'ServiceError', message: 'Unknown error' } });
        return 'done';
      case 'precondition_failed':
        answer(412, { error: { code: 'PreconditionFailed', message: 'Conflict, please retry' } });
        return 'done';
      case 'invalid':
        if ((fault.status ?? 400) === 413) answer(413, { error: { code: 'MessageSizeTooBig', message: 'Message size too large' } });
        else answer(400, { error: { code: 'BadArgument', message: 'Invalid activity' } });
        return 'done';
      case 'reset':
        record.status = -1;
        res.socket?.destroy();
        return 'done';
      case 'timeout':
        if ((fault.mode ?? 'hang') === 'hang') {
          record.status = -1;
          return 'done';
        }
        return { delayMs: fault.delayMs ?? 5_000 };
    }
  }

  function createConversation(body: unknown, tenantId: string): { id: string } {
    const params = asRecord(body);
    const memberIds = (Array.isArray(params.members) ? params.members : []).map((m) => String(asRecord(m).id ?? ''));
    const conversationId = `a:fake-conversation-${++sequence}`;
    conversations.set(conversationId, { memberId: memberIds[0] ?? conversationId, tenantId });
    created.push({ conversationId, memberIds, tenantId, params });
    return { id: conversationId };
  }

  function pagedMembers(query: URLSearchParams): { members: unknown[]; continuationToken?: string } {
    const size = Math.min(maxPageSize, Math.max(1, Number(query.get('pageSize') ?? 200) || 200));
    const token = query.get('continuationToken');
    const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
    const page = members.slice(start, start + size).map(memberJson);
    const next = start + size;
    return next < members.length ? { members: page, continuationToken: Buffer.from(String(next)).toString('base64url') } : { members: page };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    received: () => [...received],
    posted: () => [...posted],
    updated: () => [...updated],
    created: () => [...created],
    stats: () => ({ ...counts, delivered: { ...delivered } }),
    injectFault(fault, opts = {}) {
      faults.push({
        fault,
        target: opts.target ?? 'write',
        remaining: opts.times ?? 1,
        ...(opts.conversationId ? { conversationId: opts.conversationId } : {}),
      });
    },
    setLimit(ratePerSecond) {
      limit = ratePerSecond;
      windows.clear();
    },
    setMembers(list) {
      members = list;
    },
    registerConversation(conversationId, memberId, tenantId = DEFAULT_TENANT) {
      conversations.set(conversationId, { memberId, tenantId });
    },
    reset() {
      received.length = posted.length = updated.length = created.length = 0;
      counts.requests = counts.throttled = counts.faults = 0;
      for (const k of Object.keys(delivered)) delete delivered[k];
      faults.length = 0;
      windows.clear();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Route {
  op: Operation;
  conversationId?: string;
  activityId?: string;
  userId?: string;
}

/** Routes on the part of the path from `/v3/` on, so a serviceUrl with a path (`/teams/`, `/amer/`) works too. */
function parseRoute(method: string, pathname: string): Route {
  const at = pathname.indexOf('/v3/');
  const parts = (at >= 0 ? pathname.slice(at + 1) : pathname).split('/').filter(Boolean).map(safeDecode);
  if (parts[0] !== 'v3' || parts[1] !== 'conversations') return { op: 'other' };
  const conversationId = parts[2];
  if (parts.length === 2 && method === 'POST') return { op: 'create' };
  if (!conversationId) return { op: 'other' };
  if (parts[3] === 'activities') {
    if (parts.length === 4 && method === 'POST') return { op: 'send', conversationId };
    if (parts.length === 5 && method === 'POST') return { op: 'reply', conversationId, activityId: parts[4]! };
    if (parts.length === 5 && method === 'PUT') return { op: 'update', conversationId, activityId: parts[4]! };
  }
  if (parts[3] === 'members' && parts.length === 5 && method === 'GET') return { op: 'member', conversationId, userId: parts[4]! };
  if (parts[3] === 'pagedmembers' && method === 'GET') return { op: 'pagedmembers', conversationId };
  return { op: 'other', conversationId };
}

function targets(target: FaultTarget, op: Operation): boolean {
  switch (target) {
    case 'any':
      return true;
    case 'write':
      return op === 'send' || op === 'reply' || op === 'update' || op === 'create';
    case 'send':
      return op === 'send' || op === 'reply';
    case 'member':
      return op === 'member' || op === 'pagedmembers';
    default:
      return op === target;
  }
}

function memberJson(m: FakeMember): Record<string, unknown> {
  return { objectId: m.aadObjectId, userRole: 'user', ...m };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function json(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = JSON.stringify(payload ?? {});
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
