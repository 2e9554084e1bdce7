// What the Teams endpoint answers to requests it cannot take: generic bodies (never an upstream error's text), 401 for
// a token that cannot be verified, 400 for an activity without a type.
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type Running } from '../../helpers/http-app.ts';

let running: Running | undefined;
afterEach(async () => {
  await running?.app.stop();
  running = undefined;
});

describe('Teams endpoint refusals', () => {
  it('a forged JWT gets 401 with a generic body', async () => {
    running = await startApp({
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
