import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LicenseServerPoll } from '../../src/domain/license-server.ts';
import { MAX_LMSTAT_BODY_BYTES } from '../../src/server-watch/lmstat-push-route.ts';
import { POLL_HISTORY, readServerRecord } from '../../src/server-watch/server-record.ts';
import { startApp, type Running } from '../helpers/http-app.ts';

const TOKEN = 'agent-token-0123456789abcdef';
const SERVERS = JSON.stringify([{ id: 'lic01', address: '27000@lic01.acme.example' }]);
const BUSY = readFileSync(new URL('../fixtures/watch/adsk_busy.txt', import.meta.url));
const NOW = Date.UTC(2026, 11, 1, 9);
const auth = (token = TOKEN) => ({ authorization: `Bearer ${token}`, 'content-type': 'text/plain' });

let running: Running | undefined;
afterEach(async () => {
  await running?.app.stop();
  running = undefined;
});

async function polls(r: Running) {
  return r.app.services.store.readHistory<LicenseServerPoll>(POLL_HISTORY, 'lic01', 10);
}

describe('POST /api/license-servers/:id/lmstat', () => {
  it('stores a pushed lmstat output exactly like a poll', async () => {
    running = await startApp({ AGENT_TOKEN: TOKEN, LICENSE_SERVERS: SERVERS }, NOW);
    const r = await running.post('/api/license-servers/lic01/lmstat', BUSY, auth());
    expect(r).toEqual({
      status: 200,
      json: { server: 'lic01', at: NOW, status: 'up', inUse: 2, users: { matched: 0, unmatched: 2 }, ready: false },
    });
    expect(await polls(running)).toEqual([
      {
        at: NOW,
        status: 'up',
        inUse: 2,
        features: [
          {
            name: '87545ACD_2024_0F',
            inUse: 2,
            users: [
              { user: 'jdoe', host: 'PC-0042' },
              { user: 'svc_render', host: 'RENDER-01' },
            ],
          },
          { name: '87048RVT_2024_0F', inUse: 0, users: [] },
        ],
      },
    ]);
    expect(await readServerRecord(running.app.services.store, 'lic01')).toMatchObject({
      source: 'agent',
      status: 'up',
      lastPollAt: NOW,
    });
  });

  it('refuses a missing or wrong token and an unknown server, storing nothing', async () => {
    running = await startApp({ AGENT_TOKEN: TOKEN, LICENSE_SERVERS: SERVERS });
    expect((await running.post('/api/license-servers/lic01/lmstat', BUSY)).status).toBe(401);
    expect((await running.post('/api/license-servers/lic01/lmstat', BUSY, auth(`${TOKEN}x`))).status).toBe(401);
    expect((await running.post('/api/license-servers/lic01/lmstat', BUSY, { authorization: TOKEN })).status).toBe(401);
    const unknown = await running.post('/api/license-servers/lic99/lmstat', BUSY, auth());
    expect(unknown.status).toBe(404);
    expect(await polls(running)).toEqual([]);
  });

  it('refuses a body that is too large or is not lmstat output, with the reason', async () => {
    running = await startApp({ AGENT_TOKEN: TOKEN, LICENSE_SERVERS: SERVERS });
    const big = await running.post(
      '/api/license-servers/lic01/lmstat',
      Buffer.alloc(MAX_LMSTAT_BODY_BYTES + 1, 'a'),
      auth(),
    );
    expect(big.status).toBe(413);
    const junk = await running.post('/api/license-servers/lic01/lmstat', 'hello, this is not lmstat', auth());
    expect(junk.status).toBe(422);
    expect(junk.json.reason).toMatch(/lmstat -a output/);
    expect((await running.post('/api/license-servers/lic01/lmstat', '  \n', auth())).status).toBe(422);
    expect(
      (await running.post('/api/license-servers/lic01/lmstat', Buffer.from([0x55, 0x00, 0x01]), auth())).status,
    ).toBe(422);
    expect(await polls(running)).toEqual([]);
  });

  it('answers 503 while no agent token is configured', async () => {
    running = await startApp({ LICENSE_SERVERS: SERVERS });
    const r = await running.post('/api/license-servers/lic01/lmstat', BUSY, auth());
    expect(r).toEqual({
      status: 503,
      json: { error: 'not configured', detail: 'set AGENT_TOKEN to accept lmstat pushes' },
    });
  });
});
