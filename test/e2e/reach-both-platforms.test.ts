// One bot with Slack and Teams: a person in both directories gets one step-4 card, on PREFERRED_PLATFORM; people
// on one platform only get theirs there. Fresh store, roster imported from chat, nobody but the admin ever wrote.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../fakes/bot-connector.ts';
import { member } from '../fakes/slack-directory.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.ts';
import { slackEnv } from '../channels/slack/edge-harness.ts';
import { eventually } from '../helpers/eventually.ts';
import { slashCommand } from '../helpers/slack-command.ts';

const ROSTER = [
  'First Name,Last Name,Email,Products',
  'Ada,Lovelace,admin@example.org,AutoCAD',
  'Bob,Builder,bob@example.org,AutoCAD',
  'Carol,Cole,carol@example.org,AutoCAD',
  'Dave,Doe,dave@example.org,AutoCAD',
].join('\n');

describe('Slack and Teams together: one card a person, on the preferred platform', () => {
  let slack: FakeSlackApi;
  let teams: FakeBotConnector;
  let app: App;
  let base = '';
  let seq = 0;

  afterEach(async () => {
    await app.stop();
    await slack.close();
    await teams.close();
  });

  async function start(preferred: 'teams' | 'slack') {
    // Slack: admin, Bob, Dave. Teams roster team: admin, Bob, Carol.
    slack = await startFakeSlackApi({
      members: [
        member('U0ADMIN', 'admin@example.org'),
        member('U0BOB', 'bob@example.org'),
        member('U0DAVE', 'dave@example.org'),
      ],
    });
    teams = await startFakeBotConnector({
      members: ['admin', 'bob', 'carol'].map((n) => ({
        id: `29:${n}`,
        aadObjectId: `aad-${n}`,
        email: `${n}@example.org`,
        tenantId: 'tenant-1',
      })),
    });
    const config = loadConfig(
      slackEnv(slack, {
        HOST: '127.0.0.1',
        ADMIN_EMAILS: 'admin@example.org',
        PROVISIONING: 'simulator',
        NODE_ENV: 'test',
        TEAMS_LOCAL_NO_AUTH: 'true',
        TEAMS_SERVICE_URL: teams.url,
        TEAMS_ROSTER_TEAM_ID: '19:roster@thread.tacv2',
        PREFERRED_PLATFORM: preferred,
      }),
    );
    app = await buildApp(config, createLogger('silent'), { store: createMemoryStore(`e2e-both-${++seq}`) });
    base = `http://127.0.0.1:${await app.start(0)}`;
  }

  async function command(text: string, responseId: string): Promise<string> {
    return slashCommand(base, slack, text, responseId);
  }
  const slackCards = (userId: string) =>
    slack
      .posted()
      .filter((m) => m.channel === `D${userId.slice(1)}` && JSON.stringify(m.blocks).includes("I've signed in")).length;
  const teamsCards = (name: string) => teams.stats().delivered[`29:${name}`] ?? 0;

  async function notifyEveryone() {
    await command(`import\n${ROSTER}`, 'import');
    await command('invite all', 'invite');
    await command('assign AutoCAD pending', 'assign');
    expect(await command('notify pending', 'notify')).toContain('Queued: 4.');
    for (const id of ['admin', 'bob', 'carol', 'dave'])
      await eventually(
        async () => (await app.services.store.getPerson(`${id}@example.org`))?.inform.status === 'informed',
        10_000,
      );
    await new Promise((r) => setTimeout(r, 300));
  }

  it('PREFERRED_PLATFORM=slack: Bob and the admin on Slack only, Carol on Teams, Dave on Slack', async () => {
    await start('slack');
    await notifyEveryone();
    expect([slackCards('U0ADMIN'), slackCards('U0BOB'), slackCards('U0DAVE')]).toEqual([1, 1, 1]);
    expect([teamsCards('admin'), teamsCards('bob'), teamsCards('carol')]).toEqual([0, 0, 1]);
  });

  it('PREFERRED_PLATFORM=teams: Bob and the admin on Teams only, Carol on Teams, Dave on Slack', async () => {
    await start('teams');
    await notifyEveryone();
    expect([slackCards('U0ADMIN'), slackCards('U0BOB'), slackCards('U0DAVE')]).toEqual([0, 0, 1]);
    expect([teamsCards('admin'), teamsCards('bob'), teamsCards('carol')]).toEqual([1, 1, 1]);
  });
});
