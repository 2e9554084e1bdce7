// A fake Bot Connector (the service behind an activity's serviceUrl) as a real HTTP server on 127.0.0.1.
// It speaks the v3 REST shapes botframework-connector sends, enforces the per-tenant rate limit Teams documents
// (about 50 requests/s per app per tenant) with real 429 bodies, and injects the errors a sender must classify.
// The channel tests and the delivery benchmark both use it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultAnswer } from './bot-connector-faults.ts';
import { asRecord, json, memberJson, parseRoute, readBody, targets, type Route } from './bot-connector-routes.ts';
import { createUploadSessions } from './bot-connector-uploads.ts';
import { createGraphInstalls, FAKE_CATALOG_ID } from './bot-connector-graph.ts';
import type {
  BotConnectorFault,
  CreatedConversation,
  FakeBotConnector,
  FakeBotConnectorOptions,
  FaultTarget,
  RecordedActivity,
  ReceivedRequest,
} from './bot-connector-types.ts';

export type * from './bot-connector-types.ts';

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
  let baseUrl = '';
  const uploadSessions = createUploadSessions(() => baseUrl);
  const tenantUsers = options.tenantUsers ?? [];
  const graph = createGraphInstalls({
    users: () => [...members, ...tenantUsers],
    catalogId: options.catalogId ?? FAKE_CATALOG_ID,
    registerConversation: (conversationId, memberId) =>
      conversations.set(conversationId, { memberId, tenantId: DEFAULT_TENANT }),
  });

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { error: { code: 'ServiceError', message: 'fake failed' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // OneDrive upload sessions: another service, outside the connector's rate limit and request log.
    if (uploadSessions.handle(req, res, url.pathname, raw)) return;
    // Microsoft Graph (proactive installation): another service, outside the connector's rate limit and request log.
    if (graph.handle(req, res, url.pathname, url.searchParams, raw)) return;
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
      return answer(
        429,
        { error: { code: 'Throttled', message: 'Too many requests for this tenant' } },
        { 'retry-after': String(retryAfter) },
      );
    }

    const fault = takeFault(route);
    if (fault) {
      counts.faults++;
      const f = faultAnswer(fault);
      if (f.kind === 'answer') return answer(f.status, f.body, f.headers);
      if (f.kind === 'hang' || f.kind === 'reset') {
        record.status = -1;
        if (f.kind === 'reset') res.socket?.destroy();
        return;
      }
      await new Promise((r) => setTimeout(r, f.ms));
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
        if (!m)
          return answer(404, { error: { code: 'MemberNotFoundInConversation', message: 'The user is not a member' } });
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
    const i = faults.findIndex(
      (f) => targets(f.target, route.op) && (!f.conversationId || f.conversationId === route.conversationId),
    );
    if (i < 0) return undefined;
    const f = faults[i]!;
    if (--f.remaining <= 0) faults.splice(i, 1);
    return f.fault;
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
    return next < members.length
      ? { members: page, continuationToken: Buffer.from(String(next)).toString('base64url') }
      : { members: page };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}/`;

  return {
    url: baseUrl,
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
    openUploadSession: (name) => uploadSessions.open(name),
    uploads: () => uploadSessions.uploads(),
    failUploads(fault, times = 1) {
      uploadSessions.fail(fault, times);
    },
    holdUploads: () => uploadSessions.hold(),
    graph,
    registerConversation(conversationId, memberId, tenantId = DEFAULT_TENANT) {
      conversations.set(conversationId, { memberId, tenantId });
    },
    reset() {
      received.length = posted.length = updated.length = created.length = 0;
      counts.requests = counts.throttled = counts.faults = 0;
      for (const k of Object.keys(delivered)) delete delivered[k];
      faults.length = 0;
      windows.clear();
      uploadSessions.reset();
      graph.reset();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
