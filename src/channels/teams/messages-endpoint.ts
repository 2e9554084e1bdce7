// POST /api/messages on our own router: CloudAdapter.process wants an Express-like request with a parsed body and a
// response with status/header/send/end; this bridges our HttpRequest and node's ServerResponse to that.
import type { ServerResponse } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { sendJson, type RouteGuard, type RouteHandler } from '../../http/router.ts';

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
): RouteHandler {
  return async (req, res) => {
    // Refused before the SDK sees it: an anonymous call can never reach the bot when auth is on.
    if (authEnabled && !req.headers.authorization) return sendJson(res, 401, { error: 'unauthorized' });
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return sendJson(res, 400, { error: 'body must be a Bot Framework activity' });
    await adapter.process(
      { method: req.method, headers: req.headers, body: body as Record<string, unknown> },
      bufferedResponse(res),
      logic,
    );
  };
}

/** Collects what the adapter sets and writes it once on end(). */
function bufferedResponse(res: ServerResponse) {
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
