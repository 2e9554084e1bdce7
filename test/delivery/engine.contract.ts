// The Delivery contract: the in-process and BullMQ engines must behave the same for every rule below.
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignProgress, Delivery, DeliveryJob } from '../../src/ports/delivery.ts';
import { SENT_CARD_DOC, sentCardId } from '../../src/delivery/outbound-card.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { FakeChannel } from './helpers/fake-channel.ts';
import { informJob, personId, reminderJob, seedPeople, testPerson, until } from './helpers/people.ts';

export interface EngineSettings {
  maxAttempts: number;
  concurrency: number;
  /** Teams sends a second (Infinity for no limit). */
  teamsRate: number;
  progressEveryMs: number;
}

export interface EngineHarness {
  delivery: Delivery;
  store: MigrationStore;
  close(): Promise<void>;
}

export type MakeEngine = (channel: FakeChannel, settings: EngineSettings) => Promise<EngineHarness>;

const DEFAULTS: EngineSettings = {
  maxAttempts: 3,
  concurrency: 4,
  teamsRate: Number.POSITIVE_INFINITY,
  progressEveryMs: 50,
};
/** A manager's escalation note to person `to` about person `about`, keyed as the reminders key it. */
const note = (to: number, about: number): DeliveryJob => ({
  key: `escalate:${personId(about)}`,
  personId: personId(to),
  card: { name: 'message', data: { title: 'Note', text: 'About someone' } },
  about: { personId: personId(about), events: [{ type: 'reminder.escalated' }] },
});
const left = (p: CampaignProgress | undefined) => (p ? p.queued + p.retrying : Number.NaN);
/** The store throws (a Redis blip) on the first write to each of these people, then works again. */
function failFirstWriteOf(store: MigrationStore, ids: string[]): void {
  const failing = new Set(ids);
  const writePeople = store.writePeople.bind(store);
  store.writePeople = async (writes, actor, now) => {
    const hit = writes.find((w) => failing.has(w.after.id));
    if (hit) {
      failing.delete(hit.after.id);
      throw new Error('store unavailable');
    }
    return writePeople(writes, actor, now);
  };
}

