// What the Teams endpoint answers to requests it cannot take: generic bodies (never an upstream error's text), 401 for
// a token that cannot be verified, 400 for an activity without a type.
// Token verification reads a local OpenID configuration (TEAMS_OPENID_METADATA_URL) whose key set holds only an
// unrelated key: the test never leaves 127.0.0.1.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type Running } from '../../helpers/http-app.ts';

let running: Running | undefined;
let openId: Server | undefined;
afterEach(async () => {
  await running?.app.stop();
  running = undefined;
  await new Promise<void>((r) => (openId ? openId.close(() => r()) : r()));
  openId = undefined;
});

/** A Bot Framework OpenID configuration on 127.0.0.1 with one unrelated RSA key; records the paths asked for. */
async function localOpenId(): Promise<{ metadataUrl: string; asked: string[] }> {
  const asked: string[] = [];
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  const server = createServer((req, res) => {
    asked.push(req.url ?? '');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body =
      req.url === '/v1/.well-known/openidconfiguration'
        ? {
            issuer: 'https://api.botframework.com',
            jwks_uri: `${origin}/v1/.well-known/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }
        : req.url === '/v1/.well-known/keys'
          ? { keys: [{ ...jwk, kid: 'unrelated', use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body ? JSON.stringify(body) : '');
  });
  openId = server;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`, asked };
}

describe('Teams endpoint refusals', () => {
  it('a forged JWT gets 401 with a generic body', async () => {
    const local = await localOpenId();
    running = await startApp({
      TEAMS_OPENID_METADATA_URL: local.metadataUrl,
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'x',
      MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-000000000002',
      PLAYGROUND: 'off',
    });
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'nope', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: 'x' })).toString('base64url');
    const res = await running.post(
      '/api/messages',
      JSON.stringify({ type: 'message', text: 'hi', serviceUrl: 'https://smba.trafficmanager.net/teams/' }),
      { 'content-type': 'application/json', authorization: `Bearer ${header}.${claims}.c2ln` },
    );
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: 'unauthorized' });
    // The keys were looked up locally (and the forged key id was not among them).
    expect(local.asked).toEqual(
      expect.arrayContaining(['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys']),
    );
  });

  it.each([
    ['{}', 'no type'],
    ['{"type":42,"text":"hi"}', 'a type that is not text'],
    ['{"type":""}', 'an empty type'],
  ])('an activity %s (%s) gets 400 with a generic body', async (body) => {
    running = await startApp({ NODE_ENV: 'test', TEAMS_LOCAL_NO_AUTH: 'true', PLAYGROUND: 'off' });
    const res = await running.post('/api/messages', body, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: 'bad request' });
  });
});
