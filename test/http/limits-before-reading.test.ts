// A body is refused before it is read: on a missing or wrong token, on a Content-Length over the route's limit, and
// a chunked body is stopped at the limit. The requests below send headers only (or part of a body): an answer proves
// the server did not wait for, nor buffer, the rest.
import { afterEach, describe, expect, it } from 'vitest';
import { issueDeviceToken } from '../../src/device-reports/device-token.ts';
import { startApp, type Running } from '../helpers/http-app.ts';
import { rawRequest } from '../helpers/raw-http.ts';

const SECRET = 'device-secret-0123456789';
const AGENT = 'agent-token-0123456789';
const SERVERS = JSON.stringify([{ id: 'lic1', address: '27000@lic1' }]);
const TEN_MIB = 10 * 1024 * 1024;
let running: Running | undefined;
afterEach(async () => {
  await running?.app.stop();
  running = undefined;
});

async function start(env: Record<string, string> = {}) {
  running = await startApp({ DEVICE_TOKEN_SECRET: SECRET, AGENT_TOKEN: AGENT, LICENSE_SERVERS: SERVERS, ...env });
  return Number(new URL(running.url).port);
}

const head = (path: string, headers: Record<string, string | number>) =>
  `POST ${path} HTTP/1.1\r\nHost: localhost\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

describe('limits before reading', () => {
  it('a device report without a valid token is refused 401 before its 10 MiB body is sent', async () => {
    const port = await start();
    for (const auth of [{}, { authorization: 'Bearer forged.token' }] as Record<string, string>[]) {
      const answer = await rawRequest(
        port,
        head('/api/devices/report', { 'content-type': 'application/json', 'content-length': TEN_MIB, ...auth }),
        1500,
      );
      expect(answer.status).toBe(401);
    }
  });

  it('an lmstat push without the agent token is refused 401 before its body is sent', async () => {
    const port = await start();
    const answer = await rawRequest(
      port,
      head('/api/license-servers/lic1/lmstat', { 'content-length': TEN_MIB }),
      1500,
    );
    expect(answer.status).toBe(401);
  });

  it('a body declared over the route limit is refused 413 before it is sent, with a valid token', async () => {
    const port = await start();
    const token = issueDeviceToken('p1', SECRET);
    const answer = await rawRequest(
      port,
      head('/api/devices/report', {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': 600 * 1024,
      }),
      1500,
    );
    expect(answer.status).toBe(413);
  });

  it('a chunked body is stopped at the route limit: 413 although the body never ends', async () => {
    const port = await start();
    const token = issueDeviceToken('p1', SECRET);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const chunks = Buffer.concat(
      Array.from({ length: 10 }, () =>
        Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
      ),
    );
    const answer = await rawRequest(
      port,
      Buffer.concat([
        Buffer.from(
          head('/api/devices/report', {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'transfer-encoding': 'chunked',
          }),
        ),
        chunks,
      ]),
      1500,
    );
    expect(answer.status).toBe(413);
  });

  it('a route without its own limit takes the configured default', async () => {
    const port = await start({ HTTP_MAX_BODY_BYTES: '2048', NODE_ENV: 'test', TEAMS_LOCAL_NO_AUTH: 'true' });
    const answer = await rawRequest(
      port,
      head('/api/messages', { 'content-type': 'application/json', 'content-length': 4096 }),
      1500,
    );
    expect(answer.status).toBe(413);
  });
});
