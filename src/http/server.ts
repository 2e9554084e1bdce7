// One HTTP server for everything (Teams, Slack, agents, devices, health, playground), with graceful shutdown.
// Hardened rather than replaced (see docs/OPERATIONS.md, "HTTP edge: limits, timeouts, hostile input"): no request
// can end the process, a body is refused on its declared size or its route's guard before it is read, and idle or slow
// connections are closed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { logScope, type Logger } from '../log.ts';
import { Router, sendJson, type HttpRequest, type RouteOptions } from './router.ts';

/** The largest body any route may take (a route may set less, never more). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpLimits {
  /** A route's body limit unless it sets its own. */
  defaultMaxBodyBytes: number;
  /** Time to receive the request line and headers (Node's headersTimeout), from the connection or the last answer. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (Node's requestTimeout). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are refused (closed at once). */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  defaultMaxBodyBytes: 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
};

export interface HttpServer {
  router: Router;
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections and waits for in-flight requests (at most `graceMs`). */
  close(graceMs?: number): Promise<void>;
  readonly draining: boolean;
}

class BodyTooLarge extends Error {}

export function createHttpServer(logger: Logger, limits: Partial<HttpLimits> = {}): HttpServer {
  const lim = { ...DEFAULT_HTTP_LIMITS, ...limits };
  const router = new Router();
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | undefined;

  const server = createServer(
    {
      headersTimeout: lim.headersTimeoutMs,
      requestTimeout: Math.max(lim.requestTimeoutMs, lim.headersTimeoutMs),
      keepAliveTimeout: lim.keepAliveTimeoutMs,
      // Node checks the two timeouts above on this interval (30 s by default): often enough to honour them.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(lim.headersTimeoutMs / 2))),
    },
    (req, res) => {
      const requestId = randomUUID();
      res.setHeader('x-request-id', requestId);
      // Every line logged while this request runs, by any module, carries its id (see logScope). Nothing thrown here
      // may escape: a rejected promise nobody awaits would end the process.
      logScope.run({ requestId }, () => {
        handle(req, res, requestId).catch((err: unknown) => failed(res, requestId, err, req.url));
      });
    },
  );
  server.maxConnections = lim.maxConnections;
  // A connection that sends no request at all is closed after the headers' time too (Node's own headersTimeout only
  // starts counting at the first byte).
  server.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => socket.destroy(), lim.headersTimeoutMs);
    timer.unref();
    socket.once('data', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const text = JSON.stringify({
      error: status === 431 ? 'headers too large' : status === 408 ? 'timeout' : 'bad request',
    });
    socket.end(
      `HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : 'Error'}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  });

  function failed(res: ServerResponse, requestId: string, err: unknown, target?: string): void {
    logger.error(
      {
        requestId,
        err: { message: (err as Error)?.message, code: (err as { code?: string })?.code, stack: (err as Error)?.stack },
        path: target?.split('?')[0],
      },
      'request failed',
    );
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error', requestId }, { connection: 'close' });
    else res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const started = performance.now();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendJson(res, 400, { error: 'malformed request target' }, { connection: 'close' });
    }
    if (draining) {
      res.setHeader('connection', 'close');
      sendJson(res, 503, { error: 'shutting down' });
      return;
    }
    inFlight++;
    try {
      const found = router.match(req.method ?? 'GET', url.pathname);
      if (!found) return refuse(res, 404, 'not found');
      if (found === 'method') return refuse(res, 405, 'method not allowed');
      const head: Omit<HttpRequest, 'rawBody'> = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        params: found.params,
        headers: req.headers,
        raw: req,
      };
      // An answer given before the body is read closes the connection: the rest of the body is never read.
      const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
      if (hasBody) res.setHeader('connection', 'close');
      // The route's guard (tokens, origin) runs before a byte of the body is read.
      if (found.options.guard && !(await found.options.guard(head, res))) {
        if (!res.headersSent) refuse(res, 403, 'forbidden');
        return;
      }
      const max = Math.min(found.options.maxBodyBytes ?? lim.defaultMaxBodyBytes, MAX_BODY_BYTES);
      const declared = Number(req.headers['content-length'] ?? 0);
      if (Number.isFinite(declared) && declared > max) return tooLarge(res, max);
      let rawBody: Buffer;
      try {
        rawBody = await readBody(req, max);
      } catch (err) {
        if (err instanceof BodyTooLarge) return tooLarge(res, max);
        // The client went away or sent a broken body.
        if (!res.headersSent && res.writable) refuse(res, 400, 'unreadable body');
        return;
      }
      if (hasBody && !res.headersSent) res.removeHeader('connection');
      await found.handler({ ...head, rawBody }, res);
    } catch (err) {
      failed(res, requestId, err, url.pathname);
    } finally {
      inFlight--;
      logger.debug(
        { method: req.method, path: url.pathname, status: res.statusCode, ms: Math.round(performance.now() - started) },
        'request',
      );
      if (draining && inFlight === 0) idle?.();
    }
  }

  return {
    router,
    server,
    get draining() {
      return draining;
    },
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      });
    },
    async close(graceMs = 10_000) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => (idle = r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

function refuse(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error });
}

function tooLarge(res: ServerResponse, max: number): void {
  sendJson(res, 413, { error: `body larger than ${max} bytes` }, { connection: 'close' });
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export type { RouteOptions };
