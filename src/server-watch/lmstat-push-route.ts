// POST /api/license-servers/:id/lmstat — an agent next to a licence server pushes raw `lmutil lmstat -a` output,
// for sites where the bot cannot reach the server itself. Stored exactly like a scheduled poll.
import type { ServerResponse } from 'node:http';
import type { ServerWatchDeps } from './deps.ts';
import { pollFromLmstat } from '../licensing/lmstat-poll.ts';
import { parseLmstat } from '../licensing/parse-lmstat.ts';
import { recordPoll } from './record-poll.ts';
import { lazyRoster } from './roster.ts';
import { sendJson, type HttpRequest, type RouteGuard, type RouteHandler } from '../http/router.ts';
import { bearerToken, secretEquals } from '../http/bearer.ts';

export const LMSTAT_PUSH_PATH = '/api/license-servers/:id/lmstat';
/** lmstat -a of a large site is tens of kilobytes. */
export const MAX_LMSTAT_BODY_BYTES = 1024 * 1024;

const unauthorised = (res: ServerResponse) =>
  sendJson(res, 401, { error: 'missing or wrong agent token' }, { 'www-authenticate': 'Bearer' });

/** The agent token, checked before the body is read. */
export function lmstatPushGuard(ctx: Pick<ServerWatchDeps, 'config'>): RouteGuard {
  return (req, res) => {
    const expected = ctx.config.AGENT_TOKEN;
    if (!expected) {
      sendJson(res, 503, { error: 'not configured', detail: 'set AGENT_TOKEN to accept lmstat pushes' });
      return false;
    }
    const token = bearerToken(req.headers);
    if (token && secretEquals(token, expected)) return true;
    unauthorised(res);
    return false;
  };
}

export function lmstatPushHandler(ctx: ServerWatchDeps): RouteHandler {
  return async (req: HttpRequest, res: ServerResponse) => {
    const expected = ctx.config.AGENT_TOKEN;
    if (!expected)
      return sendJson(res, 503, { error: 'not configured', detail: 'set AGENT_TOKEN to accept lmstat pushes' });
    const token = bearerToken(req.headers);
    if (!token || !secretEquals(token, expected)) return unauthorised(res);
    const server = ctx.config.LICENSE_SERVERS.find((s) => s.id === req.params.id);
    if (!server) return sendJson(res, 404, { error: 'no licence server with this id in LICENSE_SERVERS' });
    if (req.rawBody.length > MAX_LMSTAT_BODY_BYTES)
      return sendJson(res, 413, {
        error: `body larger than ${MAX_LMSTAT_BODY_BYTES} bytes: send the output of one lmstat -a run`,
      });
    const text = req.rawBody.toString('utf8');
    if (!text.trim())
      return sendJson(res, 422, {
        error: 'unparseable',
        reason: 'the body is empty: send the output of lmutil lmstat -a',
      });
    if (text.includes('\u0000'))
      return sendJson(res, 422, { error: 'unparseable', reason: 'the body is binary, not lmstat text' });
    const report = parseLmstat(text);
    if (report.servers.length === 0)
      return sendJson(res, 422, {
        error: 'unparseable',
        reason: 'no "License server status" or "Users of" lines: is this lmutil lmstat -a output?',
      });
    const now = ctx.clock.now();
    const recorded = await recordPoll(ctx, server, pollFromLmstat(report, now), {
      source: 'agent',
      roster: lazyRoster(ctx.store),
    });
    ctx.logger.info(
      { serverId: server.id, status: recorded.poll.status, inUse: recorded.poll.inUse },
      'lmstat pushed by agent',
    );
    sendJson(res, 200, {
      server: server.id,
      at: recorded.poll.at,
      status: recorded.poll.status,
      inUse: recorded.poll.inUse,
      users: { matched: recorded.users.matched.length, unmatched: recorded.users.unmatched.length },
      ready: recorded.readiness.ready,
    });
  };
}
