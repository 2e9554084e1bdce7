// One HTTP server for everything (Teams, Slack, agents, devices, health, playground), with graceful shutdown.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { logScope, type Logger } from '../log.ts';
import { Router, sendJson, type HttpRequest } from './router.ts';

/** Bodies larger than this are refused: Teams activities and Slack payloads are far smaller; CSV imports fit. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HttpServer {
  router: Router;
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections and waits for in-flight requests (at most `graceMs`). */
  close(graceMs?: number): Promise<void>;
  readonly draining: boolean;
}

export function createHttpServer(logger: Logger): HttpServer {
  const router = new Router();
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | undefined;

  const server = createServer((req, res) => {
    const requestId = randomUUID();
    // Every line logged while this request runs, by any module, carries its id (see logScope).
    void logScope.run({ requestId }, () => handle(req, res, requestId));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const log = logger;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const started = performance.now();
    if (draining) {
      res.setHeader('connection', 'close');
      sendJson(res, 503, { error: 'shutting down' });
      return;
    }
    inFlight++;
    try {
      const found = router.match(req.method ?? 'GET', url.pathname);
      if (!found) return sendJson(res, 404, { error: 'not found' });
      if (found === 'method') return sendJson(res, 405, { error: 'method not allowed' });
      let rawBody: Buffer;
      try {
        rawBody = await readBody(req);
      } catch {
        return sendJson(res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
      }
      const hreq: HttpRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        params: found.params,
        headers: req.headers,
        rawBody,
        raw: req,
      };
      await found.handler(hreq, res);
    } catch (err) {
      log.error(
        { err: { message: (err as Error).message, code: (err as { code?: string }).code }, path: url.pathname },
        'request failed',
      );
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error', requestId });
      else res.end();
    } finally {
      inFlight--;
      log.debug(
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

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
