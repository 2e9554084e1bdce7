// Replies and card updates sent inside a turn (answering a click or a file consent) when the Bot Connector fails
// them: one request each (no retries by botbuilder's pipeline, which would hold the invoke's answer for seconds while
// Teams gives up on it), the click's effect stays recorded, the invoke is still answered, and the log names ids only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/app/build-app.ts';
import { loadConfig } from '../../../src/config.ts';
import { newPerson } from '../../../src/domain/person.ts';
import { createLogger } from '../../../src/log.ts';
import { createPerson, updatePerson } from '../../../src/services/update-person.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../../fakes/bot-connector.ts';
import {
  executeInvoke,
  installActivity,
  postActivity,
  submitActivity,
  type TeamsUserFixture,
} from '../../fakes/bot-connector-activities.ts';
import { eventually } from '../../helpers/eventually.ts';
import { uniqueMigrationId } from '../../helpers/redis.ts';
import { membersOf, startFileConsentApp, teamsUser } from './file-consent-app.ts';

const jane = teamsUser('jane');
const bob = teamsUser('bob');
const admin = teamsUser('admin');
/** Enough 500s for every attempt botbuilder's own retry policy would make (it tries four times). */
const ALWAYS = 10;
const SERVER_ERROR = { kind: 'server_error', status: 500 } as const;

describe('Teams in-turn replies and updates that the Bot Connector fails', () => {
  let fake: FakeBotConnector;
  let app: App;
  let url: string;
  let logs: string[];

  beforeEach(async () => {
    fake = await startFakeBotConnector({ members: membersOf([jane, bob]) });
    logs = [];
    // A timeout longer than any test may run: only the tighter bound of an invoke's in-turn requests can end a hung one.
    const config = loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: fake.url,
      TEAMS_TIMEOUT_MS: '600000',
    });
    app = await buildApp(config, createLogger('debug', { write: (line: string) => void logs.push(line) }), {
      store: createMemoryStore(uniqueMigrationId('in-turn')),
    });
    url = `http://127.0.0.1:${await app.start(0)}`;
    const actor = { id: 'test', source: 'system' as const };
    for (const u of [jane, bob]) {
      const email = `${u.name}@example.org`;
      await createPerson(
        app.services.store,
        newPerson({ email, firstName: u.name!, lastName: 'Test', products: ['Revit'] }, Date.now()),
        actor,
        Date.now(),
      );
      // Step 4 was sent: the card's buttons are live.
      await updatePerson(
        app.services.store,
        email,
        [{ type: 'product.assigned', product: 'Revit' }, { type: 'inform.sent' }],
        actor,
        Date.now(),
      );
      expect((await postActivity(url, installActivity(fake.url, u))).status).toBe(200);
    }
    fake.reset();
  });
  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  const person = (u: TeamsUserFixture) => app.services.store.getPerson(`${u.name}@example.org`);
  const requests = (op: string, u: TeamsUserFixture) =>
    fake.received().filter((r) => r.op === op && r.conversationId === u.conversationId);
  const failureLine = () => eventually(() => logs.find((l) => l.includes('in-turn') && l.includes('failed')));

  it('a click (Action.Submit fallback) whose card update gets a 500: one request, the click is recorded', async () => {
    const card = '1:step4-card-of-jane';
    fake.injectFault(SERVER_ERROR, { target: 'update', times: ALWAYS });
    const res = await postActivity(
      url,
      submitActivity(fake.url, jane, { verb: 'step4.signed_in', personId: 'jane@example.org' }, card),
    );
    expect(res.status).toBe(200);
    expect(requests('update', jane)).toHaveLength(1);
    expect(requests('update', jane)[0]).toMatchObject({ activityId: card, status: 500 });
    expect((await person(jane))?.inform.status).toBe('acknowledged');
    const line = JSON.parse(await failureLine()) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 40,
      platform: 'teams',
      activityType: 'message',
      conversation: jane.conversationId,
      err: { kind: 'transient' },
    });
    expect(JSON.stringify(line)).not.toMatch(/example\.org|Jane/);
  });

  it('a card-click invoke whose in-turn reply gets a 500 is answered, after one request, and the click is recorded', async () => {
    // Bob clicks Jane's button: refused and audited, and told so by a reply in the chat (no card replaced).
    fake.injectFault(SERVER_ERROR, { target: 'send', times: ALWAYS });
    const res = await postActivity(
      url,
      executeInvoke(fake.url, bob, 'step4.signed_in', { personId: 'jane@example.org' }, '1:card'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(requests('reply', bob)).toHaveLength(1);
    expect(fake.posted()).toEqual([]);
    expect(
      (await app.services.store.readAudit(10)).filter(
        (a) => a.action === 'refused:signed_in' && a.actor === 'bob@example.org',
      ),
    ).toHaveLength(1);
    expect((await person(jane))?.inform.status).toBe('informed');
    const line = await failureLine();
    expect(JSON.parse(line)).toMatchObject({ level: 40, activityType: 'invoke', conversation: bob.conversationId });
    expect(line).not.toMatch(/example\.org/);
  });

  it('a card-click invoke whose in-turn reply never gets an answer is still answered, after one request', async () => {
    fake.injectFault({ kind: 'timeout', mode: 'hang' }, { target: 'send', times: ALWAYS });
    const res = await postActivity(
      url,
      executeInvoke(fake.url, bob, 'step4.signed_in', { personId: 'jane@example.org' }, '1:card'),
    );
    expect(res.status).toBe(200);
    expect(requests('reply', bob)).toHaveLength(1);
    expect(JSON.parse(await failureLine())).toMatchObject({
      activityType: 'invoke',
      err: { kind: 'transient', reason: 'timeout' },
    });
  });
});

describe('Teams file consent answers when the in-turn card update and message get a 500', () => {
  it('answers the decline at once after one request each, and records it', async () => {
    const fake = await startFakeBotConnector({ members: membersOf([admin]) });
    const a = await startFileConsentApp(
      fake,
      createMemoryStore(uniqueMigrationId('in-turn-consent')),
      'admin@example.org',
    );
    try {
      await a.install(admin);
      const { card, consentId } = await a.exportInChat(admin);
      fake.reset();
      fake.injectFault(SERVER_ERROR, { target: 'update', times: ALWAYS });
      fake.injectFault(SERVER_ERROR, { target: 'send', times: ALWAYS });
      expect(await a.answer(admin, 'decline', card)).toBe(200);
      const ops = fake.received().map((r) => `${r.op} ${r.status}`);
      expect(ops).toEqual(['update 500', 'reply 500']);
      expect(
        (await a.app.services.store.readAudit(10)).filter(
          (e) => e.action === 'file.declined' && e.detail === `offer=${consentId}`,
        ),
      ).toHaveLength(1);
      const line = await eventually(() => a.logs.find((l) => l.includes('in-turn') && l.includes('failed')));
      expect(JSON.parse(line)).toMatchObject({ level: 40, offer: consentId, activityType: 'invoke' });
      expect(line).not.toMatch(/example\.org|numbot-report/);
    } finally {
      await a.stop();
      await fake.close();
    }
  });
});
