// A long Autodesk run survives its process: the bot runs in its own process on the real Redis, an admin invites 80
// people from Teams, the process is killed (SIGKILL) mid-run, a new process on the same Redis takes the run over once
// the dead one's claim lapses, reads the team back first and finishes — nobody is called twice, everyone is invited,
// and the admins hear the outcome once. Nothing is seeded into the store: roster, sign-in and run all come from chat.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { startFakeAutodesk, type FakeAutodesk } from '../fakes/autodesk-team-admin.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../fakes/bot-connector.ts';
import {
  installActivity,
  messageActivity,
  postActivity,
  type TeamsUserFixture,
} from '../fakes/bot-connector-activities.ts';
import { eventually } from '../helpers/eventually.ts';
import { hasRedis, redisUrl, uniqueMigrationId } from '../helpers/redis.ts';
import type { ChildProcess } from 'node:child_process';
import { exited, spawnApp } from './helpers/spawn-app.ts';

const N = 80;
const TEAM = '100001';
const SCALE = 10; // Autodesk's minute lasts 6 s: about 9.5 calls a second
const ADMINS = '19:admins@thread.tacv2';
const admin: TeamsUserFixture = {
  userId: '29:admin',
  aadObjectId: 'aad-admin',
  tenantId: 'tenant-1',
  conversationId: 'a:admin-chat',
  name: 'admin',
};

const roster = () =>
  [
    'email,first name,last name,manager,department,products',
    ...Array.from({ length: N }, (_, i) => `person${i}@example.org,First${i},Last${i},,Design,Revit`),
  ].join('\n');

