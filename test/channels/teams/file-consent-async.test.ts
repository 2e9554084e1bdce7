// Teams wants the answer to a `fileConsent/invoke` within seconds; a large file on a slow link takes longer. The accept
// is answered first and the upload goes on after it: these tests hold OneDrive's answer to the upload (the fake keeps
// the request unanswered until released) and check what happened before and after the release.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../../src/cards/index.ts';
import { readOffer } from '../../../src/channels/teams/file-offers.ts';
import { FILE_INFO } from '../../../src/channels/teams/render.ts';
import { personReportCsv } from '../../../src/reports/person-report.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import {
  startFakeBotConnector,
  type FakeBotConnector,
  type FakeUploadInfo,
  type RecordedActivity,
  type UploadHold,
} from '../../fakes/bot-connector.ts';
import { eventually } from '../../helpers/eventually.ts';
import { uniqueMigrationId } from '../../helpers/redis.ts';
import {
  attachmentOf,
  headings,
  membersOf,
  startFileConsentApp,
  teamsUser,
  type FileConsentApp,
} from './file-consent-app.ts';

const admin = teamsUser('admin');

describe('Teams files: the accept is answered before the upload ends', () => {
  let fake: FakeBotConnector;
  let store: MigrationStore;
  let a: FileConsentApp;
  let hold: UploadHold | undefined;

  beforeEach(async () => {
    fake = await startFakeBotConnector({ members: membersOf([admin]) });
    store = createMemoryStore(uniqueMigrationId('async'));
    a = await startFileConsentApp(fake, store, 'admin@example.org');
    await a.install(admin);
  });
  afterEach(async () => {
    hold?.release();
    hold = undefined;
    await a.stop();
    await fake.close();
  });

  const uploadedTo = (info: FakeUploadInfo) => fake.uploads().find((u) => u.sessionId === info.uniqueId);
  const fileCards = () => a.postsTo(admin).filter((p) => attachmentOf(p).contentType === FILE_INFO);
  const replacements = (card: RecordedActivity) =>
    fake
      .updated()
      .filter((u) => u.messageId === card.messageId)
      .map((u) => headings(attachmentOf(u).content));
  const csv = async () => Buffer.from((await personReportCsv(store)).csv, 'utf8');

  it('answers 200 while OneDrive still holds the upload; once it completes the file card follows and the card is replaced', async () => {
    const { card, consentId } = await a.exportInChat(admin);
    hold = fake.holdUploads();
    const info = fake.openUploadSession(String(attachmentOf(card).name));
    const answered = a.answer(admin, 'accept', card, info);
    await eventually(() => hold!.held() === 1);
    expect(await answered).toBe(200);

    // Answered while the upload's first request is still unanswered: nothing stored, sent, failed or replaced yet.
    expect(hold.held()).toBe(1);
    expect(uploadedTo(info)).toBeUndefined();
    expect(await readOffer(store, consentId)).toMatchObject({ state: 'uploading', attempts: 1 });
    expect(fileCards()).toEqual([]);
    expect(fake.updated()).toEqual([]);
    expect((await store.readAudit(20)).map((e) => e.action)).not.toContain('file.upload_failed');

    hold.release();
    const [fileCard] = await eventually(() => fileCards().length === 1 && fileCards());
    expect(attachmentOf(fileCard!)).toMatchObject({ name: info.name, contentUrl: info.contentUrl });
    expect(uploadedTo(info)?.bytes.equals(await csv())).toBe(true);
    expect(await readOffer(store, consentId)).toMatchObject({ state: 'sent' });
    expect((await store.readAudit(20)).find((e) => e.action === 'file.sent')).toMatchObject({
      actor: 'admin@example.org',
      detail: expect.stringContaining(`offer=${consentId}`),
    });
    expect(await eventually(() => replacements(card).length > 0 && replacements(card))).toEqual([
      [t('fr', 'teams_file_card_sent', { name: info.name })],
    ]);
  });

  it('a second accept while the upload is under way is told the file is on its way; the file is uploaded once', async () => {
    const { card } = await a.exportInChat(admin);
    hold = fake.holdUploads();
    const first = fake.openUploadSession('first.csv');
    expect(await a.answer(admin, 'accept', card, first)).toBe(200);
    await eventually(() => hold!.held() === 1);
    const second = fake.openUploadSession('second.csv');
    expect(await a.answer(admin, 'accept', card, second)).toBe(200);
    expect(a.titles(admin)).toContain(t('fr', 'teams_file_busy_title'));
    expect(hold.held()).toBe(1);

    hold.release();
    await eventually(() => fileCards().length === 1);
    expect(uploadedTo(first)?.complete).toBe(true);
    expect(uploadedTo(second)).toBeUndefined();
  });

  it('a failure after the answer is told then: the failure message and a new card, the old card says so', async () => {
    const { card, consentId } = await a.exportInChat(admin);
    hold = fake.holdUploads();
    fake.failUploads({ status: 503 });
    expect(await a.answer(admin, 'accept', card, fake.openUploadSession('report.csv'))).toBe(200);
    await eventually(() => hold!.held() === 1);
    expect(a.consentCards(admin)).toHaveLength(1);

    hold.release();
    const retry = await eventually(() => a.consentCards(admin).length === 2 && a.consentCards(admin)[1]);
    expect(a.titles(admin)).toContain(t('fr', 'teams_file_failed_title'));
    expect(await readOffer(store, consentId)).toMatchObject({ state: 'offered', attempts: 1 });
    await eventually(() => replacements(card).length > 0);
    expect(replacements(retry)).toEqual([]);
  });

  it('the upload counts even when its outcome cannot be posted: settled, audited, logged with ids only', async () => {
    const { card, consentId } = await a.exportInChat(admin);
    hold = fake.holdUploads();
    const info = fake.openUploadSession('report.csv');
    expect(await a.answer(admin, 'accept', card, info)).toBe(200);
    await eventually(() => hold!.held() === 1);
    fake.injectFault({ kind: 'server_error', status: 503 }, { target: 'write', times: 50 });

    hold.release();
    const line = await eventually(() => a.logs.find((l) => l.includes('could not post the outcome of a file upload')));
    expect(JSON.parse(line)).toMatchObject({ level: 40, offer: consentId, outcome: 'sent' });
    expect(line).not.toMatch(/example\.org|Test Person/);
    expect(uploadedTo(info)?.complete).toBe(true);
    expect(await readOffer(store, consentId)).toMatchObject({ state: 'sent' });
    expect((await store.readAudit(20)).map((e) => e.action)).toContain('file.sent');
    expect(fileCards()).toEqual([]);
  });

  it('a graceful stop waits for an upload under way, then its outcome is in the store', async () => {
    const { card, consentId } = await a.exportInChat(admin);
    hold = fake.holdUploads();
    expect(await a.answer(admin, 'accept', card, fake.openUploadSession('report.csv'))).toBe(200);
    await eventually(() => hold!.held() === 1);

    let stopped = false;
    const stopping = a.stop().then(() => {
      stopped = true;
    });
    await eventually(() => a.logs.some((l) => l.includes('waiting for file uploads under way')));
    expect(stopped).toBe(false);
    hold.release();
    await stopping;
    expect(await readOffer(store, consentId)).toMatchObject({ state: 'sent' });
    expect(fileCards()).toHaveLength(1);
    // Started again for afterEach to stop.
    await a.restart('admin@example.org');
  });
});
