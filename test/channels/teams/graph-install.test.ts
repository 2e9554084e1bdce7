// Proactive installation through Microsoft Graph with real credentials: a client-credentials token from the Entra token
// endpoint (asked once, reused), the installation, 409 when already installed, 429 waited out as Retry-After says.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphInstaller } from '../../../src/channels/teams/graph-install.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { createGraphInstalls, FAKE_CATALOG_ID, type FakeGraphInstalls } from '../../fakes/bot-connector-graph.ts';

const SECRET = 'entra-secret-value';

describe('Graph proactive installation', () => {
  let server: Server;
  let graph: FakeGraphInstalls;
  let base = '';
  let tokens = 0;
  const waits: number[] = [];

  beforeEach(async () => {
    tokens = 0;
    waits.length = 0;
    graph = createGraphInstalls({
      users: () => [{ id: '29:ann', aadObjectId: 'aad-ann', email: 'ann@example.org' }],
      catalogId: FAKE_CATALOG_ID,
      registerConversation: () => undefined,
    });
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (url.pathname === '/tenant-1/oauth2/v2.0/token') {
          const form = new URLSearchParams(raw.toString('utf8'));
          const ok = form.get('client_id') === 'app-1' && form.get('client_secret') === SECRET;
          if (ok) tokens++;
          res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify(ok ? { access_token: `tok-${tokens}`, expires_in: 3599 } : { error: 'invalid_client' }),
          );
          return;
        }
        if (req.headers.authorization !== 'Bearer tok-1') {
          res
            .writeHead(401, { 'content-type': 'application/json' })
            .end('{"error":{"code":"InvalidAuthenticationToken"}}');
          return;
        }
        if (!graph.handle(req, res, url.pathname, url.searchParams, raw)) res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const installer = (secret = SECRET) =>
    createGraphInstaller(
      loadConfig({
        LOG_LEVEL: 'silent',
        TEAMS_APP_CATALOG_ID: FAKE_CATALOG_ID,
        ENTRA_TENANT_ID: 'tenant-1',
        ENTRA_CLIENT_ID: 'app-1',
        ENTRA_CLIENT_SECRET: secret,
        ENTRA_LOGIN_URL: base,
        GRAPH_URL: `${base}graph/v1.0/`,
      }),
      createLogger('silent'),
      { sleep: async (ms) => void waits.push(ms) },
    )!;

  it('installs with a token asked once, waits out a 429 as Retry-After says, and finds the chat again once installed', async () => {
    const i = installer();
    graph.throttle(1, 3);
    expect(await i.install('Ann@Example.org')).toEqual({
      ok: true,
      aadObjectId: 'aad-ann',
      chatId: '19:aad-ann_numbot@unq.gbl.spaces',
    });
    expect(waits).toEqual([3000]);
    // Already installed: 409, then the installation and its chat as before.
    expect(await i.install('ann@example.org')).toMatchObject({ ok: true, chatId: '19:aad-ann_numbot@unq.gbl.spaces' });
    expect(tokens).toBe(1);
    expect(graph.installedFor()).toEqual(['aad-ann']);
    const posts = graph.calls().filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(await i.install('nobody@example.org')).toMatchObject({ ok: false, code: 'no_user' });
  });

  it('says the credentials were refused, and is off without a catalog id', async () => {
    await expect(installer('wrong').install('ann@example.org')).rejects.toThrow(/ENTRA_CLIENT_ID credentials/);
    expect(createGraphInstaller(loadConfig({ LOG_LEVEL: 'silent' }), createLogger('silent'))).toBeUndefined();
    expect(() => loadConfig({ LOG_LEVEL: 'silent', TEAMS_APP_CATALOG_ID: FAKE_CATALOG_ID })).toThrow(
      /ENTRA_CLIENT_ID: required when TEAMS_APP_CATALOG_ID is set/,
    );
  });
});
