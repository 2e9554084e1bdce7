// The right to a file is judged again when its consent card is accepted, up to a day after the offer: someone who lost
// the admin role, or was removed from ADMIN_EMAILS, meanwhile gets nothing uploaded, a clear answer and an audit entry,
// and the offer is settled so that no later accept of the card uploads it. On the memory store and on Redis.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../../src/cards/index.ts';
import { offerBytes, readOffer, type FileOffer } from '../../../src/channels/teams/file-offers.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import { createRedisStore } from '../../../src/store/redis-store.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import { startFakeBotConnector, type FakeBotConnector } from '../../fakes/bot-connector.ts';
import { eventually } from '../../helpers/eventually.ts';
import { hasRedis, testRedis, uniqueMigrationId } from '../../helpers/redis.ts';
import { membersOf, startFileConsentApp, teamsUser, type FileConsentApp } from './file-consent-app.ts';

const factories: [string, () => MigrationStore][] = [['memory', () => createMemoryStore(uniqueMigrationId('files'))]];
const redis = hasRedis() ? testRedis() : undefined;
if (redis) factories.push(['redis', () => createRedisStore({ redis, migrationId: uniqueMigrationId('files') })]);
else if (process.env.CI === 'true') throw new Error('CI must run the Redis tests');
afterAll(async () => {
  await redis?.quit();
});

/** Listed in ADMIN_EMAILS, not in the roster. */
const boss = teamsUser('boss');
/** In the roster, made an admin in chat. */
const carol = teamsUser('carol');
const fr = (key: string) => t('fr', key, { hours: 24 });

describe.each(factories)(
  'Teams files: the right to the file is judged again at the accept, on %s',
  (_kind, makeStore) => {
    let fake: FakeBotConnector;
    let store: MigrationStore;
    let a: FileConsentApp;

    beforeEach(async () => {
      fake = await startFakeBotConnector({ members: membersOf([boss, carol]) });
      store = makeStore();
      a = await startFileConsentApp(fake, store, 'boss@example.org');
      await a.addPerson({ email: 'carol@example.org', firstName: 'Carol' });
      for (const u of [boss, carol]) await a.install(u);
      await a.say(boss, 'admins add carol@example.org');
      expect((await store.getPerson('carol@example.org'))?.roles).toContain('admin');
    });
    afterEach(async () => {
      await a.stop();
      await fake.close();
    });

    const refusals = async () => (await store.readAudit(50)).filter((e) => e.action === 'refused:file');

    it('an admin removed between the offer and the accept gets nothing, is told why, and the card cannot be used again', async () => {
      const { card, consentId } = await a.exportInChat(carol);
      await a.say(boss, 'admins remove carol@example.org');
      expect((await store.getPerson('carol@example.org'))?.roles).not.toContain('admin');

      expect(await a.answer(carol, 'accept', card, fake.openUploadSession('report.csv'))).toBe(200);
      await eventually(() => a.titles(carol).includes(fr('teams_file_refused_title')));
      expect(fake.uploads()).toEqual([]);
      expect(await readOffer(store, consentId)).toMatchObject({ state: 'refused' });
      expect(await offerBytes(store, consentId)).toBeUndefined();
      expect(await refusals()).toEqual([
        expect.objectContaining({
          actor: 'carol@example.org',
          source: 'teams',
          detail: `offer=${consentId} requires=admin`,
        }),
      ]);

      // Made an admin again, the same card still uploads nothing: the offer was settled. A fresh export works.
      await a.say(boss, 'admins add carol@example.org');
      expect(await a.answer(carol, 'accept', card, fake.openUploadSession('report.csv'))).toBe(200);
      await eventually(() => a.titles(carol).filter((x) => x === fr('teams_file_refused_title')).length === 2);
      expect(fake.uploads()).toEqual([]);
      const fresh = await a.exportInChat(carol);
      const info = fake.openUploadSession('report.csv');
      await a.answer(carol, 'accept', fresh.card, info);
      await eventually(() => fake.uploads().find((u) => u.sessionId === info.uniqueId)?.complete);
    });

    it('an admin from ADMIN_EMAILS who is not in the roster gets the file; removed from ADMIN_EMAILS they do not', async () => {
      const sent = await a.exportInChat(boss);
      const info = fake.openUploadSession('report.csv');
      expect(await a.answer(boss, 'accept', sent.card, info)).toBe(200);
      await eventually(() => fake.uploads().find((u) => u.sessionId === info.uniqueId)?.complete);

      const { card, consentId } = await a.exportInChat(boss);
      // The operator takes boss out of ADMIN_EMAILS and restarts numbot; the offer waits in the store meanwhile.
      await a.restart('carol-is-not-here@example.org');
      const late = fake.openUploadSession('report.csv');
      expect(await a.answer(boss, 'accept', card, late)).toBe(200);
      await eventually(() => a.titles(boss).includes(fr('teams_file_refused_title')));
      expect(fake.uploads().find((u) => u.sessionId === late.uniqueId)).toBeUndefined();
      expect(await readOffer(store, consentId)).toMatchObject({ state: 'refused' });
      expect(await refusals()).toEqual([
        expect.objectContaining({ actor: 'boss@example.org', detail: `offer=${consentId} requires=admin` }),
      ]);
    });

    it('an offer stored before offers said what they require is judged admin-only', async () => {
      const stripRequirement = async (id: string) => {
        const { requires: _requires, ...old } = (await readOffer(store, id))!;
        await store.putDoc<FileOffer>('teams:file-offer', id, old);
        expect((await readOffer(store, id))?.requires).toBeUndefined();
      };
      const mine = await a.exportInChat(boss);
      const hers = await a.exportInChat(carol);
      await stripRequirement(mine.consentId);
      await stripRequirement(hers.consentId);
      await a.say(boss, 'admins remove carol@example.org');

      const info = fake.openUploadSession('report.csv');
      await a.answer(boss, 'accept', mine.card, info);
      await eventually(() => fake.uploads().find((u) => u.sessionId === info.uniqueId)?.complete);
      await a.answer(carol, 'accept', hers.card, fake.openUploadSession('report.csv'));
      await eventually(() => a.titles(carol).includes(fr('teams_file_refused_title')));
      expect(fake.uploads().filter((u) => u.sessionId !== info.uniqueId)).toEqual([]);
      expect(await readOffer(store, hers.consentId)).toMatchObject({ state: 'refused' });
    });

    it('a decline needs no right: it is settled as before', async () => {
      const { card, consentId } = await a.exportInChat(carol);
      await a.say(boss, 'admins remove carol@example.org');
      expect(await a.answer(carol, 'decline', card)).toBe(200);
      expect(await readOffer(store, consentId)).toMatchObject({ state: 'declined' });
      expect(await refusals()).toEqual([]);
    });
  },
);
