// POST /api/messages on our own router: CloudAdapter.process wants an Express-like request with a parsed body and a
// response with status/header/send/end; this bridges our HttpRequest and node's ServerResponse to that.
import type { ServerResponse } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { sendJson, type RouteGuard, type RouteHandler } from '../../http/router.ts';
import type { Logger } from '../../log.ts';

/** Before the body is read: with authentication on, a request without a token gets 401 and costs nothing more. */
export function messagesGuard(authEnabled: boolean): RouteGuard {
  return (req, res) => {
    if (!authEnabled || req.headers.authorization) return true;
    sendJson(res, 401, { error: 'unauthorized' });
    return false;
  };
}

export function messagesEndpoint(
  adapter: CloudAdapter,
  authEnabled: boolean,
  logic: (context: TurnContext) => Promise<void>,
  log?: Logger,
): RouteHandler {
  return async (req, res) => {
    // Refused before the SDK sees it: an anonymous call can never reach the bot when auth is on.
    if (authEnabled && !req.headers.authorization) return sendJson(res, 401, { error: 'unauthorized' });
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'bad request' });
    }
    if (!isActivity(body)) return sendJson(res, 400, { error: 'bad request' });
    let turnStarted = false;
    await adapter.process(
      { method: req.method, headers: req.headers, body },
      bufferedResponse(res, () => turnStarted, log),
      (context) => {
        turnStarted = true;
        return logic(context);
      },
    );
  };
}

/** A Bot Framework activity has a non-empty string `type`; anything else is not one. */
function isActivity(body: unknown): body is Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const type = (body as Record<string, unknown>).type;
  return typeof type === 'string' && type.trim() !== '';
}

/**
 * What the caller may read of a failure: a generic word, never the SDK's or an upstream's error text (which names
 * hosts, keys and internals). A failure before the turn started is the token that could not be verified: 401.
 */
function genericRefusal(status: number, turnStarted: boolean): { status: number; body: { error: string } } {
  if (status === 401 || status === 403 || (!turnStarted && status >= 500))
    return { status: 401, body: { error: 'unauthorized' } };
  if (status >= 500) return { status: 500, body: { error: 'internal error' } };
  return { status, body: { error: 'bad request' } };
}

/** Collects what the adapter sets and writes it once on end(). */
function bufferedResponse(res: ServerResponse, turnStarted: () => boolean, log?: Logger) {
  let status = 200;
  let payload: unknown;
  const headers: Record<string, string> = {};
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
      return this;
    },
    header(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
      return this;
    },
    send(body: unknown) {
      payload = body;
      return this;
    },
    end() {
      if (res.headersSent) return;
      if (status >= 400) {
        const refusal = genericRefusal(status, turnStarted());
        log?.warn(
          { platform: 'teams', status, answered: refusal.status, reason: String(payload ?? '').slice(0, 300) },
          'teams request refused',
        );
        return sendJson(res, refusal.status, refusal.body);
      }
      if (payload === undefined) {
        res.writeHead(status, { ...headers, 'content-length': 0 });
        res.end();
      } else if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
        res.writeHead(status, {
          'content-type': 'text/plain; charset=utf-8',
          ...headers,
          'content-length': Buffer.byteLength(payload),
        });
        res.end(payload);
      } else {
        sendJson(res, status, payload, headers);
      }
    },
  };
}
