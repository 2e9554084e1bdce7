// PROVISIONING=autodesk end to end, on Slack and on Teams: the roster comes in through chat, an admin connects the
// bot through Autodesk's sign-in (PKCE, single-use state, callback page in the admin's language), invites and assigns
// 200 people from chat against the fake Team Admin API (time scaled), no one is called twice, and `disconnect
// autodesk` revokes the tokens. Nothing is seeded into the store.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { startFakeAutodesk, type FakeAutodesk } from '../fakes/autodesk-team-admin.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../fakes/bot-connector.ts';
import {
  installActivity,
  messageActivity,
  postActivity,
  type TeamsUserFixture,
} from '../fakes/bot-connector-activities.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.ts';
import { member } from '../fakes/slack-directory.ts';
import { slackEnv } from '../channels/slack/edge-harness.ts';
import { eventually } from '../helpers/eventually.ts';
import { slashCommand } from '../helpers/slack-command.ts';

const N = 200;
const TEAM = '100001';
const PUBLIC_URL = 'https://numbot.example.com';
const KEY = Buffer.alloc(32, 5).toString('base64');
let seq = 0;

const roster = () =>
  [
    'email,first name,last name,manager,department,products',
    ...Array.from({ length: N }, (_, i) => `person${i}@example.org,First${i},Last${i},,Design,Revit`),
  ].join('\n');

function autodeskEnv(adsk: FakeAutodesk): Record<string, string> {
  return {
    PROVISIONING: 'autodesk',
    PUBLIC_URL,
    AUTODESK_CLIENT_ID: adsk.clientId,
    AUTODESK_CLIENT_SECRET: adsk.clientSecret,
    AUTODESK_API_URL: adsk.url,
    AUTODESK_TOKEN_KEY: KEY,
  };
}

async function startAutodesk(): Promise<FakeAutodesk> {
  // Access tokens of 400 Autodesk seconds: the runs below outlive several, so they refresh (and rotate) mid-run.
  const adsk = await startFakeAutodesk({ timeScale: 150, accessTokenSeconds: 400 });
  adsk.addTeam(TEAM, 'Acme Engineering', ['admin-1']);
  adsk.addPool(TEAM, {
    productId: 'rvt-1',
    productName: 'Revit',
    totalQuantity: 250,
    assignedQuantity: 20,
    unlimited: false,
  });
  return adsk;
}

