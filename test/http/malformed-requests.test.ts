// No request ends the process: malformed targets get 400, a failing handler gets a generic 500 with a request id that
// the log line carries too, and the server keeps answering.
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/http/server.ts';
import { sendJson } from '../../src/http/router.ts';
import { createLogger } from '../../src/log.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import { rawRequest } from '../helpers/raw-http.ts';

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close(100);
  server = undefined;
});

async function start() {
  const logs = captureLogs();
  server = createHttpServer(createLogger('info', logs.sink));
  server.router.add('GET', '/livez', (_req, res) => sendJson(res, 200, { status: 'alive' }));
  server.router.add('GET', '/boom', () => {
    throw new Error('secret detail from deep inside');
  });
  server.router.add('GET', '/boom-later', async () => {
    await new Promise((r) => setTimeout(r, 5));
    throw Object.assign(new Error('async detail'), { code: 'E_DEEP' });
  });
  const port = await server.listen(0, '127.0.0.1');
  return { port, logs };
}

const livez = (port: number) => rawRequest(port, 'GET /livez HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');

describe('malformed request targets', () => {
  it.each(['GET //[ HTTP/1.1', 'GET http://x:99999/ HTTP/1.1', 'GET http://[::1 HTTP/1.1', 'GET //%zz@[ HTTP/1.1'])(
    '%s → 400, and /livez still answers',
    async (line) => {
      const { port } = await start();
      const answer = await rawRequest(port, `${line}\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(answer.status).toBe(400);
      expect((await livez(port)).status).toBe(200);
    },
  );
});

describe('a failing handler', () => {
  it.each(['/boom', '/boom-later'])(
    '%s → 500 with a generic body; the details go to the log with the id',
    async (path) => {
      const { port, logs } = await start();
      const answer = await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(answer.status).toBe(500);
      const body = JSON.parse(answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4)) as Record<string, string>;
      expect(body.error).toBe('internal error');
      expect(answer.text).not.toContain('detail');
      const line = logs.parsed().find((l) => l.msg === 'request failed');
      expect(line?.requestId).toBe(body.requestId);
      expect(JSON.stringify(line)).toContain('detail');
      expect((await livez(port)).status).toBe(200);
    },
  );
});
