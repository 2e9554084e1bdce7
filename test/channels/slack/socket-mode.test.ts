// Socket Mode is chosen by configuration: no HTTP route then, a Socket Mode receiver and a `slack` part in /healthz
// (not started here; the connection itself is tested end to end in socket-mode-journey.test.ts and
// socket-mode-revoked.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { SocketModeReceiver } from '@slack/bolt';
import { buildApp, type App } from '../../../src/app/build-app.ts';
import { createBoltApp } from '../../../src/channels/slack/bolt-app.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.ts';
import { makeEdge, slackEnv } from './edge-harness.ts';

describe('Slack Socket Mode wiring', () => {
  let fake: FakeSlackApi;
  let app: App | undefined;
  afterEach(async () => {
    await app?.http.close();
    await fake.close();
  });

  it('needs an app token', async () => {
    fake = await startFakeSlackApi();
    expect(() => loadConfig(slackEnv(fake, { SLACK_SOCKET_MODE: 'true' }))).toThrow(/SLACK_APP_TOKEN/);
  });

  it('uses a Socket Mode receiver and serves no /slack/events route', async () => {
    fake = await startFakeSlackApi();
    const env = slackEnv(fake, { SLACK_SOCKET_MODE: 'true', SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: '' });
    const bolt = createBoltApp(makeEdge(fake, { env }));
    expect(bolt.mode).toBe('socket');
    expect(bolt.receiver).toBeUndefined();
    expect((bolt.app as unknown as { receiver: unknown }).receiver).toBeInstanceOf(SocketModeReceiver);
    expect(bolt.socket?.receiver).toBe((bolt.app as unknown as { receiver: unknown }).receiver);

    app = await buildApp(loadConfig({ ...env, HOST: '127.0.0.1' }), createLogger('silent'));
    expect(app.services.channels.slack?.platform).toBe('slack');
    const port = await app.http.listen(0, '127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    // Not started, so not connected: /healthz says so.
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect([health.status, await health.json()]).toEqual([503, { status: 'degraded', slack: 'disconnected' }]);
  });

  it('over HTTP, /healthz does not depend on Slack', async () => {
    fake = await startFakeSlackApi();
    app = await buildApp(loadConfig({ ...slackEnv(fake), HOST: '127.0.0.1' }), createLogger('silent'));
    const port = await app.http.listen(0, '127.0.0.1');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('installs nothing without a bot token', async () => {
    fake = await startFakeSlackApi();
    app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', HOST: '127.0.0.1' }), createLogger('silent'));
    expect(app.services.channels.slack).toBeUndefined();
  });
});
