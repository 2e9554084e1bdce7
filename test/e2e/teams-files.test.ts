// Files on Teams, end to end: an admin's `export` in their 1:1 chat comes as a file consent card; accepting it makes
// the bot PUT the whole CSV into the OneDrive upload session Teams opened (the fake Bot Connector's), then show the
// file info card. Declines, accepts by someone else, expired or replayed consents and failed uploads upload nothing
// and say why; a failed upload can be retried. In a group chat the file stays an inline preview.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { ManualClock } from '../../src/ports/clock.ts';
import { t } from '../../src/cards/index.ts';
import { FILE_CONSENT, FILE_INFO, MAX_INLINE_FILE_CHARS } from '../../src/channels/teams/render.ts';
import { readOffer } from '../../src/channels/teams/file-offers.ts';
import { loadConfig } from '../../src/config.ts';
import { newPerson } from '../../src/domain/person.ts';
import { createLogger } from '../../src/log.ts';
import { personReportCsv } from '../../src/reports/person-report.ts';
import { createPerson } from '../../src/services/update-person.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import {
  startFakeBotConnector,
  type FakeBotConnector,
  type FakeUploadInfo,
  type RecordedActivity,
} from '../fakes/bot-connector.ts';
import {
  fileConsentInvoke,
  installActivity,
  messageActivity,
  postActivity,
  type TeamsUserFixture,
} from '../fakes/bot-connector-activities.ts';
import { eventually } from '../helpers/eventually.ts';
import { headings } from '../channels/teams/file-consent-app.ts';

type Node = Record<string, unknown>;
const user = (name: string): TeamsUserFixture => ({
  userId: `29:${name}`,
  aadObjectId: `aad-${name}`,
  tenantId: 'tenant-1',
  conversationId: `a:${name}-chat`,
  name,
});
const admin = user('admin');
const bob = user('bob');
const HOUR = 3_600_000;

