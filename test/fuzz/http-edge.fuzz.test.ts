// Property: whatever arrives on the port — random request lines, methods, headers and bodies, on every route the app
// mounts — the process keeps answering /livez, and no request gets an unexplained 500.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/build-app.ts';
import { buildApps } from '../../src/app/build-apps.ts';
import { slackSignature } from '../../src/channels/slack/verify-signature.ts';
import { loadConfig } from '../../src/config.ts';
import { issueDeviceToken } from '../../src/device-reports/device-token.ts';
import { createLogger } from '../../src/log.ts';
import { SIGNING_SECRET, slackEnv } from '../channels/slack/edge-harness.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { fuzzRuns, fuzzSeed } from './fuzz-runs.ts';

const DEVICE_SECRET = 'device-secret-0123456789';
const AGENT = 'agent-token-0123456789';
let app: App;
let sandbox: App;
let port: number;
let pgPort: number;
let fake: FakeSlackApi;
const logs = captureLogs();

beforeAll(async () => {
  fake = await startFakeSlackApi();
  const config = loadConfig(
    slackEnv(fake, {
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: 'http://127.0.0.1:9/',
      TEAMS_TIMEOUT_MS: '200',
      PLAYGROUND: 'on',
      PLAYGROUND_MIGRATION_ID: `fuzz-pg-${process.pid}`,
      DEVICE_TOKEN_SECRET: DEVICE_SECRET,
      AGENT_TOKEN: AGENT,
      LICENSE_SERVERS: JSON.stringify([{ id: 'lic1', address: '27000@127.0.0.1' }]),
      HTTP_HEADERS_TIMEOUT_MS: '1000',
    }),
  );
  // Beside Slack the playground is a separate app: both get the same random traffic.
  const apps = await buildApps(config, createLogger('warn', logs.sink));
  app = apps.main;
  sandbox = apps.playground!;
  port = await app.start(0);
  pgPort = await sandbox.start(0);
});
afterAll(async () => {
  await app.stop();
  await sandbox.stop();
  await fake.close();
});

const PATHS = [
  '/livez',
  '/readyz',
  '/healthz',
  '/metrics',
  '/api/messages',
  '/slack/events',
  '/api/devices/report',
  '/api/license-servers/lic1/lmstat',
  '/api/license-servers/nope/lmstat',
  '/playground',
  '/playground/static/app.js',
  '/playground/api/people',
  '/playground/api/command',
  '/playground/api/action',
  '/playground/api/clock',
  '/playground/api/conversation',
];
const token = () => fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/);
const method = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'), token());
const target = fc.oneof(
  fc.constantFrom(...PATHS),
  fc.tuple(fc.constantFrom(...PATHS), fc.string({ maxLength: 30 })).map(([p, q]) => `${p}?${encodeURI(q)}`),
  fc.tuple(fc.constantFrom(...PATHS), fc.string({ maxLength: 20 })).map(([p, s]) => `${p}/${s}`),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('//[', 'http://x:99999/', '*', '/%', '/%zz', '//', '/playground/static/..%2f..%2fpackage.json'),
);
const body = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 300 }),
  fc.json({ maxDepth: 3 }),
  fc.record({ type: fc.string({ maxLength: 10 }), text: fc.string({ maxLength: 20 }) }).map((o) => JSON.stringify(o)),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
  fc
    .dictionary(fc.constantFrom('payload', 'command', 'text', 'user_id', 'type', 'token'), fc.string({ maxLength: 40 }))
    .map((d) => new URLSearchParams(d).toString()),
);
const headerValue = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ''));
const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'garbage',
    ),
    authorization: fc.oneof(
      headerValue,
      fc.constant(`Bearer ${AGENT}`),
      fc.constant(`Bearer ${issueDeviceToken('p-fuzz', DEVICE_SECRET)}`),
    ),
    'x-numbot-playground': fc.constantFrom('1', '0'),
    'x-slack-retry-num': fc.constantFrom('1', 'x', '-1'),
    origin: fc.oneof(headerValue, fc.constant('http://localhost')),
    extra: headerValue,
  },
  { requiredKeys: [] },
);

function request(m: string, t: string, h: Record<string, string>, b: string, sign: boolean): Buffer {
  const bytes = Buffer.from(b, 'latin1');
  const all: Record<string, string> = { host: 'localhost', connection: 'close', ...h };
  if (sign) {
    const ts = String(Math.floor(Date.now() / 1000));
    all['x-slack-request-timestamp'] = ts;
    all['x-slack-signature'] = slackSignature(SIGNING_SECRET, ts, bytes);
  }
  if (bytes.length > 0 || m === 'POST') all['content-length'] = String(bytes.length);
  const head = `${m} ${t} HTTP/1.1\r\n${Object.entries(all)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}

describe('the HTTP edge under random traffic', () => {
  it('answers every request, never with a 500, and keeps answering /livez', async () => {
    await fc.assert(
      fc.asyncProperty(method, target, headers, body, fc.boolean(), fc.boolean(), async (m, t, h, b, sign, toPg) => {
        const to = toPg ? pgPort : port;
        const answer = await rawRequest(to, request(m, t, h as Record<string, string>, b, sign), 2000);
        // Every request is answered (a 4xx for what cannot be used), none with an unexplained 500.
        expect(answer.status).toBeDefined();
        expect(answer.status).not.toBe(500);
        const live = await rawRequest(to, 'GET /livez HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
        expect(live.status).toBe(200);
      }),
      { seed: fuzzSeed(), numRuns: fuzzRuns(150) },
    );
    expect(logs.parsed().filter((l) => l.msg === 'request failed')).toEqual([]);
  }, 120_000);
});
