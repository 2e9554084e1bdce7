// Reaching people who never wrote to the bot, on Teams: an empty store, a roster of three imported from chat, two of
// them only members of the roster team (paged members). `notify pending` must give each exactly one step-4 card.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../fakes/bot-connector.ts';
import { FAKE_CATALOG_ID } from '../fakes/bot-connector-graph.ts';
import { messageActivity, postActivity, type TeamsUserFixture } from '../fakes/bot-connector-activities.ts';
import { eventually } from '../helpers/eventually.ts';

const TEAM = '19:roster-team@thread.tacv2';
const user = (name: string): TeamsUserFixture => ({
  userId: `29:${name}`,
  aadObjectId: `aad-${name}`,
  tenantId: 'tenant-1',
  conversationId: `a:${name}-chat`,
  name,
});
const admin = user('admin');
const bob = user('bob');
const carol = user('carol');
const other = user('other');

const ROSTER = [
  'First Name,Last Name,Email,Products',
  'Ada,Lovelace,admin@example.org,Revit',
  'Bob,Builder,bob@example.org,Revit',
  'Carol,Cole,carol@example.org,Revit',
].join('\n');

describe('Teams: the step-4 card reaches people who never wrote to the bot', () => {
  let fake: FakeBotConnector;
  let app: App;
  let url: string;
  let seq = 0;

  async function start(env: Record<string, string> = {}) {
    fake = await startFakeBotConnector({
      // In the tenant (Graph knows them), not in the roster team.
      tenantUsers: [{ id: '29:erin', aadObjectId: 'aad-erin', email: 'erin@example.org', tenantId: 'tenant-1' }],
      members: [admin, bob, carol, other].map((u) => ({
        id: u.userId,
        aadObjectId: u.aadObjectId,
        // Carol's address as Entra keeps it: matched case-insensitively.
        email: u === carol ? 'Carol@Example.ORG' : `${u.name}@example.org`,
        tenantId: u.tenantId,
        name: u.name,
      })),
    });
    const config = loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      PLAYGROUND: 'off',
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: fake.url,
      TEAMS_ROSTER_TEAM_ID: TEAM,
      ADMIN_EMAILS: 'admin@example.org',
      PROVISIONING: 'simulator',
      ...env,
    });
    app = await buildApp(config, createLogger('silent'), { store: createMemoryStore(`e2e-reach-teams-${++seq}`) });
    url = `http://127.0.0.1:${await app.start(0)}`;
  }
  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  /** The conversations the fake holds with this user: the one they wrote from, and those the bot opened. */
  const conversationsOf = (u: TeamsUserFixture) =>
    new Set([
      u.conversationId,
      ...fake
        .created()
        .filter((c) => c.memberIds.includes(u.userId))
        .map((c) => c.conversationId),
    ]);
  const step4CardsTo = (u: TeamsUserFixture) => {
    const ids = conversationsOf(u);
    return fake
      .posted()
      .filter((p) => ids.has(p.conversationId) && JSON.stringify(p.payload).includes('step4.signed_in'));
  };
  /** The bot's answers in the admin's chat (not the step-4 card the admin gets too). */
  const answers = () =>
    fake
      .posted()
      .filter((p) => p.conversationId === admin.conversationId)
      .map((p) => JSON.stringify(p.payload))
      .filter((p) => !p.includes('step4.signed_in'));
  async function say(text: string): Promise<string> {
    const before = answers().length;
    expect((await postActivity(url, messageActivity(fake.url, admin, text))).status).toBe(200);
    return eventually(() => answers()[before], 10_000);
  }

  it('notify pending on a fresh store gives each of the three roster people exactly one card', async () => {
    await start();
    expect(await say(`import\n${ROSTER}`)).toContain('Créées : 3.');
    await say('invite all');
    await say('assign Revit pending');
    expect(await say('notify pending')).toContain('En file : 3.');

    for (const id of ['admin', 'bob', 'carol'])
      await eventually(
        async () => (await app.services.store.getPerson(`${id}@example.org`))?.inform.status === 'informed',
        10_000,
      );
    await new Promise((r) => setTimeout(r, 300));
    for (const u of [admin, bob, carol]) expect(step4CardsTo(u), u.name).toHaveLength(1);
    expect(step4CardsTo(other)).toHaveLength(0);
  });

  const MORE = `${ROSTER}\nErin,Evans,erin@example.org,Revit\nFrank,Fox,frank@example.org,Revit`;

  it('installs the app through Graph for people outside the roster team, retrying a 429, and says why the others are not reached', async () => {
    await start({ TEAMS_APP_CATALOG_ID: FAKE_CATALOG_ID });
    await app.services.directory.idle();
    await say(`import\n${MORE}`);
    await say('invite all');
    await say('assign Revit pending');
    fake.graph.throttle(1, 1);
    // The campaign does not wait for Graph: Erin and Frank are named, the installation runs in the background.
    const notify = await say('notify pending');
    expect(notify).toContain('En file : 3.');
    expect(notify).toContain("Injoignables pour l'instant : 2.");
    expect(notify).toContain(
      "erin@example.org: l'application est en cours d'installation pour cette personne dans Teams : elle recevra ce message dès que ce sera fait",
    );
    await eventually(
      async () => (await app.services.store.getPerson('erin@example.org'))?.inform.status === 'informed',
      10_000,
    );
    expect(fake.graph.installedFor()).toEqual(['aad-erin']);
    const chat = '19:aad-erin_numbot@unq.gbl.spaces';
    expect(
      fake.posted().filter((p) => p.conversationId === chat && JSON.stringify(p.payload).includes('step4.signed_in')),
    ).toHaveLength(1);
    expect(fake.stats().delivered['29:erin']).toBe(1);
    // The next sync finds her chat and installs nothing again.
    const calls = fake.graph.calls().length;
    const sync = await say('sync');
    expect(sync).toContain('Teams : 4 reliés, 1 introuvables, 0 ambigus.');
    expect(sync).toContain('frank@example.org: aucun utilisateur Teams avec cette adresse e-mail');
    expect(fake.graph.calls().filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(fake.graph.calls().length).toBe(calls + 1);
  });

  it('without proactive installation, names the people outside the roster team and why', async () => {
    await start();
    await say(`import\n${MORE}`);
    await say('invite all');
    await say('assign Revit pending');
    const notify = await say('notify pending');
    expect(notify).toContain('En file : 3.');
    expect(notify).toContain(
      "erin@example.org: absent de l'équipe Teams de référence, et l'installation proactive n'est pas configurée",
    );
    expect(fake.graph.calls()).toEqual([]);
    const who = await say('who step4 unreachable');
    expect(who).toContain('Étape 4, injoignables : 2');
  });
});
