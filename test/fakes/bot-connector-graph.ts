// The Microsoft Graph calls numbot makes to install itself for a user (TEAMS_APP_CATALOG_ID), served by the fake Bot
// Connector under /graph/v1.0/ for the local no-auth mode: users by e-mail, UPN or object id (the roster team's members
// and the tenant's other users), POST installedApps (201, or 409 once installed), the installation and its chat, whose
// id the fake then knows as a conversation with that member. Throttling answers 429 with Retry-After on demand.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json } from './bot-connector-routes.ts';
import type { FakeMember } from './bot-connector-types.ts';

export const FAKE_CATALOG_ID = 'c0ffee00-numbot-catalog';
const PREFIX = '/graph/v1.0/';

export interface FakeGraphInstalls {
  handle(req: IncomingMessage, res: ServerResponse, path: string, search: URLSearchParams, raw: Buffer): boolean;
  /** Every Graph call, in order. */
  calls(): { method: string; path: string }[];
  /** Users numbot was installed for (object ids). */
  installedFor(): string[];
  /** The next `count` Graph calls answer 429 with this Retry-After (seconds). */
  throttle(count: number, retryAfterSeconds: number): void;
  reset(): void;
}

export function createGraphInstalls(opts: {
  users: () => FakeMember[];
  catalogId: string;
  registerConversation: (conversationId: string, memberId: string) => void;
}): FakeGraphInstalls {
  const installs = new Map<string, { installId: string; chatId: string }>();
  const calls: { method: string; path: string }[] = [];
  let throttled: number[] = [];

  const find = (key: string) => {
    const k = key.toLowerCase();
    return opts
      .users()
      .find(
        (u) =>
          u.aadObjectId?.toLowerCase() === k ||
          u.email?.toLowerCase() === k ||
          u.userPrincipalName?.toLowerCase() === k,
      );
  };
  const notFound = (res: ServerResponse, what: string) =>
    json(res, 404, { error: { code: 'Request_ResourceNotFound', message: `Resource '${what}' does not exist.` } });

  return {
    handle(req, res, path, search, raw) {
      if (!path.startsWith(PREFIX)) return false;
      const rest = path.slice(PREFIX.length);
      const method = req.method ?? 'GET';
      calls.push({ method, path: rest });
      const wait = throttled.shift();
      if (wait !== undefined) {
        json(
          res,
          429,
          { error: { code: 'TooManyRequests', message: 'Too many requests.' } },
          { 'retry-after': String(wait) },
        );
        return true;
      }
      const parts = rest.split('/').map(decodeURIComponent);
      const user = parts[0] === 'users' && parts[1] ? find(parts[1]) : undefined;
      if (parts[0] !== 'users' || !parts[1]) {
        notFound(res, rest);
        return true;
      }
      if (!user?.aadObjectId) {
        notFound(res, parts[1]);
        return true;
      }
      const aad = user.aadObjectId;
      if (parts.length === 2 && method === 'GET') json(res, 200, { id: aad });
      else if (parts[2] === 'teamwork' && parts[3] === 'installedApps' && parts.length === 4 && method === 'POST') {
        const bind = String(
          (JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>)['teamsApp@odata.bind'],
        );
        if (!bind.endsWith(`/appCatalogs/teamsApps/${opts.catalogId}`)) notFound(res, bind);
        else if (installs.has(aad))
          json(res, 409, { error: { code: 'Conflict', message: 'The app is already installed for this user.' } });
        else {
          const chatId = `19:${aad}_numbot@unq.gbl.spaces`;
          installs.set(aad, { installId: `install-${aad}`, chatId });
          opts.registerConversation(chatId, user.id);
          res.writeHead(201).end();
        }
      } else if (parts[3] === 'installedApps' && parts.length === 4 && method === 'GET') {
        const mine = installs.get(aad);
        const wanted = (search.get('$filter') ?? '').includes(opts.catalogId);
        json(res, 200, { value: mine && wanted ? [{ id: mine.installId }] : [] });
      } else if (parts[3] === 'installedApps' && parts[5] === 'chat' && method === 'GET') {
        const mine = installs.get(aad);
        if (mine && mine.installId === parts[4]) json(res, 200, { id: mine.chatId });
        else notFound(res, parts[4] ?? '');
      } else notFound(res, rest);
      return true;
    },
    calls: () => [...calls],
    installedFor: () => [...installs.keys()],
    throttle(count, retryAfterSeconds) {
      throttled = [...throttled, ...Array.from({ length: count }, () => retryAfterSeconds)];
    },
    reset() {
      calls.length = 0;
      throttled = [];
    },
  };
}
