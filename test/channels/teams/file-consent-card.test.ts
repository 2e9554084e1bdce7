// A used file consent card is replaced (PUT on the card's activity, the invoke's replyToId) by a plain card saying what
// happened, so it cannot be clicked again: sent, declined, refused, expired, upload failed. Someone else's answer leaves
// it alone. When the replacement fails the user still gets their answer, and the log says so with ids only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../../src/cards/index.ts';
import { FILE_CONSENT, FILE_INFO } from '../../../src/channels/teams/render.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import { startFakeBotConnector, type FakeBotConnector, type RecordedActivity } from '../../fakes/bot-connector.ts';
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
const bob = teamsUser('bob');
const HOUR = 3_600_000;

describe('Teams files: the consent card is replaced once used', () => {
  let fake: FakeBotConnector;
  let a: FileConsentApp;

  beforeEach(async () => {
    fake = await startFakeBotConnector({ members: membersOf([admin, bob]) });
    a = await startFileConsentApp(fake, createMemoryStore(uniqueMigrationId('card')), 'admin@example.org');
    await a.addPerson({ email: 'bob@example.org', firstName: 'Bob' });
    for (const u of [admin, bob]) await a.install(u);
  });
  afterEach(async () => {
    await a.stop();
    await fake.close();
  });

  const nameOf = (card: RecordedActivity) => String(attachmentOf(card).name);
  const said = (key: string, card: RecordedActivity) => t('fr', `teams_file_card_${key}`, { name: nameOf(card) });
  /** What was put in place of the card, as the headings of each replacement, in order. */
  const replacements = (card: RecordedActivity) =>
    fake
      .updated()
      .filter((u) => u.messageId === card.messageId)
      .map((u) => {
        expect(u.conversationId).toBe(card.conversationId);
        expect(attachmentOf(u).contentType).not.toBe(FILE_CONSENT);
        return headings(attachmentOf(u).content).join(' | ');
      });

  it('after a sent file: "<name>: sent", with nothing left to click; a replayed accept says the same', async () => {
    const { card } = await a.exportInChat(admin);
    expect(await a.answer(admin, 'accept', card, fake.openUploadSession(nameOf(card)))).toBe(200);
    await eventually(() => a.postsTo(admin).some((p) => attachmentOf(p).contentType === FILE_INFO));
    expect(await eventually(() => replacements(card).length > 0 && replacements(card))).toEqual([said('sent', card)]);
    const update = fake.updated().find((u) => u.messageId === card.messageId)!;
    expect(JSON.stringify(update.payload)).not.toMatch(/Action\.|acceptContext|consentId/);

    await a.answer(admin, 'accept', card, fake.openUploadSession(nameOf(card)));
    await eventually(() => replacements(card).length === 2);
    expect(replacements(card)).toEqual([said('sent', card), said('sent', card)]);
  });

  it('after a decline, a refusal and an expiry: each says so', async () => {
    const declined = await a.exportInChat(admin);
    await a.answer(admin, 'decline', declined.card);
    expect(replacements(declined.card)).toEqual([said('declined', declined.card)]);

    const refused = await a.exportInChat(admin);
    await a.say(admin, 'admins add bob@example.org');
    const bobs = await a.exportInChat(bob);
    await a.say(admin, 'admins remove bob@example.org');
    await a.answer(bob, 'accept', bobs.card, fake.openUploadSession(nameOf(bobs.card)));
    expect(replacements(bobs.card)).toEqual([said('refused', bobs.card)]);

    a.clock.advance(24 * HOUR + 1);
    await a.answer(admin, 'accept', refused.card, fake.openUploadSession(nameOf(refused.card)));
    expect(replacements(refused.card)).toEqual([said('expired', refused.card)]);
    expect(fake.uploads()).toEqual([]);
  });

  it('after a failed upload: the old card says so, the new card is the one to accept and is replaced in turn', async () => {
    const { card } = await a.exportInChat(admin);
    fake.failUploads({ status: 503 });
    await a.answer(admin, 'accept', card, fake.openUploadSession(nameOf(card)));
    const retry = await eventually(() => a.consentCards(admin).length === 2 && a.consentCards(admin)[1]);
    await eventually(() => replacements(card).length > 0);
    expect(replacements(card)).toEqual([said('failed', card)]);
    expect(replacements(retry)).toEqual([]);

    await a.answer(admin, 'accept', retry, fake.openUploadSession(nameOf(card)));
    await eventually(() => replacements(retry).length > 0);
    expect(replacements(retry)).toEqual([said('sent', retry)]);
  });

  it('an answer by someone else, or to an offer no longer known, leaves the card alone', async () => {
    const { card } = await a.exportInChat(admin);
    await a.answer(bob, 'accept', card, fake.openUploadSession(nameOf(card)));
    await a.answer(
      admin,
      'accept',
      {
        ...card,
        payload: { attachments: [{ ...attachmentOf(card), content: { acceptContext: { consentId: 'gone' } } }] },
      },
      fake.openUploadSession('x.csv'),
    );
    expect(a.titles(bob)).toEqual([t('fr', 'teams_file_not_yours_title')]);
    expect(a.titles(admin)).toContain(t('fr', 'teams_file_expired_title', { hours: 24 }));
    expect(fake.updated()).toEqual([]);
  });

  it.each([
    ['the card is gone (404)', { kind: 'not_found' as const }],
    ['the Bot Connector refuses it (400)', { kind: 'invalid' as const }],
  ])(
    'when the card cannot be replaced (%s), the user still gets the file and the log names ids only',
    async (_why, fault) => {
      const { card, consentId } = await a.exportInChat(admin);
      fake.injectFault(fault, { target: 'update', times: 20 });
      expect(await a.answer(admin, 'accept', card, fake.openUploadSession(nameOf(card)))).toBe(200);
      await eventually(() => a.postsTo(admin).some((p) => attachmentOf(p).contentType === FILE_INFO));
      await eventually(() => fake.received().some((r) => r.op === 'update'));
      expect(fake.updated()).toEqual([]);
      const line = await eventually(() =>
        a.logs.find((l) => l.includes('could not replace the used file consent card')),
      );
      expect(JSON.parse(line)).toMatchObject({
        level: 40,
        offer: consentId,
        activity: card.messageId,
        outcome: 'sent',
      });
      expect(line).not.toMatch(/example\.org|numbot-report/);

      // The decline of a fresh card is answered too.
      const other = await a.exportInChat(admin);
      expect(await a.answer(admin, 'decline', other.card)).toBe(200);
      expect(a.titles(admin)).toContain(t('fr', 'teams_file_declined_title'));
    },
  );
});
