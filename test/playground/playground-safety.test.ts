// The playground lets whoever loads it act as anyone: its API answers only requests addressed to this machine (Host,
// and Origin when sent), it listens on loopback by default when it runs alone, and beside a real platform it runs as a
// separate app on a separate migration, so the sample never reaches the real store nor a real platform.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApps } from '../../src/app/build-apps.ts';
import type { App } from '../../src/app/build-app.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startFakeSlackApi } from '../fakes/slack-api.ts';
import { redisUrl, uniqueMigrationId } from '../helpers/redis.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { slackEnv } from '../channels/slack/edge-harness.ts';
import { startApp, type Running } from '../helpers/http-app.ts';

let running: Running | undefined;
let apps: App[] = [];
afterEach(async () => {
  await running?.app.stop();
  running = undefined;
  for (const a of apps) await a.stop();
  apps = [];
});

const api = (port: number, headers: Record<string, string>) =>
  rawRequest(
    port,
    `GET /playground/api/people HTTP/1.1\r\n${Object.entries({
      'x-numbot-playground': '1',
      connection: 'close',
      ...headers,
    })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`,
  );

describe('playground API: Host and Origin', () => {
  it('answers for localhost, 127.0.0.1 and [::1], refuses any other Host (DNS rebinding) or Origin', async () => {
    running = await startApp({ PLAYGROUND: 'on' });
    const port = Number(new URL(running.url).port);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost'])
      expect((await api(port, { host })).status, host).toBe(200);
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1.evil.example', ''])
      expect((await api(port, { host })).status, host).toBe(403);
    expect((await api(port, { host: 'localhost', origin: 'http://evil.example' })).status).toBe(403);
    expect((await api(port, { host: 'localhost', origin: `http://localhost:${port}` })).status).toBe(200);
  });
  it('answers for hosts named in PLAYGROUND_HOSTS', async () => {
    running = await startApp({ PLAYGROUND: 'on', PLAYGROUND_HOSTS: 'play.internal, demo.example.org' });
    const port = Number(new URL(running.url).port);
    expect((await api(port, { host: 'play.internal:8080' })).status).toBe(200);
    expect((await api(port, { host: 'demo.example.org', origin: 'https://demo.example.org' })).status).toBe(200);
    expect((await api(port, { host: 'other.example.org' })).status).toBe(403);
  });
});

describe('where the playground listens and which store it writes', () => {
  it('binds 127.0.0.1 by default when only the playground runs, all interfaces when a platform runs', async () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test', TEAMS_LOCAL_NO_AUTH: 'true' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });
  it('refuses PLAYGROUND=on beside a platform unless PLAYGROUND_MIGRATION_ID names a separate migration', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PLAYGROUND: 'on' };
    expect(() => loadConfig(slack)).toThrow(ConfigError);
    expect(() => loadConfig(slack)).toThrow(/PLAYGROUND_MIGRATION_ID/);
    expect(() => loadConfig({ ...slack, PLAYGROUND_MIGRATION_ID: 'default' })).toThrow(/PLAYGROUND_MIGRATION_ID/);
    expect(loadConfig({ ...slack, PLAYGROUND_MIGRATION_ID: 'sandbox' }).playgroundEnabled).toBe(false);
  });
  it('beside Slack, the sample goes into the separate migration; the real one stays empty and Slack gets nothing', async () => {
    const fake = await startFakeSlackApi();
    try {
      const real = uniqueMigrationId('real');
      const sandbox = uniqueMigrationId('sandbox');
      const config = loadConfig(
        slackEnv(fake, {
          HOST: '127.0.0.1',
          PORT: '0',
          PLAYGROUND: 'on',
          PLAYGROUND_PORT: '0',
          REDIS_URL: redisUrl(),
          MIGRATION_ID: real,
          PLAYGROUND_MIGRATION_ID: sandbox,
        }),
      );
      const built = await buildApps(config, createLogger('silent'));
      apps = [built.main, ...(built.playground ? [built.playground] : [])];
      expect(built.playground).toBeDefined();
      await built.main.start(0);
      const port = await built.playground!.start(0);
      expect((await built.main.services.store.counters()).total ?? 0).toBe(0);
      expect((await built.playground!.services.store.counters()).total).toBeGreaterThan(0);
      // The real app serves no playground; the playground app serves no Slack route.
      const mainPort = built.main.http.server.address() as { port: number };
      expect((await api(mainPort.port, { host: 'localhost' })).status).toBe(404);
      expect((await api(port, { host: 'localhost' })).status).toBe(200);
      const slackRoute = await rawRequest(
        port,
        'POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
      );
      expect(slackRoute.status).toBe(404);
      // Sample people's cards: `notify pending` in the playground reaches the playground only.
      const before = fake.calls().filter((c) => c.method.startsWith('chat.')).length;
      const people = (await (
        await fetch(`http://127.0.0.1:${port}/playground/api/people`, { headers: { 'x-numbot-playground': '1' } })
      ).json()) as { people: { id: string; roles: string[] }[] };
      const admin = people.people.find((p) => p.roles.includes('admin'))!;
      const res = await fetch(`http://127.0.0.1:${port}/playground/api/command`, {
        method: 'POST',
        headers: { 'x-numbot-playground': '1', 'content-type': 'application/json' },
        body: JSON.stringify({ as: admin.id, text: 'notify pending' }),
      });
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
      expect(fake.calls().filter((c) => c.method.startsWith('chat.')).length).toBe(before);
    } finally {
      await fake.close();
    }
  });
});