export function runEngineContract(name: string, make: MakeEngine): void {
  describe(`Delivery engine contract: ${name}`, () => {
    let h: EngineHarness | undefined;
    let channel: FakeChannel;
    const setup = async (people: number, settings: Partial<EngineSettings> = {}) => {
      channel = new FakeChannel('teams');
      h = await make(channel, { ...DEFAULTS, ...settings });
      await seedPeople(
        h.store,
        Array.from({ length: people }, (_, i) => testPerson(i)),
      );
      return h;
    };
    const finished = async (d: Delivery, campaignId: string) =>
      until(async () => left(await d.progress(campaignId)) === 0, 15_000, `${campaignId} to finish`);
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it('sends each recipient once, records it, applies its events and remembers where the card lives', async () => {
      const { delivery, store } = await setup(5);
      await delivery.start();
      const jobs = [0, 1, 2, 3, 4].map((n) => informJob(n));
      expect(await delivery.enqueue('c1', [...jobs, informJob(2)])).toEqual({ queued: 5, duplicates: 1 });
      await finished(delivery, 'c1');
      expect(await delivery.progress('c1')).toMatchObject({
        total: 5,
        sent: 5,
        failed: 0,
        skipped: 0,
        queued: 0,
        etaMs: 0,
      });
      for (let n = 0; n < 5; n++) expect(channel.sentTo(personId(n))).toBe(1);
      expect((await store.getPerson(personId(3)))?.inform).toMatchObject({ status: 'informed', rounds: 1 });
      expect(await store.getDoc(SENT_CARD_DOC, sentCardId(personId(3), 'inform'))).toMatchObject({ platform: 'teams' });
      expect(channel.sends[0]?.card).toMatchObject({ name: 'inform', locale: 'en', timeZone: 'Europe/Brussels' });

      expect(await delivery.enqueue('c2', [informJob(1), informJob(7)])).toEqual({ queued: 1, duplicates: 1 });
      await finished(delivery, 'c2');
      expect(channel.sentTo(personId(1))).toBe(1);
      const { results } = await delivery.recipients!('c2');
      expect(results).toEqual([
        { key: informJob(7).key, personId: personId(7), status: { status: 'skipped', reason: 'not_found' } },
      ]);
    });

    it('retries a transient error and then sends', async () => {
      const { delivery } = await setup(2);
      channel.script(personId(0), { kind: 'transient', reason: 'HTTP 502' }, { kind: 'transient', reason: 'timeout' });
      await delivery.start();
      await delivery.enqueue('c1', [informJob(0), informJob(1)]);
      await finished(delivery, 'c1');
      expect(channel.triesTo(personId(0))).toBe(3);
      expect(channel.sentTo(personId(0))).toBe(1);
      expect(await delivery.progress('c1')).toMatchObject({ sent: 2, failed: 0, retrying: 0 });
    });

    it('marks a recipient failed after the last attempt, and sends on "resend failed"', async () => {
      const { delivery } = await setup(2);
      const down = { kind: 'transient', reason: 'HTTP 503' } as const;
      channel.script(personId(0), down, down, down);
      await delivery.start();
      await delivery.enqueue('c1', [informJob(0), informJob(1)]);
      await finished(delivery, 'c1');
      expect(channel.triesTo(personId(0))).toBe(3);
      expect(await delivery.progress('c1')).toMatchObject({ sent: 1, failed: 1 });
      const { results } = await delivery.recipients!('c1');
      expect(results.find((r) => r.personId === personId(0))?.status).toEqual({ status: 'failed', reason: 'HTTP 503' });

      expect(await delivery.resendFailed('c1')).toBe(1);
      await finished(delivery, 'c1');
      expect(await delivery.progress('c1')).toMatchObject({ sent: 2, failed: 0 });
      expect(channel.sentTo(personId(0))).toBe(1);
      expect(channel.sentTo(personId(1))).toBe(1);
      expect(await delivery.resendFailed()).toBe(0);
    });

    it('treats blocked, not found and invalid as final for that person, without retrying', async () => {
      const { delivery } = await setup(4);
      channel.script(personId(0), { kind: 'blocked', reason: 'ConversationBlockedByUser' });
      channel.script(personId(1), { kind: 'not_found', reason: 'ConversationNotFound' });
      channel.script(personId(2), { kind: 'invalid', reason: 'MessageSizeTooBig' });
      await delivery.start();
      await delivery.enqueue(
        'c1',
        [0, 1, 2, 3].map((n) => informJob(n)),
      );
      await finished(delivery, 'c1');
      for (const n of [0, 1, 2]) expect(channel.triesTo(personId(n))).toBe(1);
      const byPerson = Object.fromEntries(
        (await delivery.recipients!('c1')).results.map((r) => [r.personId, r.status]),
      );
      expect(byPerson[personId(0)]).toEqual({ status: 'skipped', reason: 'blocked' });
      expect(byPerson[personId(1)]).toEqual({ status: 'skipped', reason: 'not_found' });
      expect(byPerson[personId(2)]).toEqual({ status: 'failed', reason: 'invalid: MessageSizeTooBig' });
      expect(byPerson[personId(3)]).toMatchObject({ status: 'sent' });
      expect(await delivery.progress('c1')).toMatchObject({ total: 4, sent: 1, skipped: 2, failed: 1 });
    });

    it('applies the events of the person a card is about once it is sent, or once it never will be', async () => {
      const { delivery, store } = await setup(4);
      channel.script(personId(3), { kind: 'blocked', reason: 'ConversationBlockedByUser' });
      await delivery.start();
      await delivery.enqueue('c1', [note(0, 1), note(3, 2)]);
      await finished(delivery, 'c1');
      expect(channel.sentTo(personId(0))).toBe(1);
      // The events follow the settled status (a replica confirms it first under Cluster and Sentinel).
      const escalated = async (n: number) => (await store.getPerson(personId(n)))?.reminders.escalatedAt !== undefined;
      await until(() => escalated(1), 10_000, 'the note about 1 applied');
      // The note to 3 was refused (blocked): 2 is still marked, so nobody waits on a card that cannot arrive.
      await until(() => escalated(2), 10_000, 'the note about 2 applied');
      // The recipients themselves are untouched.
      for (const n of [0, 3]) expect((await store.getPerson(personId(n)))?.reminders.escalatedAt).toBeUndefined();
    });

    it('an internal error on the last attempt fails the recipient and still applies the events of the person it is about', async () => {
      const { delivery, store } = await setup(4, { maxAttempts: 1 });
      // The store cannot read the recipient (not the platform's answer: an error of our own).
      const getPerson = store.getPerson.bind(store);
      store.getPerson = async (id) => {
        if (id === personId(0)) throw new Error('store unavailable');
        return getPerson(id);
      };
      await delivery.start();
      await delivery.enqueue('c1', [note(0, 1)]);
      await finished(delivery, 'c1');
      const { results } = await delivery.recipients!('c1');
      expect(results).toEqual([
        { key: note(0, 1).key, personId: personId(0), status: { status: 'failed', reason: 'internal error' } },
      ]);
      // The note can never arrive: 1 no longer waits on it, as when a platform refuses it.
      await until(
        async () => (await getPerson(personId(1)))?.reminders.escalatedAt !== undefined,
        10_000,
        'the escalation recorded on 1',
      );
      expect((await getPerson(personId(0)))?.reminders.escalatedAt).toBeUndefined();
    });

    it('applies the events of a give-up the store failed to write once when the job is tried again, status and progress unchanged', async () => {
      const { delivery, store } = await setup(4);
      channel.script(personId(0), { kind: 'blocked', reason: 'ConversationBlockedByUser' });
      channel.script(personId(2), { kind: 'invalid', reason: 'MessageSizeTooBig' });
      failFirstWriteOf(store, [personId(1), personId(3)]);
      await delivery.start();
      await delivery.enqueue('c1', [note(0, 1), note(2, 3)]);
      await finished(delivery, 'c1');
      await until(
        async () => {
          const people = await store.getPeople([personId(1), personId(3)]);
          return people.every((p) => p?.reminders.escalatedAt !== undefined);
        },
        10_000,
        'the escalations recorded once the jobs are tried again',
      );
      // The retry only applied the events: nobody was sent anything again and the statuses and counts stayed.
      expect(channel.triesTo(personId(0))).toBe(1);
      expect(channel.triesTo(personId(2))).toBe(1);
      const byPerson = Object.fromEntries(
        (await delivery.recipients!('c1')).results.map((r) => [r.personId, r.status]),
      );
      expect(byPerson).toEqual({
        [personId(0)]: { status: 'skipped', reason: 'blocked' },
        [personId(2)]: { status: 'failed', reason: 'invalid: MessageSizeTooBig' },
      });
      expect(await delivery.progress('c1')).toMatchObject({
        total: 2,
        sent: 0,
        skipped: 1,
        failed: 1,
        queued: 0,
        retrying: 0,
      });
      const audit = (await store.readAudit(100)).filter((a) => a.action === 'reminder.escalated');
      expect(audit.map((a) => [a.person, a.detail]).sort()).toEqual([
        [personId(1), 'delivery:c1:skipped:blocked'],
        [personId(3), 'delivery:c1:failed'],
      ]);
    });

    it('applies the events of a give-up the store failed to write on the last attempt, keeping the status it gave up with', async () => {
      const { delivery, store } = await setup(2, { maxAttempts: 1 });
      channel.script(personId(0), { kind: 'blocked', reason: 'ConversationBlockedByUser' });
      failFirstWriteOf(store, [personId(1)]);
      await delivery.start();
      await delivery.enqueue('c1', [note(0, 1)]);
      await finished(delivery, 'c1');
      await until(
        async () => (await store.getPerson(personId(1)))?.reminders.escalatedAt !== undefined,
        10_000,
        'the escalation recorded on 1',
      );
      expect(channel.triesTo(personId(0))).toBe(1);
      const { results } = await delivery.recipients!('c1');
      expect(results).toEqual([
        { key: note(0, 1).key, personId: personId(0), status: { status: 'skipped', reason: 'blocked' } },
      ]);
      expect(await delivery.progress('c1')).toMatchObject({ total: 1, skipped: 1, failed: 0 });
      const audit = (await store.readAudit(100)).filter((a) => a.action === 'reminder.escalated');
      expect(audit.map((a) => [a.person, a.detail])).toEqual([[personId(1), 'delivery:c1:skipped:blocked']]);
    });

    it('skips people nobody can reach and reminders to people who opted out, but still informs them', async () => {
      const channel2 = new FakeChannel('teams');
      h = await make(channel2, DEFAULTS);
      channel = channel2;
      await seedPeople(h.store, [
        testPerson(0, (p) => (p.chat = {})),
        testPerson(1, (p) => (p.reminders = { sent: 0, optedOut: true })),
        testPerson(2, (p) => (p.locale = 'fr')),
      ]);
      const { delivery } = h;
      await delivery.start();
      await delivery.enqueue('c1', [informJob(0), reminderJob(1), informJob(1), reminderJob(2)]);
      await finished(delivery, 'c1');
      const byKey = Object.fromEntries((await delivery.recipients!('c1')).results.map((r) => [r.key, r.status]));
      expect(byKey[informJob(0).key]).toEqual({ status: 'skipped', reason: 'unreachable' });
      expect(byKey[reminderJob(1).key]).toEqual({ status: 'skipped', reason: 'opted_out' });
      expect(byKey[informJob(1).key]).toMatchObject({ status: 'sent' });
      expect(byKey[reminderJob(2).key]).toMatchObject({ status: 'sent' });
      expect(channel.sends.find((s) => s.personId === personId(2))?.card.locale).toBe('fr');
      expect((await h.store.getPerson(personId(2)))?.reminders.sent).toBe(1);
    });

    it('pauses every worker when the platform answers 429, then sends the rest', async () => {
      const { delivery } = await setup(30, { concurrency: 4 });
      const retryAfterMs = 800;
      let answeredAt = 0;
      channel.onRateLimited = (at) => (answeredAt = at);
      channel.script(personId(3), { kind: 'rate_limited', retryAfterMs });
      await delivery.start();
      await delivery.enqueue(
        'c1',
        Array.from({ length: 30 }, (_, n) => informJob(n)),
      );
      await finished(delivery, 'c1');
      expect(answeredAt).toBeGreaterThan(0);
      // Sends already past their checks when the 429 came back may still start; allow them a generous 150 ms.
      const duringPause = channel.sends.filter(
        (s) => s.startedAt > answeredAt + 150 && s.startedAt < answeredAt + retryAfterMs - 20,
      );
      expect(duringPause).toEqual([]);
      expect(channel.sends.filter((s) => s.startedAt >= answeredAt + retryAfterMs - 20).length).toBeGreaterThan(0);
      expect(await delivery.progress('c1')).toMatchObject({ sent: 30, failed: 0 });
      expect(channel.sentTo(personId(3))).toBe(1);
    });

    it('cancels a campaign mid-way: no new sends start, the rest are skipped as cancelled', async () => {
      const { delivery } = await setup(40, { concurrency: 2 });
      let release: () => void = () => {};
      let held = new Promise<void>((r) => (release = r));
      channel.gate = () => held;
      await delivery.start();
      await delivery.enqueue(
        'c1',
        Array.from({ length: 40 }, (_, n) => informJob(n)),
      );
      await until(() => channel.sends.length >= 2, 10_000, 'two sends in flight');
      await delivery.cancel('c1');
      const startedBeforeCancel = channel.sends.length;
      release();
      held = Promise.resolve();
      await finished(delivery, 'c1');
      const p = await delivery.progress('c1');
      expect(p).toMatchObject({ cancelled: true, total: 40, queued: 0, retrying: 0 });
      expect(p!.sent).toBe(startedBeforeCancel);
      expect(p!.skipped).toBe(40 - startedBeforeCancel);
      expect(channel.sends.length).toBe(startedBeforeCancel);
      await expect(delivery.enqueue('c1', [informJob(39)])).rejects.toThrow(/cancelled/);
    });

    it('reports progress while sending and once more when done', async () => {
      const { delivery } = await setup(20, { concurrency: 2, teamsRate: 200 });
      const seen: CampaignProgress[] = [];
      const off = delivery.onProgress!((p) => void seen.push(p));
      await delivery.start();
      await delivery.enqueue(
        'c1',
        Array.from({ length: 20 }, (_, n) => informJob(n)),
      );
      await until(() => seen.some((p) => p.sent === 20), 15_000, 'final progress');
      off();
      const last = seen.at(-1)!;
      expect(last).toMatchObject({ campaignId: 'c1', total: 20, sent: 20, queued: 0, etaMs: 0 });
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.sent).toBeGreaterThanOrEqual(seen[i - 1]!.sent);
      expect(await delivery.progress('nope')).toBeUndefined();
    });

    it('refuses bad input and changes nothing', async () => {
      const { delivery } = await setup(1);
      await expect(delivery.enqueue('bad id!', [informJob(0)])).rejects.toThrow(/campaign id/);
      await expect(delivery.enqueue('c1', [{ ...informJob(0), key: '' }])).rejects.toThrow(/key/);
      expect(await delivery.progress('c1')).toBeUndefined();
    });
  });
}
