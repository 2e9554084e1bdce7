// The page's JSON API under /playground/api: who you can be, conversations, commands, clicks, the clock, faults.
import type { ServerResponse } from 'node:http';
import type { HttpRequest, RouteHandler } from '../http/router.ts';
import type { Route } from '../ports/platform-edge.ts';
import { sendJson } from '../http/router.ts';
import { showConversation } from './conversation.ts';
import { ADMIN_FEED } from './inbox.ts';
import { filesFrom, runAction, runCommand, type PlaygroundDeps } from './interact.ts';
import { actingAs, listPeople, summarise } from './people.ts';
import { BadRequest, MAX_API_BODY, guardRequest, jsonBody } from './request-guard.ts';
import { isFaultKind } from './simulated-faults.ts';
import { MAX_JUMP_MS, type Jump, type TimeControl } from './time-control.ts';

export const API = '/playground/api';

export interface ApiDeps extends PlaygroundDeps {
  time: TimeControl;
  loopbackOnly: boolean;
}

type Handler = (req: HttpRequest, res: ServerResponse) => Promise<void>;

function jumpFrom(body: Record<string, unknown>): Jump {
  if (body.to === 'next-reminder' || body.to === 'next-summary') return { kind: body.to };
  const ms = body.ms;
  if (typeof ms === 'number' && Number.isFinite(ms) && ms > 0 && ms <= MAX_JUMP_MS) return { kind: 'by', ms };
  throw new BadRequest(`give "to": "next-reminder" | "next-summary", or "ms" between 1 and ${MAX_JUMP_MS}`);
}

export function apiRoutes(deps: ApiDeps): Route[] {
  const routes: Route[] = [];
  const router = {
    add(method: Route['method'], path: string, handler: RouteHandler) {
      // Host, Origin and the page's header are checked before the body is read.
      routes.push({
        method,
        path,
        handler,
        maxBodyBytes: MAX_API_BODY,
        guard: (req, res) =>
          guardRequest(req, res, { loopbackOnly: deps.loopbackOnly, hosts: ctx.config.PLAYGROUND_HOSTS }),
      });
    },
  };
  const { ctx } = deps;
  const guarded =
    (handler: Handler): Handler =>
    async (req, res) => {
      try {
        await handler(req, res);
      } catch (err) {
        if (err instanceof BadRequest) return sendJson(res, 400, { error: err.message });
        throw err;
      }
    };
  const actor = async (raw: unknown): Promise<string> => {
    const id = await actingAs(ctx.store, ctx.config, raw);
    if (!id) throw new BadRequest('as: pick someone from the roster');
    return id;
  };

  router.add(
    'GET',
    `${API}/people`,
    guarded(async (req, res) => {
      sendJson(res, 200, await listPeople(ctx.store, ctx.config, req.query.get('q') ?? ''));
    }),
  );

  router.add(
    'GET',
    `${API}/people/:id`,
    guarded(async (req, res) => {
      const person = await ctx.store.getPerson(await actor(req.params.id));
      sendJson(
        res,
        200,
        person ? summarise(person, ctx.config) : { id: req.params.id, name: req.params.id, roles: ['admin'] },
      );
    }),
  );

  router.add(
    'GET',
    `${API}/conversations/:id`,
    guarded(async (req, res) => {
      const id = req.params.id === ADMIN_FEED ? ADMIN_FEED : await actor(req.params.id);
      sendJson(res, 200, { conversationId: id, messages: await showConversation(deps.inbox, id) });
    }),
  );

  router.add(
    'POST',
    `${API}/command`,
    guarded(async (req, res) => {
      const body = jsonBody(req);
      sendJson(res, 200, await runCommand(deps, await actor(body.as), body.text, filesFrom(body.files)));
    }),
  );

  router.add(
    'POST',
    `${API}/action`,
    guarded(async (req, res) => {
      const body = jsonBody(req);
      sendJson(res, 200, await runAction(deps, await actor(body.as), body));
    }),
  );

  router.add(
    'GET',
    `${API}/clock`,
    guarded(async (_req, res) => {
      sendJson(res, 200, await deps.time.view());
    }),
  );

  router.add(
    'POST',
    `${API}/clock`,
    guarded(async (req, res) => {
      const jump = jumpFrom(jsonBody(req));
      if (!deps.time.movable)
        return sendJson(res, 409, { error: 'this app runs on a clock the playground cannot move' });
      const done = await deps.time.jump(jump);
      sendJson(res, 200, { ...done, clock: await deps.time.view() });
    }),
  );

  router.add(
    'POST',
    `${API}/faults`,
    guarded(async (req, res) => {
      const body = jsonBody(req);
      if (!isFaultKind(body.kind))
        throw new BadRequest('kind: rate_limit, blocked, not_found, server_error, timeout or invalid');
      const retry =
        typeof body.retryAfterSeconds === 'number' ? Math.min(Math.max(body.retryAfterSeconds, 0), 3600) : undefined;
      deps.channel.faults.push({ kind: body.kind, ...(retry !== undefined ? { retryAfterSeconds: retry } : {}) });
      sendJson(res, 200, { pending: deps.channel.faults.size });
    }),
  );
  return routes;
}
