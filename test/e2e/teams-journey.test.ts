// The whole bot, as Teams drives it: Bot Framework activities POSTed to /api/messages, the real command handler,
// the real delivery engine, replies going to the fake Bot Connector. Step 4 end to end on Teams.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/config.ts';
import { newPerson } from '../../src/domain/person.ts';
import { notInMigrationReply } from '../../src/replies/not-in-migration.ts';
import { adaptiveCardOf } from '../../src/channels/teams/render.ts';
import { createLogger } from '../../src/log.ts';
import { personForChatUser } from '../../src/services/chat-identity.ts';
import { createPerson, updatePerson } from '../../src/services/update-person.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../fakes/bot-connector.ts';
import {
  executeInvoke,
  installActivity,
  messageActivity,
  postActivity,
  submitActivity,
  type TeamsUserFixture,
} from '../fakes/bot-connector-activities.ts';
import { eventually } from '../helpers/eventually.ts';

type Node = Record<string, unknown>;
const user = (name: string): TeamsUserFixture => ({
  userId: `29:${name}`,
  aadObjectId: `aad-${name}`,
  tenantId: 'tenant-1',
  conversationId: `a:${name}-chat`,
  name,
});
const admin = user('admin');
const jane = user('jane');
const bob = user('bob');
/** In the directory, not in the roster. */
const stranger = user('stranger');
/** Listed in ADMIN_EMAILS, not in the roster. */
const boss = user('boss');

