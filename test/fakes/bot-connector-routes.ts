// Request routing and HTTP helpers of the fake Bot Connector.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeMember, FaultTarget, Operation } from './bot-connector-types.ts';

export interface Route {
  op: Operation;
  conversationId?: string;
  activityId?: string;
  userId?: string;
}

/** Routes on the part of the path from `/v3/` on, so a serviceUrl with a path (`/teams/`, `/amer/`) works too. */
export function parseRoute(method: string, pathname: string): Route {
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
  if (parts[3] === 'members' && parts.length === 5 && method === 'GET')
    return { op: 'member', conversationId, userId: parts[4]! };
  if (parts[3] === 'pagedmembers' && method === 'GET') return { op: 'pagedmembers', conversationId };
  return { op: 'other', conversationId };
}

export function targets(target: FaultTarget, op: Operation): boolean {
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

export function memberJson(m: FakeMember): Record<string, unknown> {
  return { objectId: m.aadObjectId, userRole: 'user', ...m };
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function json(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  const text = JSON.stringify(payload ?? {});
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
