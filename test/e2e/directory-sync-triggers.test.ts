// When the directory sync runs besides campaigns: once the bot is ready (a restarted bot links people imported
// before), and on the scheduler's `directory` job, one replica per tick. Real app, fake Slack Web API, real Redis.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { member } from '../fakes/slack-directory.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.ts';
import { slackEnv } from '../channels/slack/edge-harness.ts';
import { slashCommand } from '../helpers/slack-command.ts';
import { hasRedis, testRedis, uniqueMigrationId } from '../helpers/redis.ts';

const ROSTER = 'First Name,Last Name,Email\nAda,Lovelace,admin@example.org\nBob,Builder,bob@example.org';

describe.runIf(hasRedis())('directory sync at start and on schedule', () => {
  let fake: FakeSlackApi;
  let config: Config;
  const apps: App[] = [];
  let migrationId = '';
  const connections: ReturnType<typeof testRedis>[] = [];

  async function startApp(): Promise<{ app: App; base: string }> {
    const redis = testRedis();
    connections.push(redis);
    const app = await buildApp(config, createLogger('silent'), { store: createRedisStore({ redis, migrationId }) });
    apps.push(app);
    return { app, base: `http://127.0.0.1:${await app.start(0)}` };
  }
  async function command(base: string, text: string, responseId: string): Promise<string> {
    return slashCommand(base, fake, text, responseId);
  }

  beforeEach(async () => {
    migrationId = uniqueMigrationId('reach-triggers');
    fake = await startFakeSlackApi({ members: [member('U0ADMIN', 'admin@example.org')] });
    config = loadConfig(slackEnv(fake, { HOST: '127.0.0.1', ADMIN_EMAILS: 'admin@example.org' }));
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
    await fake.close();
  });
  afterAll(async () => {
    for (const c of connections) if (c.status !== 'end') await c.quit().catch(() => undefined);
  });

  it('links, once the bot is ready, people imported before it started', async () => {
    const first = await startApp();
    await first.app.services.directory.idle();
    expect(await command(first.base, `import\n${ROSTER}`, 'import')).toContain('Created: 2.');
    // Bob joins Slack while the bot is down.
    await first.app.stop();
    apps.splice(0);
    fake.setMembers([member('U0ADMIN', 'admin@example.org'), member('U0BOB', 'bob@example.org')]);
    const before = fake.calls('users.list').length;

    const second = await startApp();
    await second.app.services.directory.idle();
    expect(fake.calls('users.list').length).toBe(before + 1);
    expect((await second.app.services.store.getPerson('bob@example.org'))?.chat.slack?.userId).toBe('U0BOB');
    expect(await second.app.services.directory.latest()).toMatchObject({ trigger: 'start', unreachable: [] });
  });

  it("runs the scheduler's directory job on one replica per tick", async () => {
    const a = await startApp();
    const b = await startApp();
    await a.app.services.directory.idle();
    await b.app.services.directory.idle();
    expect(await command(a.base, `import\n${ROSTER}`, 'import')).toContain('Created: 2.');
    expect((await a.app.services.store.getPerson('bob@example.org'))?.chat.slack).toBeUndefined();
    fake.setMembers([member('U0ADMIN', 'admin@example.org'), member('U0BOB', 'bob@example.org')]);
    const before = fake.calls('users.list').length;
    const at = Date.now();
    const [ta, tb] = await Promise.all([
      a.app.services.scheduler.tick('directory', at),
      b.app.services.scheduler.tick('directory', at),
    ]);
    expect([ta.ran, tb.ran].sort()).toEqual([false, true]);
    expect(fake.calls('users.list').length).toBe(before + 1);
    expect((await b.app.services.store.getPerson('bob@example.org'))?.chat.slack?.userId).toBe('U0BOB');
    expect(await a.app.services.directory.latest()).toMatchObject({ trigger: 'schedule' });
  });
});
