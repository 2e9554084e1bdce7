// The real app (buildApp with the real commands) on a given store, its Teams endpoint pointed at a fake Bot Connector,
// with what the file consent tests read back: the consent cards a user got, the headings of what was posted and of
// what was put in place of a card, and answers to a consent card as Teams sends them. It can be restarted on the same
// store with other ADMIN_EMAILS (what an operator does to remove a configured admin).
import { buildApp, type App } from '../../../src/app/build-app.ts';
import { ManualClock } from '../../../src/ports/clock.ts';
import { FILE_CONSENT } from '../../../src/channels/teams/render.ts';
import { loadConfig } from '../../../src/config.ts';
import { newPerson, type NewPersonInput } from '../../../src/domain/person.ts';
import { createLogger } from '../../../src/log.ts';
import { createPerson } from '../../../src/services/update-person.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import type { FakeBotConnector, FakeUploadInfo, RecordedActivity } from '../../fakes/bot-connector.ts';
import {
  fileConsentInvoke,
  installActivity,
  messageActivity,
  postActivity,
  type TeamsUserFixture,
} from '../../fakes/bot-connector-activities.ts';
import { eventually } from '../../helpers/eventually.ts';

type Node = Record<string, unknown>;

export const teamsUser = (name: string): TeamsUserFixture => ({
  userId: `29:${name}`,
  aadObjectId: `aad-${name}`,
  tenantId: 'tenant-1',
  conversationId: `a:${name}-chat`,
  name,
});

/** Roster members as the fake's member look-up returns them (e-mail `<name>@example.org`). */
export const membersOf = (users: TeamsUserFixture[]) =>
  users.map((u) => ({
    id: u.userId,
    aadObjectId: u.aadObjectId,
    email: `${u.name}@example.org`,
    tenantId: u.tenantId,
    name: u.name,
  }));

export const attachmentOf = (p: RecordedActivity) => ((p.payload.attachments as Node[] | undefined) ?? [])[0] ?? {};

/** The heading of every Adaptive Card in `node`, in order. */
export function headings(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => headings(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Node;
    if (n.type === 'TextBlock' && n.style === 'heading') out.push(String(n.text));
    Object.values(n).forEach((v) => headings(v, out));
  }
  return out;
}

export interface FileConsentApp {
  app: App;
  clock: ManualClock;
  logs: string[];
  /** Stops the app and starts it again on the same store and fake, with these ADMIN_EMAILS. */
  restart(adminEmails: string): Promise<void>;
  stop(): Promise<void>;
  addPerson(input: Partial<NewPersonInput> & { email: string }): Promise<void>;
  install(u: TeamsUserFixture): Promise<void>;
  /** A typed message in the user's 1:1 chat; resolves once the bot answered it (HTTP 200). */
  say(u: TeamsUserFixture, text: string): Promise<void>;
  postsTo(u: TeamsUserFixture): RecordedActivity[];
  consentCards(u: TeamsUserFixture): RecordedActivity[];
  /** Headings of every card posted to the user, in order. */
  titles(u: TeamsUserFixture): string[];
  /** `export` in the user's 1:1 chat; the consent card it brought and its consent id. */
  exportInChat(u: TeamsUserFixture): Promise<{ card: RecordedActivity; consentId: string }>;
  /** Answers a consent card as Teams does (replying to the card's activity); the HTTP status of the invoke. */
  answer(
    u: TeamsUserFixture,
    action: 'accept' | 'decline',
    card: RecordedActivity,
    info?: FakeUploadInfo,
  ): Promise<number>;
}

export async function startFileConsentApp(
  fake: FakeBotConnector,
  store: MigrationStore,
  adminEmails: string,
): Promise<FileConsentApp> {
  const clock = new ManualClock();
  const logs: string[] = [];
  let app!: App;
  let url = '';
  async function start(admins: string): Promise<void> {
    const config = loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: fake.url,
      ADMIN_EMAILS: admins,
    });
    app = await buildApp(config, createLogger('debug', { write: (line: string) => void logs.push(line) }), {
      store,
      clock,
    });
    url = `http://127.0.0.1:${await app.start(0)}`;
  }
  await start(adminEmails);

  const postsTo = (u: TeamsUserFixture) => fake.posted().filter((p) => p.conversationId === u.conversationId);
  const consentCards = (u: TeamsUserFixture) => postsTo(u).filter((p) => attachmentOf(p).contentType === FILE_CONSENT);
  const ok = async (res: Promise<{ status: number }>) => {
    const { status } = await res;
    if (status !== 200) throw new Error(`the bot answered ${status}`);
  };

  return {
    get app() {
      return app;
    },
    clock,
    logs,
    async restart(admins) {
      await app.stop();
      await start(admins);
    },
    stop: () => app.stop(),
    async addPerson(input) {
      const actor = { id: 'test', source: 'system' as const };
      await createPerson(
        store,
        newPerson({ firstName: 'Test', lastName: 'Person', products: ['Revit'], ...input }, clock.now()),
        actor,
        clock.now(),
      );
    },
    install: (u) => ok(postActivity(url, installActivity(fake.url, u))),
    say: (u, text) => ok(postActivity(url, messageActivity(fake.url, u, text))),
    postsTo,
    consentCards,
    titles: (u) => postsTo(u).flatMap((p) => headings(attachmentOf(p).content)),
    async exportInChat(u) {
      const before = consentCards(u).length;
      await ok(postActivity(url, messageActivity(fake.url, u, 'export')));
      const card = await eventually(() => consentCards(u).length > before && consentCards(u).at(-1));
      return { card, consentId: String(((attachmentOf(card).content as Node).acceptContext as Node).consentId) };
    },
    async answer(u, action, card, info) {
      const content = attachmentOf(card).content as Node;
      const context = action === 'accept' ? content.acceptContext : content.declineContext;
      const res = await postActivity(
        url,
        fileConsentInvoke(fake.url, u, action, context, info as unknown as Node | undefined, card.messageId),
      );
      return res.status;
    },
  };
}