/** Follows the sign-in link as the admin's browser would: Autodesk's page, then the bot's callback. */
async function signInThrough(text: string, base: string): Promise<{ status: number; page: string; callback: string }> {
  const link = /(http:\/\/127\.0\.0\.1:\d+\/authentication\/v2\/authorize\?[^"\s]+)/.exec(text)?.[1];
  expect(link).toBeDefined();
  const authorize = await fetch(link!.replaceAll('&amp;', '&'), { redirect: 'manual' });
  expect(authorize.status).toBe(302);
  const back = new URL(authorize.headers.get('location') ?? '');
  expect(`${back.origin}${back.pathname}`).toBe(`${PUBLIC_URL}/autodesk/callback`);
  const callback = `${base}${back.pathname}${back.search}`;
  const res = await fetch(callback);
  return { status: res.status, page: await res.text(), callback };
}

function checkAutodesk(adsk: FakeAutodesk) {
  const posts = (suffix: string) =>
    adsk.calls.filter((c) => c.method === 'POST' && c.status < 300 && c.path.endsWith(suffix)).map((c) => c.subject);
  expect(adsk.users(TEAM)).toHaveLength(N);
  expect(adsk.assignments(TEAM)).toHaveLength(N);
  expect(new Set(posts('/users')).size).toBe(posts('/users').length);
  expect(new Set(posts('/assignments')).size).toBe(posts('/assignments').length);
  expect(posts('/users')).toHaveLength(N);
  expect(adsk.rejected429).toBe(0);
}

describe('Autodesk Team Admin API from chat', () => {
  let app: App | undefined;
  let adsk: FakeAutodesk | undefined;
  let slack: FakeSlackApi | undefined;
  let teams: FakeBotConnector | undefined;
  afterEach(async () => {
    await app?.stop();
    await adsk?.close();
    await slack?.close();
    await teams?.close();
    app = adsk = slack = teams = undefined;
  });

  it('Slack: connect (page in English), invite and assign 200 people, no one twice, disconnect', async () => {
    adsk = await startAutodesk();
    slack = await startFakeSlackApi({ members: [member('U0ADMIN', 'admin@example.org', { locale: 'fr-FR' })] });
    const config = loadConfig({
      ...slackEnv(slack, { HOST: '127.0.0.1', ADMIN_EMAILS: 'admin@example.org' }),
      ...autodeskEnv(adsk),
    });
    app = await buildApp(config, createLogger('silent'), {
      store: createMemoryStore(`e2e-adsk-slack-${++seq}`),
      autodeskTime: { now: adsk.now, sleep: adsk.sleep },
    });
    const base = `http://127.0.0.1:${await app.start(0)}`;
    const s = slack;
    async function say(text: string, id: string): Promise<string> {
      return slashCommand(base, s, text, id, { timeoutMs: 60_000 });
    }

    expect(await say(`import\n${roster()}`, 'import')).toContain('200');
    const before = await say('invite pending', 'early');
    expect(before).toContain(
      'Stopped before the end: Autodesk is not connected: an admin runs \\"connect autodesk\\".',
    );
    expect(adsk.calls).toHaveLength(0);

    const connect = await say('connect autodesk', 'connect');
    expect(connect).toContain('Sign in with Autodesk');
    const signIn = await signInThrough(connect, base);
    expect(signIn.status).toBe(200);
    expect(signIn.page).toContain('Autodesk is connected. The bot works on the team Acme Engineering.');
    expect(signIn.page).toContain('<html lang="en">');
    // The state is single-use: the same callback again is refused, and the connection stays as it was.
    const replay = await fetch(signIn.callback);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('This sign-in link has expired or was already used');

    // The command answers at once; the run goes on at Autodesk's pace and the admins hear when it is done.
    const adminPost = async (text: string) =>
      JSON.stringify(
        await eventually(
          () => s.posted().find((m) => m.channel === 'CADMINS' && JSON.stringify(m).includes(text)),
          60_000,
        ),
      );
    expect(await say('invite pending', 'invite')).toContain(
      'Started: invite 200 people to the Autodesk team, about 4 min at Autodesk',
    );
    expect(await adminPost('Done: 200. Already done before: 0.')).toContain('Failed: 0. Refused before sending: 0.');
    // Seats before work: the answer says what the pool has before anything is assigned.
    expect(await say('assign Revit pending', 'assign')).toContain(
      'Revit: 230 seats free, 200 people to assign.\\n\\nStarted: assign Revit to 200 people, about 4 min',
    );
    expect(await adminPost('Revit: 230 seats free, 200 people to assign.')).toContain('Done: 200.');
    checkAutodesk(adsk);
    // A second run calls no one: the roster knows the invitations (and the provider would read back first).
    const calls = adsk.calls.length;
    await say('invite all', 'again');
    expect(adsk.calls.filter((c) => c.method === 'POST').length).toBe(2 * N);
    expect(adsk.calls.length).toBe(calls);
    const audit = await app.services.store.readAudit(2000);
    expect(audit.filter((a) => a.action === 'autodesk:addTeamUser').every((a) => a.actor === 'admin@example.org')).toBe(
      true,
    );

    // Five people accepted their invitation: `reconcile` reads the team back and records it, once.
    for (let i = 0; i < 5; i++) adsk.activate(TEAM, `person${i}@example.org`);
    expect(await say('reconcile', 'reconcile')).toContain(
      '200 people found in Autodesk, 5 updated. Not in Autodesk: 0. Seats the roster has but Autodesk does not show: 0. In Autodesk but not in the roster: 0.',
    );
    expect((await app.services.store.getPerson('person0@example.org'))?.invite.status).toBe('active');
    expect(await say('reconcile', 'reconcile-again')).toContain('200 people found in Autodesk, 0 updated.');
    expect(await say('disconnect autodesk', 'disconnect')).toContain("the bot's tokens are revoked at Autodesk");
    expect(adsk.revoked.sort()).toEqual(['access_token', 'refresh_token']);
    expect(await say('connect autodesk team 100001', 'after')).toContain('Autodesk is not connected yet');
  }, 120_000);

  it('Teams: connect (page in French, as Teams reports the admin), invite and assign 200 people, no one twice', async () => {
    adsk = await startAutodesk();
    const admin: TeamsUserFixture = {
      userId: '29:admin',
      aadObjectId: 'aad-admin',
      tenantId: 'tenant-1',
      conversationId: 'a:admin-chat',
      name: 'admin',
    };
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
    const t = teams;
    const config = loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: t.url,
      ADMIN_EMAILS: 'admin@example.org',
      TEAMS_ADMIN_CONVERSATION_ID: '19:admins@thread.tacv2',
      ...autodeskEnv(adsk),
    });
    app = await buildApp(config, createLogger('silent'), {
      store: createMemoryStore(`e2e-adsk-teams-${++seq}`),
      autodeskTime: { now: adsk.now, sleep: adsk.sleep },
    });
    const base = `http://127.0.0.1:${await app.start(0)}`;
    expect((await postActivity(base, installActivity(t.url, admin))).status).toBe(200);
    const posts = () => t.posted().filter((p) => p.conversationId === admin.conversationId);
    async function say(text: string): Promise<string> {
      const seen = posts().length;
      expect((await postActivity(base, messageActivity(t.url, admin, text))).status).toBe(200);
      return JSON.stringify((await eventually(() => posts()[seen], 60_000)).payload);
    }
    await say(`import\n${roster()}`);
    // Before anyone connects: refused in the admin's language, nothing sent to Autodesk.
    expect(await say('invite pending')).toContain(
      "Arrêté avant la fin : Autodesk n'est pas connecté : un administrateur lance « connect autodesk ».",
    );
    expect(adsk.calls).toHaveLength(0);
    const connect = await say('connect autodesk');
    expect(connect).toContain('Se connecter avec Autodesk');
    const signIn = await signInThrough(connect, base);
    expect(signIn.page).toContain('Autodesk est connecté. Le bot travaille sur l&#39;équipe Acme Engineering.');
    expect(signIn.page).toContain('<html lang="fr">');
    const adminPost = async (text: string) =>
      JSON.stringify(
        (
          await eventually(
            () =>
              t
                .posted()
                .find((p) => p.conversationId === '19:admins@thread.tacv2' && JSON.stringify(p.payload).includes(text)),
            60_000,
          )
        ).payload,
      );
    expect(await say('invite pending')).toContain(
      "Lancé : inviter 200 personnes dans l'équipe Autodesk, environ 4 min au rythme d'Autodesk.",
    );
    expect(await adminPost('Fait : 200. Déjà fait : 0.')).toContain('En échec : 0.');
    expect(await say('assign Revit pending')).toContain(
      'Revit : 230 sièges libres, 200 personnes à équiper.\\n\\nLancé : attribuer Revit à 200 personnes',
    );
    expect(await adminPost('Revit : 230 sièges libres, 200 personnes à équiper.')).toContain('Fait : 200.');
    checkAutodesk(adsk);
    expect(adsk.liveRefreshTokens()).toBe(1);

    // The daily read-back (scheduler job `autodesk`): three people accepted in Autodesk, recorded once.
    for (let i = 0; i < 3; i++) adsk.activate(TEAM, `person${i}@example.org`);
    const wednesday = Date.UTC(2026, 11, 9, 12, 0);
    const first = await app.services.scheduler.tick('autodesk', wednesday);
    expect(first).toMatchObject({ ran: true, result: { outcome: 'done', counts: { matched: 200, changed: 3 } } });
    expect((await app.services.store.getPerson('person2@example.org'))?.invite.status).toBe('active');
    expect(await app.services.scheduler.tick('autodesk', wednesday + 3_600_000)).toMatchObject({
      result: { outcome: 'already_done' },
    });
    // Autodesk withdraws the sign-in: the next day's read-back cannot refresh and tells the admins to connect again.
    adsk.revokeAllRefreshTokens();
    await new Promise((r) => setTimeout(r, 1500)); // the access token nears its end (refreshed 300 s before)
    const thursday = await app.services.scheduler.tick('autodesk', wednesday + 86_400_000);
    expect(thursday).toMatchObject({ ran: true, result: { outcome: 'done', told: 'reconnect' } });
    const note = await eventually(() =>
      t
        .posted()
        .find(
          (p) =>
            p.conversationId === '19:admins@thread.tacv2' &&
            JSON.stringify(p.payload).includes('Autodesk refused the sign-in the bot uses'),
        ),
    );
    expect(JSON.stringify(note.payload)).toContain('should run `connect autodesk` again');
    expect(await say('connect autodesk')).toContain('Autodesk a refusé la connexion enregistrée');
  }, 120_000);
});
