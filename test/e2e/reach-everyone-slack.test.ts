// Reaching people who never wrote to the bot, on Slack: an empty store, a roster of three imported from chat, two of
// them only in the workspace's users.list. `notify pending` must give each of the three exactly one step-4 card.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
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
].join('\n');

describe('Slack: the step-4 card reaches people who never wrote to the bot', () => {
  let fake: FakeSlackApi;
  let app: App;
  let base: string;
  let seq = 0;

  beforeEach(async () => {
    fake = await startFakeSlackApi({
      members: [
        member('U0ADMIN', 'admin@example.org'),
        member('U0BOB', 'bob@example.org'),
        // Slack keeps the address as typed: matched case-insensitively.
        member('U0CAROL', 'Carol@Example.ORG'),
        member('U0OTHER', 'other@example.org'),
      ],
    });
    const config = loadConfig(
      slackEnv(fake, { HOST: '127.0.0.1', ADMIN_EMAILS: 'admin@example.org', PROVISIONING: 'simulator' }),
    );
    app = await buildApp(config, createLogger('silent'), { store: createMemoryStore(`e2e-reach-slack-${++seq}`) });
    base = `http://127.0.0.1:${await app.start(0)}`;
  });
  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  async function command(text: string, responseId: string): Promise<string> {
    return slashCommand(base, fake, text, responseId);
  }
  /** Step-4 cards in the user's DM with the bot (Slack answers a post to a user id with their DM channel, D…). */
  const cardsTo = (userId: string) =>
    fake
      .posted()
      .filter((m) => m.channel === `D${userId.slice(1)}` && JSON.stringify(m.blocks).includes("I've signed in"));

  it('notify pending on a fresh store gives each of the three roster people exactly one card', async () => {
    expect(await command(`import\n${ROSTER}`, 'import')).toContain('Created: 3.');
    await command('invite all', 'invite');
    await command('assign AutoCAD pending', 'assign');
    const answer = await command('notify pending', 'notify');
    expect(answer).toContain('Queued: 3.');

    for (const id of ['admin', 'bob', 'carol'])
      await eventually(
        async () => (await app.services.store.getPerson(`${id}@example.org`))?.inform.status === 'informed',
        10_000,
      );
    await new Promise((r) => setTimeout(r, 300));
    for (const user of ['U0ADMIN', 'U0BOB', 'U0CAROL']) expect(cardsTo(user), user).toHaveLength(1);
    expect(cardsTo('U0OTHER')).toHaveLength(0);
    expect(fake.posted()).toHaveLength(3);
  });

  it('names who cannot be reached and why, lists them, counts them on the status card, and serves them in the same campaign once a sync finds them', async () => {
    fake.setMembers([
      member('U0ADMIN', 'admin@example.org'),
      member('U0BOB', 'bob@example.org'),
      member('U0GONE', 'carol@example.org', { deleted: true }),
    ]);
    await command(`import\n${ROSTER}\nDave,Doe,dave@example.org,AutoCAD`, 'import');
    await command('invite all', 'invite');
    await command('assign AutoCAD pending', 'assign');

    const notify = await command('notify pending', 'notify');
    expect(notify).toContain('Queued: 2.');
    expect(notify).toContain('Cannot be reached now: 2.');
    expect(notify).toContain('dave@example.org: no Slack user with this e-mail');
    expect(notify).toContain('carol@example.org: the Slack account with this e-mail is deactivated');
    const campaignId = /cancel (step4-[a-z0-9]+)/.exec(notify)![1]!;
    // Dave was looked up once more by e-mail; Carol's only account is deactivated: no look-up would help.
    expect(fake.calls('users.lookupByEmail').map((c) => c.params.email)).toEqual(['dave@example.org']);

    const who = await command('who step4 unreachable', 'who');
    expect(who).toContain('Step 4, cannot be reached: 2');
    expect(who).toContain('Carol Cole');
    expect(who).toContain('Dave Doe');
    expect(await command('status', 'status')).toContain('Reach people no chat platform can reach: 2');

    // Dave joins the workspace; the next sync queues his card in the same campaign.
    fake.setMembers([
      member('U0ADMIN', 'admin@example.org'),
      member('U0BOB', 'bob@example.org'),
      member('U0GONE', 'carol@example.org', { deleted: true }),
      member('U0DAVE', 'dave@example.org'),
    ]);
    const sync = await command('sync', 'sync');
    expect(sync).toContain('Slack: linked 3, not found 1, ambiguous 0.');
    expect(sync).toContain('Not reachable on any chat platform: 1.');
    expect(sync).toContain('carol@example.org: the Slack account with this e-mail is deactivated');
    expect(sync).toContain('Recipients of earlier campaigns now reachable and queued: 1.');
    await eventually(
      async () => (await app.services.store.getPerson('dave@example.org'))?.inform.status === 'informed',
      10_000,
    );
    expect(cardsTo('U0DAVE')).toHaveLength(1);
    expect(await app.services.delivery.progress(campaignId)).toMatchObject({ total: 3, sent: 3 });
    // A second sync queues nothing again.
    expect(await command('sync', 'sync-again')).not.toContain('now reachable and queued');
    await new Promise((r) => setTimeout(r, 300));
    expect(cardsTo('U0DAVE')).toHaveLength(1);
    expect(cardsTo('U0GONE')).toHaveLength(0);
  });

  it('when users.list cannot be read before a campaign, looks the few unlinked people up one by one (users.lookupByEmail)', async () => {
    await command(`import\n${ROSTER}`, 'import');
    await command('invite all', 'invite');
    await command('assign AutoCAD pending', 'assign');
    fake.injectFault({ method: 'users.list', kind: 'error', error: 'internal_error', times: 1 });
    expect(await command('notify pending', 'notify')).toContain('Queued: 3.');
    for (const id of ['admin', 'bob', 'carol'])
      await eventually(
        async () => (await app.services.store.getPerson(`${id}@example.org`))?.inform.status === 'informed',
        10_000,
      );
    // Nobody was linked before (the admin wrote, but was not in the roster yet): each is looked up once.
    expect(fake.calls('users.lookupByEmail').map((c) => c.params.email)).toEqual([
      'admin@example.org',
      'bob@example.org',
      'carol@example.org',
    ]);
    for (const user of ['U0ADMIN', 'U0BOB', 'U0CAROL']) expect(cardsTo(user), user).toHaveLength(1);
  });
});
