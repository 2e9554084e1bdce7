// Slack refusing the app token while the bot runs (token revoked, app uninstalled, Socket Mode switched off): the
// process stays up (no unhandled rejection), logs one clear error without the token, /healthz answers 503 while the
// socket is down, and the bot reconnects by itself once Slack accepts the token again. At start, only a refused token
// stops the boot; Slack failing for another reason (internal_error, service_unavailable...) leaves the bot up and
// retrying. Against the fake Slack, with the real SDK: its first retry comes 5 s after the refusal, so these tests take
// a few seconds each.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/app/build-app.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import { FAKE_TEAM_ID } from '../../fakes/slack-directory.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.ts';
import { eventually } from '../../helpers/eventually.ts';
import { captureLogs, type LogLine } from '../../helpers/log-capture.ts';
import { slackEnv } from './edge-harness.ts';

/** Generous: the first retry is 5 s after a refusal; leave room on a loaded machine. */
const RETRY_MS = 20_000;

describe('Slack Socket Mode when Slack refuses the app token on a reconnection', () => {
  let fake: FakeSlackApi;
  let app: App | undefined;
  let port = 0;
  let lines: string[];
  let rejections: unknown[];
  const onRejection = (reason: unknown) => void rejections.push(reason);

  beforeEach(async () => {
    fake = await startFakeSlackApi();
    app = undefined;
    lines = [];
    rejections = [];
    process.on('unhandledRejection', onRejection);
  });
  afterEach(async () => {
    process.off('unhandledRejection', onRejection);
    await app?.stop();
    await fake.close();
  });

  async function startApp(): Promise<App> {
    const env = slackEnv(fake, {
      HOST: '127.0.0.1',
      SLACK_SOCKET_MODE: 'true',
      SLACK_APP_TOKEN: fake.appToken,
      SLACK_SIGNING_SECRET: '',
    });
    const capture = captureLogs();
    lines = capture.lines;
    const sink = capture.sink;
    app = await buildApp(loadConfig(env), createLogger('info', sink), {
      store: createMemoryStore(`socket-revoked-${Date.now()}`),
    });
    port = await app.start(0);
    return app;
  }

  const logs = (): LogLine[] => lines.map((l) => JSON.parse(l) as LogLine);
  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const refusals = (error: string) => fake.calls('apps.connections.open').filter((c) => c.error === error).length;
  const status = (responseId: string) =>
    fake.socketMode.push('slash_commands', {
      team_id: FAKE_TEAM_ID,
      channel_id: 'C0GENERAL',
      user_id: 'U0NOBODY',
      command: '/migrate',
      text: 'help',
      api_app_id: 'A0NUMBOT',
      response_url: fake.responseUrl(responseId),
      trigger_id: `trigger-${responseId}`,
    });

  it('stays up, reports the socket down, logs one clear error, and reconnects once the token works again', async () => {
    await startApp();
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', slack: 'connected' } });

    fake.refuseAppToken('invalid_auth');
    fake.socketMode.disconnect('link_disabled');
    await eventually(() => refusals('invalid_auth') >= 1, RETRY_MS);
    // Either the bot reports itself down, or (the old behaviour) the SDK's reconnection rejected with nobody to catch it.
    await eventually(async () => rejections.length > 0 || (await health()).status === 503, RETRY_MS);
    expect(rejections).toEqual([]);
    expect(await health()).toEqual({ status: 503, body: { status: 'degraded', slack: 'disconnected' } });
    expect((await fetch(`http://127.0.0.1:${port}/livez`)).status).toBe(200);

    const errors = logs().filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toMatch(
      /^Slack Socket Mode could not connect: apps\.connections\.open answered "invalid_auth"\. Check SLACK_APP_TOKEN/,
    );
    expect(errors[0]!.retryInMs).toBe(5_000);
    expect(lines.join('\n')).not.toContain(fake.appToken);

    fake.refuseAppToken(null);
    await eventually(async () => fake.socketMode.connections() === 1 && (await health()).status === 200, RETRY_MS);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', slack: 'connected' } });
    // Envelopes flow again, on the new connection.
    const id = status('after-revoke');
    expect((await eventually(() => fake.socketMode.acks(id)[0], 10_000)).connection).toBe(2);
    await eventually(() => fake.responses('after-revoke')[0], 10_000);

    const said = logs().map((l) => l.msg);
    expect(said.filter((m) => m === 'slack socket mode connection closed; reconnecting')).toHaveLength(1);
    expect(said.filter((m) => m === 'slack socket mode reconnected')).toHaveLength(1);
    expect(logs().filter((l) => l.level >= 50)).toHaveLength(1);
    expect(rejections).toEqual([]);
  }, 60_000);

  it('stops cleanly while a reconnection is waiting: nothing reconnects afterwards', async () => {
    await startApp();
    fake.refuseAppToken('not_allowed_token_type');
    fake.socketMode.disconnect('link_disabled');
    await eventually(async () => (await health()).status === 503, RETRY_MS);
    const tried = fake.calls('apps.connections.open').length;

    await app!.stop();
    app = undefined;
    fake.refuseAppToken(null);
    // The retry that was waiting would have come 5 s after the refusal; give it more than that to show it is gone.
    await new Promise((r) => setTimeout(r, 7_000));
    expect(fake.calls('apps.connections.open')).toHaveLength(tried);
    expect(fake.socketMode.connections()).toBe(0);
    expect(rejections).toEqual([]);
  }, 40_000);

  it.each(['internal_error', 'service_unavailable', 'fatal_error', 'request_timeout', 'ratelimited'])(
    'starts when apps.connections.open answers "%s" at first, and reports the socket down',
    async (code) => {
      fake.injectFault({ method: 'apps.connections.open', kind: 'error', error: code });
      await startApp();
      expect(await health()).toEqual({ status: 503, body: { status: 'degraded', slack: 'disconnected' } });
      const errors = logs().filter((l) => l.level >= 50);
      expect(errors).toMatchObject([
        { msg: `Slack Socket Mode could not connect: apps.connections.open answered "${code}".`, retryInMs: 5_000 },
      ]);
      expect(fake.calls('apps.connections.open')).toMatchObject([{ status: 200, error: code }]);
      expect(rejections).toEqual([]);
    },
  );

  it('after an internal_error at start, connects by itself', async () => {
    fake.injectFault({ method: 'apps.connections.open', kind: 'error', error: 'internal_error' });
    await startApp();
    await eventually(async () => (await health()).status === 200, RETRY_MS);
    expect(fake.calls('apps.connections.open').map((c) => c.error)).toEqual(['internal_error', undefined]);
    expect(logs().map((l) => l.msg)).toContain('slack socket mode connected');
    const id = status('after-internal-error');
    await eventually(() => fake.socketMode.acks(id)[0], 10_000);
    expect(rejections).toEqual([]);
  }, 40_000);

  it.each([
    'token_revoked',
    'token_expired',
    'account_inactive',
    'missing_scope',
    'app_uninstalled',
    'not_allowed_token_type',
    'team_disabled',
  ])('refuses to start when apps.connections.open answers "%s", and opens nothing', async (code) => {
    fake.refuseAppToken(code);
    const err = await startApp().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(
      new RegExp(
        `^Slack Socket Mode could not connect: apps\\.connections\\.open answered "${code}"\\. Check SLACK_APP_TOKEN`,
      ),
    );
    expect(err?.message).not.toContain(fake.appToken);
    expect(fake.calls('apps.connections.open')).toHaveLength(1);
    expect(fake.socketMode.history()).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it('starts when Slack cannot be reached at first, reports the socket down and connects by itself', async () => {
    fake.injectFault({ method: 'apps.connections.open', kind: 'http', status: 503 });
    await startApp();
    expect(await health()).toEqual({ status: 503, body: { status: 'degraded', slack: 'disconnected' } });
    expect(
      logs()
        .filter((l) => l.level >= 50)
        .map((l) => l.msg),
    ).toEqual([
      'Slack Socket Mode could not connect: apps.connections.open answered HTTP 503. Is SLACK_API_URL right?',
    ]);

    await eventually(async () => (await health()).status === 200, RETRY_MS);
    expect(fake.calls('apps.connections.open').map((c) => c.status)).toEqual([503, 200]);
    const id = status('after-start');
    await eventually(() => fake.socketMode.acks(id)[0], 10_000);
    expect(rejections).toEqual([]);
  }, 40_000);
});