describe('Teams files: the consent flow end to end', () => {
  let fake: FakeBotConnector;
  let app: App;
  let url: string;
  let clock: ManualClock;
  let seq = 0;
  let logs: string[];

  beforeEach(async () => {
    fake = await startFakeBotConnector({
      members: [admin, bob].map((u) => ({
        id: u.userId,
        aadObjectId: u.aadObjectId,
        email: `${u.name}@example.org`,
        tenantId: u.tenantId,
        name: u.name,
      })),
    });
    clock = new ManualClock();
    const config = loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: fake.url,
      ADMIN_EMAILS: 'admin@example.org',
    });
    logs = [];
    app = await buildApp(config, createLogger('debug', { write: (line: string) => void logs.push(line) }), {
      store: createMemoryStore(`e2e-teams-files-${++seq}`),
      clock,
    });
    url = `http://127.0.0.1:${await app.start(0)}`;
    const actor = { id: 'test', source: 'system' as const };
    // Enough people for a report well past what a card shows inline; names outside ASCII so bytes ≠ characters.
    for (let i = 0; i < 400; i++) {
      const p = newPerson(
        {
          email: `person${String(i).padStart(3, '0')}@example.org`,
          firstName: 'Zoë',
          lastName: `Müller ${i}`,
          products: ['Revit'],
        },
        clock.now(),
      );
      await createPerson(app.services.store, p, actor, clock.now());
    }
    for (const u of [admin, bob]) {
      await createPerson(
        app.services.store,
        newPerson(
          { email: `${u.name}@example.org`, firstName: u.name!, lastName: 'Test', products: ['Revit'] },
          clock.now(),
        ),
        actor,
        clock.now(),
      );
      expect((await postActivity(url, installActivity(fake.url, u))).status).toBe(200);
    }
  });
  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  const postsTo = (u: TeamsUserFixture) => fake.posted().filter((p) => p.conversationId === u.conversationId);
  const attachmentOf = (p: RecordedActivity) => (p.payload.attachments as Node[])[0]!;
  const consentCards = (u: TeamsUserFixture) => postsTo(u).filter((p) => attachmentOf(p).contentType === FILE_CONSENT);
  /** The heading of every card sent to the user, in order. */
  const titles = (u: TeamsUserFixture) => postsTo(u).flatMap((p) => headings(attachmentOf(p).content));
  const fr = (key: string) => t('fr', key, { hours: 24 });

  async function exportInChat(): Promise<{ card: RecordedActivity; context: Node; csv: Buffer }> {
    expect((await postActivity(url, messageActivity(fake.url, admin, 'export'))).status).toBe(200);
    const card = await eventually(() => consentCards(admin).at(-1));
    const { csv } = await personReportCsv(app.services.store);
    return { card, context: (attachmentOf(card).content as Node).acceptContext as Node, csv: Buffer.from(csv, 'utf8') };
  }
  const answer = (u: TeamsUserFixture, action: 'accept' | 'decline', card: RecordedActivity, info?: FakeUploadInfo) => {
    const content = attachmentOf(card).content as Node;
    const context = action === 'accept' ? content.acceptContext : content.declineContext;
    return postActivity(
      url,
      fileConsentInvoke(fake.url, u, action, context, info as unknown as Node | undefined, card.messageId),
    );
  };
  const uploadedTo = (info: FakeUploadInfo) => fake.uploads().find((u) => u.sessionId === info.uniqueId);

  it('accept: the whole CSV arrives byte for byte, the file info card follows, and a replayed accept uploads nothing', async () => {
    const { card, context, csv } = await exportInChat();
    expect(csv.toString('utf8').length).toBeGreaterThan(MAX_INLINE_FILE_CHARS);
    const consent = attachmentOf(card);
    expect(consent.name).toMatch(/^numbot-report-\d{4}-\d{2}-\d{2}\.csv$/);
    expect((consent.content as Node).sizeInBytes).toBe(csv.length);
    expect(context.consentId).toEqual(expect.any(String));
    // The 1:1 chat gets no inline copy of the file: nothing of the CSV is in what was posted.
    expect(JSON.stringify(postsTo(admin))).not.toContain('person399@example.org');

    const info = fake.openUploadSession(String(consent.name));
    const res = await answer(admin, 'accept', card, info);
    expect(res.status).toBe(200);
    // The upload goes on after the answer.
    const upload = await eventually(() => uploadedTo(info)?.complete && uploadedTo(info));
    expect(upload.bytes.equals(csv)).toBe(true);
    expect(upload.ranges).toEqual([`bytes 0-${csv.length - 1}/${csv.length}`]);

    const sent = await eventually(() => postsTo(admin).find((p) => attachmentOf(p).contentType === FILE_INFO));
    expect(attachmentOf(sent)).toEqual({
      contentType: FILE_INFO,
      name: info.name,
      contentUrl: info.contentUrl,
      content: { uniqueId: info.uniqueId, fileType: 'csv' },
    });
    expect(sent.payload.text).toContain(info.name);
    const audit = await app.services.store.readAudit(10);
    expect(audit.find((a) => a.action === 'file.sent')).toMatchObject({
      actor: 'admin@example.org',
      detail: `offer=${String(context.consentId)} bytes=${csv.length}`,
    });

    // The same accept again (a retried invoke, a second click): told it was sent, nothing uploaded.
    const again = fake.openUploadSession(String(consent.name));
    expect((await answer(admin, 'accept', card, again)).status).toBe(200);
    expect(uploadedTo(again)).toBeUndefined();
    expect(titles(admin)).toContain(fr('teams_file_already_sent_title'));
    expect(postsTo(admin).filter((p) => attachmentOf(p).contentType === FILE_INFO)).toHaveLength(1);

    // The logs name the offer, never what the file holds.
    const logText = logs.join('');
    expect(logText).toContain(`"offer":"${String(context.consentId)}"`);
    expect(logText).not.toMatch(/person\d{3}@example\.org|Müller/);
  });

  it('decline: says the file was not sent, uploads nothing, and a later accept of the same card is refused', async () => {
    const { card, context } = await exportInChat();
    expect((await answer(admin, 'decline', card)).status).toBe(200);
    expect(titles(admin)).toContain(fr('teams_file_declined_title'));
    expect((await readOffer(app.services.store, String(context.consentId)))?.state).toBe('declined');

    const info = fake.openUploadSession('late.csv');
    expect((await answer(admin, 'accept', card, info)).status).toBe(200);
    expect(fake.uploads()).toEqual([]);
    expect(titles(admin).filter((x) => x === fr('teams_file_declined_title'))).toHaveLength(2);
    expect(
      (await app.services.store.readAudit(10)).some(
        (a) => a.action === 'file.declined' && a.actor === 'admin@example.org',
      ),
    ).toBe(true);
  });

  it('refuses an accept by someone else, audits it, and the recipient can still accept', async () => {
    const { card, csv } = await exportInChat();
    const theirs = fake.openUploadSession('stolen.csv');
    expect((await answer(bob, 'accept', card, theirs)).status).toBe(200);
    expect(uploadedTo(theirs)).toBeUndefined();
    expect(titles(bob)).toEqual([fr('teams_file_not_yours_title')]);
    expect(JSON.stringify(postsTo(bob))).not.toContain('numbot-report');
    expect((await app.services.store.readAudit(10)).find((a) => a.action === 'refused:file')).toMatchObject({
      actor: 'bob@example.org',
    });

    const mine = fake.openUploadSession('mine.csv');
    await answer(admin, 'accept', card, mine);
    expect((await eventually(() => uploadedTo(mine)?.complete && uploadedTo(mine))).bytes.equals(csv)).toBe(true);
  });

  it('an accept after the expiry is told to ask again, uploads nothing, and the offer is cleared', async () => {
    const { card, context } = await exportInChat();
    clock.advance(24 * HOUR + 1);
    const info = fake.openUploadSession('late.csv');
    expect((await answer(admin, 'accept', card, info)).status).toBe(200);
    expect(fake.uploads()).toEqual([]);
    expect(titles(admin)).toContain(fr('teams_file_expired_title'));
    expect(await readOffer(app.services.store, String(context.consentId))).toBeUndefined();
    // Replayed once cleared: the same answer.
    await answer(admin, 'accept', card, fake.openUploadSession('later.csv'));
    expect(fake.uploads()).toEqual([]);
    expect(titles(admin).filter((x) => x === fr('teams_file_expired_title'))).toHaveLength(2);
  });

  it('a failed upload says so and offers the file again; accepting the new card sends it whole', async () => {
    const { card, context, csv } = await exportInChat();
    fake.failUploads({ status: 503 });
    const first = fake.openUploadSession('report.csv');
    expect((await answer(admin, 'accept', card, first)).status).toBe(200);
    const cards = await eventually(() => consentCards(admin).length === 2 && consentCards(admin));
    expect(uploadedTo(first)).toMatchObject({ complete: false, refused: 1, ranges: [] });
    expect(titles(admin)).toContain(fr('teams_file_failed_title'));
    const retryCard = cards[1]!;
    expect((attachmentOf(retryCard).content as Node).acceptContext).toEqual(context);
    expect(await readOffer(app.services.store, String(context.consentId))).toMatchObject({
      state: 'offered',
      attempts: 1,
    });
    expect(
      (await app.services.store.readAudit(10)).some(
        (a) => a.action === 'file.upload_failed' && a.detail?.includes('reason=503'),
      ),
    ).toBe(true);

    const second = fake.openUploadSession('report.csv');
    expect((await answer(admin, 'accept', retryCard, second)).status).toBe(200);
    await eventually(() => postsTo(admin).some((p) => attachmentOf(p).contentType === FILE_INFO));
    expect(uploadedTo(second)?.bytes.equals(csv)).toBe(true);
    expect(await readOffer(app.services.store, String(context.consentId))).toMatchObject({
      state: 'sent',
      attempts: 2,
    });
  });

  it('two accepts of one card at the same moment upload the file once', async () => {
    const { card, csv } = await exportInChat();
    const a = fake.openUploadSession('a.csv');
    const b = fake.openUploadSession('b.csv');
    const results = await Promise.all([answer(admin, 'accept', card, a), answer(admin, 'accept', card, b)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    await eventually(() => postsTo(admin).some((p) => attachmentOf(p).contentType === FILE_INFO));
    const complete = fake.uploads().filter((u) => u.complete);
    expect(complete).toHaveLength(1);
    expect(complete[0]!.bytes.equals(csv)).toBe(true);
    expect(postsTo(admin).filter((p) => attachmentOf(p).contentType === FILE_INFO)).toHaveLength(1);
  });

  it('answers 400 to a consent invoke that carries no consent id, and changes nothing', async () => {
    await exportInChat();
    const res = await postActivity(
      url,
      fileConsentInvoke(
        fake.url,
        admin,
        'accept',
        { filename: 'x.csv' },
        fake.openUploadSession('x.csv') as unknown as Node,
      ),
    );
    expect(res.status).toBe(400);
    expect(fake.uploads()).toEqual([]);
  });

  it('in a group chat the file stays an inline preview, cut, with a pointer to the 1:1 chat', async () => {
    const group = { id: '19:admins@thread.v2', conversationType: 'groupChat', tenantId: admin.tenantId, isGroup: true };
    expect(
      (await postActivity(url, { ...messageActivity(fake.url, admin, 'export'), conversation: group })).status,
    ).toBe(200);
    const posts = await eventually(
      () =>
        fake.posted().filter((p) => p.conversationId === group.id).length >= 2 &&
        fake.posted().filter((p) => p.conversationId === group.id),
    );
    expect(posts.some((p) => attachmentOf(p).contentType === FILE_CONSENT)).toBe(false);
    const preview = JSON.stringify(attachmentOf(posts.at(-1)!).content);
    expect(preview).toContain('person000@example.org');
    expect(preview).not.toContain('person399@example.org');
    expect(preview).toContain(JSON.stringify(fr('teams_file_ask_personal')).slice(1, -1));
    expect(fake.uploads()).toEqual([]);
  });
});