describe.runIf(hasRedis())('an Autodesk run across a kill', () => {
  const children: ChildProcess[] = [];
  let adsk: FakeAutodesk | undefined;
  let teams: FakeBotConnector | undefined;
  let store: MigrationStore | undefined;
  afterEach(async () => {
    for (const c of children.splice(0)) {
      c.kill('SIGKILL');
      await exited(c);
    }
    await store?.close();
    await adsk?.close();
    await teams?.close();
    adsk = teams = store = undefined;
  });

  it('is resumed by a new process after a SIGKILL, with a read-back first and nobody called twice', async () => {
    adsk = await startFakeAutodesk({ timeScale: SCALE });
    adsk.addTeam(TEAM, 'Acme Engineering', ['admin-1']);
    teams = await startFakeBotConnector({
      members: [
        {
          id: admin.userId,
          aadObjectId: admin.aadObjectId,
          email: 'admin@example.org',
          tenantId: 'tenant-1',
          name: 'admin',
        },
      ],
    });
    const migrationId = uniqueMigrationId('adsk-run');
    const env = {
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: teams.url,
      ADMIN_EMAILS: 'admin@example.org',
      TEAMS_ADMIN_CONVERSATION_ID: ADMINS,
      REDIS_URL: redisUrl(),
      MIGRATION_ID: migrationId,
      PROVISIONING: 'autodesk',
      PUBLIC_URL: 'https://numbot.example.com',
      AUTODESK_CLIENT_ID: adsk.clientId,
      AUTODESK_CLIENT_SECRET: adsk.clientSecret,
      AUTODESK_API_URL: adsk.url,
      AUTODESK_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    const a = adsk;
    const t = teams;
    const spawn = async () => {
      const started = await spawnApp({
        env,
        autodeskTime: { virtualAt: a.now(), realAt: Date.now(), scale: SCALE },
      });
      children.push(started.child);
      return started;
    };
    const first = await spawn();
    const base = `http://127.0.0.1:${first.port}`;
    expect((await postActivity(base, installActivity(t.url, admin))).status).toBe(200);
    const posts = () => t.posted().filter((p) => p.conversationId === admin.conversationId);
    async function say(text: string): Promise<string> {
      const seen = posts().length;
      expect((await postActivity(base, messageActivity(t.url, admin, text))).status).toBe(200);
      return JSON.stringify((await eventually(() => posts()[seen], 60_000)).payload);
    }
    expect(await say(`import\n${roster()}`)).toContain('80');
    const connect = await say('connect autodesk');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/authentication\/v2\/authorize\?[^"\s]+)/.exec(connect)?.[1];
    const authorize = await fetch(link!.replaceAll('&amp;', '&'), { redirect: 'manual' });
    const back = new URL(authorize.headers.get('location') ?? '');
    expect((await fetch(`${base}${back.pathname}${back.search}`)).status).toBe(200);

    expect(await say('invite pending')).toContain("Lancé : inviter 80 personnes dans l'équipe Autodesk, environ 2 min");
    const invites = () => a.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/users'));
    await eventually(() => invites().length >= 20 || undefined, 30_000);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const atKill = invites().length;
    expect(atKill).toBeLessThan(N);
    const readsAtKill = a.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/users')).length;

    // A new process on the same Redis: it takes the run over once the dead one's claim lapses.
    await spawn();
    const done = await eventually(
      () =>
        t
          .posted()
          .find((p) => p.conversationId === ADMINS && JSON.stringify(p.payload).includes('Refusés avant envoi')),
      90_000,
    );
    const text = JSON.stringify(done.payload);
    // The resumed run read the team back before calling anyone, and called only those Autodesk did not show.
    expect(a.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/users')).length).toBeGreaterThan(readsAtKill);
    const subjects = invites()
      .filter((c) => c.status < 300)
      .map((c) => c.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(subjects).toHaveLength(N);
    expect(a.users(TEAM)).toHaveLength(N);
    const already = Number(/Déjà fait : (\d+)/.exec(text)?.[1]);
    expect(already).toBeGreaterThanOrEqual(atKill - 1);
    expect(text).toContain(`Fait : ${N - already}. Déjà fait : ${already}. En échec : 0.`);
    // The roster knows everyone as invited, and the outcome was told once.
    store = createRedisStore({ redis: redisUrl(), migrationId });
    const people = await store.getPeople(Array.from({ length: N }, (_, i) => `person${i}@example.org`));
    expect(people.every((p) => p?.invite.status === 'invited')).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      t
        .posted()
        .filter((p) => p.conversationId === ADMINS && JSON.stringify(p.payload).includes('Refusés avant envoi')),
    ).toHaveLength(1);
  }, 150_000);

  it('is resumed at once after a clean stop (a rolling restart), nobody called twice', async () => {
    adsk = await startFakeAutodesk({ timeScale: SCALE });
    adsk.addTeam(TEAM, 'Acme Engineering', ['admin-1']);
    teams = await startFakeBotConnector({
      members: [
        {
          id: admin.userId,
          aadObjectId: admin.aadObjectId,
          email: 'admin@example.org',
          tenantId: 'tenant-1',
          name: 'admin',
        },
      ],
    });
    const a = adsk;
    const t = teams;
    const config = loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: t.url,
      ADMIN_EMAILS: 'admin@example.org',
      TEAMS_ADMIN_CONVERSATION_ID: ADMINS,
      REDIS_URL: redisUrl(),
      MIGRATION_ID: uniqueMigrationId('adsk-stop'),
      PROVISIONING: 'autodesk',
      PUBLIC_URL: 'https://numbot.example.com',
      AUTODESK_CLIENT_ID: a.clientId,
      AUTODESK_CLIENT_SECRET: a.clientSecret,
      AUTODESK_API_URL: a.url,
      AUTODESK_TOKEN_KEY: Buffer.alloc(32, 8).toString('base64'),
    });
    const build = () => buildApp(config, createLogger('silent'), { autodeskTime: { now: a.now, sleep: a.sleep } });
    const first = await build();
    const base = `http://127.0.0.1:${await first.start(0)}`;
    expect((await postActivity(base, installActivity(t.url, admin))).status).toBe(200);
    const posts = () => t.posted().filter((p) => p.conversationId === admin.conversationId);
    async function say(text: string): Promise<string> {
      const seen = posts().length;
      expect((await postActivity(base, messageActivity(t.url, admin, text))).status).toBe(200);
      return JSON.stringify((await eventually(() => posts()[seen], 60_000)).payload);
    }
    await say(`import\n${roster()}`);
    const connect = await say('connect autodesk');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/authentication\/v2\/authorize\?[^"\s]+)/.exec(connect)?.[1];
    const back = new URL(
      (await fetch(link!.replaceAll('&amp;', '&'), { redirect: 'manual' })).headers.get('location') ?? '',
    );
    expect((await fetch(`${base}${back.pathname}${back.search}`)).status).toBe(200);
    expect(await say('invite pending')).toContain('Lancé : inviter 80 personnes');
    const invites = () => a.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/users'));
    await eventually(() => invites().length >= 20 || undefined, 30_000);
    await first.stop();
    const atStop = invites().length;
    expect(atStop).toBeLessThan(N);
    const stoppedAt = Date.now();
    const second = await build();
    await second.start(0);
    try {
      const done = JSON.stringify(
        (
          await eventually(
            () =>
              t
                .posted()
                .find((p) => p.conversationId === ADMINS && JSON.stringify(p.payload).includes('Refusés avant envoi')),
            60_000,
          )
        ).payload,
      );
      // No lease to wait out: 60 calls at ~9.5 a second, well under the 15 s a lapsed claim would add.
      expect(Date.now() - stoppedAt).toBeLessThan(14_000);
      expect(done).toContain(`Fait : ${N - atStop}. Déjà fait : ${atStop}. En échec : 0.`);
      const subjects = invites()
        .filter((c) => c.status < 300)
        .map((c) => c.subject);
      expect(new Set(subjects).size).toBe(N);
      expect(subjects).toHaveLength(N);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