/** Every Action.Execute of an Adaptive Card, wherever it sits (card actions, ActionSets, ShowCards). */
function executes(node: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((n) => executes(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Node;
    if (n.type === 'Action.Execute') out.push(n);
    for (const [k, v] of Object.entries(n)) if (k !== 'fallback') executes(v, out);
  }
  return out;
}

describe("Teams end to end: step 4 from the admin's message to the person's clicks", () => {
  let fake: FakeBotConnector;
  let app: App;
  let url: string;
  let seq = 0;

  beforeEach(async () => {
    fake = await startFakeBotConnector({
      members: [admin, jane, bob, stranger, boss].map((u) => ({
        id: u.userId,
        aadObjectId: u.aadObjectId,
        email: `${u.name}@example.org`,
        tenantId: u.tenantId,
        name: u.name,
      })),
    });
    const config = loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: fake.url,
      ADMIN_EMAILS: 'admin@example.org,boss@example.org',
      ORGANISATION_NAME: 'Acme IT',
    });
    app = await buildApp(config, createLogger('silent'), { store: createMemoryStore(`e2e-teams-${++seq}`) });
    url = `http://127.0.0.1:${await app.start(0)}`;
    const actor = { id: 'test', source: 'system' as const };
    for (const u of [admin, jane, bob]) {
      await createPerson(
        app.services.store,
        newPerson(
          { email: `${u.name}@example.org`, firstName: u.name!, lastName: 'Test', products: ['Revit'] },
          Date.now(),
        ),
        actor,
        Date.now(),
      );
      await updatePerson(
        app.services.store,
        `${u.name}@example.org`,
        [{ type: 'product.assigned', product: 'Revit' }],
        actor,
        Date.now(),
      );
      // Installing the app links each Teams user to the roster person by e-mail.
      expect((await postActivity(url, installActivity(fake.url, u))).status).toBe(200);
    }
  });
  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  const person = (name: string) => app.services.store.getPerson(`${name}@example.org`);
  const postsTo = (u: TeamsUserFixture) => fake.posted().filter((p) => p.conversationId === u.conversationId);
  const cardOf = (p: { payload: Node }) => (p.payload.attachments as { content: Node }[])[0]!.content;

  async function notifyJane(): Promise<{ messageId: string; actions: Node[] }> {
    expect(
      (await postActivity(url, messageActivity(fake.url, admin, '<at>numbot</at> notify jane@example.org'))).status,
    ).toBe(200);
    const sent = await eventually(() => postsTo(jane)[0], 10_000);
    await eventually(async () => (await person('jane'))?.inform.status === 'informed', 10_000);
    return { messageId: sent.messageId, actions: executes(cardOf(sent)) };
  }
  const invoke = (u: TeamsUserFixture, action: Node, messageId: string, extra: Node = {}) =>
    postActivity(
      url,
      executeInvoke(fake.url, u, String(action.verb), { ...(action.data as Node), ...extra }, messageId),
    );
  const verb = (actions: Node[], v: string) => actions.find((a) => String(a.verb).includes(v))!;

  it('delivers the step-4 card, and each button changes the state and answers with the replacement card', async () => {
    const { messageId, actions } = await notifyJane();
    expect(actions.map((a) => a.verb)).toEqual(
      expect.arrayContaining(['step4.signed_in', 'step4.need_help', 'step4.remind_later']),
    );
    // The admin got an answer in their own chat.
    expect(JSON.stringify(postsTo(admin).map(cardOf))).toMatch(/1/);

    const later = await invoke(jane, verb(actions, 'remind_later'), messageId);
    expect(later.status).toBe(200);
    expect((later.body as Node).type).toBe('application/vnd.microsoft.card.adaptive');
    expect((await person('jane'))?.reminders.snoozeUntil).toBeGreaterThan(Date.now());

    const help = await invoke(jane, verb(actions, 'need_help'), messageId, {
      helpText: 'Error -15.570.0 when AutoCAD starts',
    });
    expect(JSON.stringify((help.body as Node).value)).toContain('Error -15.570.0');
    expect((await person('jane'))?.inform).toMatchObject({
      status: 'needs_help',
      text: 'Error -15.570.0 when AutoCAD starts',
    });

    const signed = await invoke(jane, verb(actions, 'signed_in'), messageId);
    expect(JSON.stringify((signed.body as Node).value)).toMatch(/Thank you|Merci/i);
    const done = (await person('jane'))!;
    expect(done.inform.status).toBe('acknowledged');
    expect(done.switches.Revit?.['self-reported']?.status).toBe('named');

    // The Action.Submit fallback of the same button: handled alike, idempotent, and the card is updated in place.
    const fallback = verb(actions, 'signed_in').fallback as { data: Node };
    await postActivity(url, submitActivity(fake.url, jane, fallback.data, messageId));
    await eventually(() =>
      fake.updated().find((u) => u.messageId === messageId && u.conversationId === jane.conversationId),
    );
    expect((await person('jane'))?.version).toBe(done.version);
  });

  it('imports roster lines pasted as a multi-line Teams message (HTML: <p>, <div>, <br>, entities, the mention)', async () => {
    const html =
      '<p><at>numbot</at> import</p><p>email,first name,last name,department</p>' +
      '<p>new.one@example.org,Zoë,O&#39;Neil,R&amp;D</p>' +
      '<div>new.two@example.org,Ann,B&nbsp;Smith,Ops<br>new.three@example.org,Carl,C,Ops</div>';
    const activity = {
      ...messageActivity(fake.url, admin, html),
      textFormat: 'xml',
      attachments: [{ contentType: 'text/html', content: html }],
    };
    expect((await postActivity(url, activity)).status).toBe(200);
    const one = await eventually(() => person('new.one'), 10_000);
    expect(one).toMatchObject({ firstName: 'Zoë', lastName: "O'Neil", department: 'R&D' });
    expect(await person('new.two')).toMatchObject({ lastName: 'B Smith' });
    expect(await person('new.three')).toMatchObject({ firstName: 'Carl' });
    const answer = JSON.stringify(cardOf(postsTo(admin).at(-1)!));
    expect(answer).not.toContain('&amp;');
  });

  it('refuses a click from someone else and changes nothing', async () => {
    const { messageId, actions } = await notifyJane();
    const before = (await person('jane'))!;
    const res = await invoke(bob, verb(actions, 'signed_in'), messageId);
    expect(res.status).toBe(200);
    expect(JSON.stringify((res.body as Node).value ?? res.body)).not.toMatch(/Thank you|Merci/i);
    expect((await person('jane'))?.version).toBe(before.version);
    expect((await person('bob'))?.inform.status).toBe('not_informed');
  });

  it('refuses an admin command from a non-admin and audits it', async () => {
    await postActivity(url, messageActivity(fake.url, bob, 'notify pending'));
    const reply = await eventually(() => postsTo(bob)[0]);
    expect(JSON.stringify(cardOf(reply))).toMatch(/admin/i);
    expect(
      (await app.services.store.readAudit(20)).some(
        (a) => a.action === 'refused:notify' && a.actor === 'bob@example.org',
      ),
    ).toBe(true);
    expect(postsTo(jane)).toHaveLength(0);
  });

  it("answers someone outside the roster with the core's one message, whatever they send; a configured admin outside it is served", async () => {
    // The same card the core gives on every platform, in the locale Teams reports (fr-BE).
    const expected = adaptiveCardOf(notInMigrationReply(app.services.config, 'fr').cards[0]!);
    expect(JSON.stringify(expected)).toContain("Vous n'êtes pas sur sa liste");
    expect(JSON.stringify(expected)).toContain('Acme IT');
    for (const text of ['help', 'status', 'notify pending'])
      await postActivity(url, messageActivity(fake.url, stranger, text));
    const click = await postActivity(
      url,
      executeInvoke(fake.url, stranger, 'step4.signed_in', { personId: 'jane@example.org' }),
    );
    expect(click.status).toBe(200);
    await postActivity(url, installActivity(fake.url, stranger));
    const posts = await eventually(() => postsTo(stranger).length >= 5 && postsTo(stranger));
    expect(posts).toHaveLength(5);
    for (const p of posts) expect(cardOf(p)).toEqual(expected);
    expect(await app.services.store.getPerson('stranger@example.org')).toBeUndefined();
    expect(await personForChatUser(app.services.store, 'teams', stranger.userId)).toBeUndefined();
    expect((await person('jane'))?.inform.status).toBe('not_informed');
    expect(
      (await app.services.store.readAudit(20)).filter((a) => a.action === 'refused:not_in_migration'),
    ).toHaveLength(4);

    await postActivity(url, messageActivity(fake.url, boss, 'admins'));
    const reply = await eventually(() => postsTo(boss)[0]);
    expect(JSON.stringify(cardOf(reply))).toContain('ADMIN_EMAILS');
    expect(await app.services.store.getPerson('boss@example.org')).toBeUndefined();
  });
});
