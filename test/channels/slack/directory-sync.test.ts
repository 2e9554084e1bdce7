// Directory sync: the roster linked to Slack users from users.list pages, never one call per person.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSlackChannel } from '../../../src/channels/slack/slack-channel.ts';
import { syncSlackDirectory } from '../../../src/channels/slack/directory-sync.ts';
import { newPerson } from '../../../src/domain/person.ts';
import { personForChatUser } from '../../../src/services/chat-identity.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import { createRedisStore } from '../../../src/store/redis-store.ts';
import type { MigrationStore } from '../../../src/store/store.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.ts';
import { emailFor, makeDirectory, member, userIdFor } from '../../fakes/slack-directory.ts';
import { hasRedis, testRedis, uniqueMigrationId } from '../../helpers/redis.ts';
import { makeEdge } from './edge-harness.ts';

async function seedRoster(store: MigrationStore, people: number, extra: string[] = []): Promise<void> {
  const now = Date.now();
  const all = Array.from({ length: people }, (_, i) =>
    newPerson(
      {
        email: emailFor(i),
        firstName: `P${i}`,
        lastName: 'X',
        ...(i === 1 ? { locale: 'de' as const, timeZone: 'Europe/Berlin' } : {}),
      },
      now,
    ),
  ).concat(extra.map((email) => newPerson({ email, firstName: 'E', lastName: 'X' }, now)));
  for (let i = 0; i < all.length; i += 1000) {
    const { conflicts } = await store.writePeople(
      all.slice(i, i + 1000).map((after) => ({ expectedVersion: -1, after, action: 'person.created' })),
      { id: 'test', source: 'import' },
      now,
    );
    expect(conflicts).toEqual([]);
  }
}

describe('Slack directory sync', () => {
  let fake: FakeSlackApi;
  afterEach(async () => {
    await fake.close();
  });

  it('links 10,000 people in at most 11 users.list calls, with locale and time zone where the roster had none', async () => {
    fake = await startFakeSlackApi({ members: makeDirectory(10_000, { bots: 20, deleted: 30 }) });
    const store = createMemoryStore('sync-10k');
    await seedRoster(store, 10_000, ['missing@example.org', 'gone0@example.org']);
    const channel = createSlackChannel(makeEdge(fake, { store }));

    const result = await channel.syncDirectory();

    const listCalls = fake.calls('users.list');
    expect(result.apiCalls).toBeLessThanOrEqual(11);
    expect(fake.stats().requests).toBe(result.apiCalls);
    expect(listCalls).toHaveLength(result.apiCalls);
    expect(listCalls.every((c) => Number(c.params.limit) === 1000 && String(c.params.include_locale) === 'true')).toBe(
      true,
    );
    expect(result.linked).toBe(10_000);
    expect(result.unmatched).toEqual(['gone0@example.org', 'missing@example.org']);
    expect(result.reasons).toEqual({ 'gone0@example.org': 'deactivated' });

    const [p0, p1, p3, p7] = await store.getPeople([emailFor(0), emailFor(1), emailFor(3), emailFor(7)]);
    expect(p0?.chat.slack).toEqual({ userId: userIdFor(0), teamId: 'T0FAKE' });
    expect(p3?.locale).toBe('fr');
    expect(p3?.timeZone).toBe('Europe/Brussels');
    expect(p1?.locale).toBe('de');
    expect(p1?.timeZone).toBe('Europe/Berlin');
    expect(p7?.chat.slack?.userId).toBe(userIdFor(7));
    expect(await personForChatUser(store, 'slack', userIdFor(9_999))).toBe(emailFor(9_999));
    expect(await personForChatUser(store, 'slack', 'UDEL0')).toBeUndefined();

    const again = await channel.syncDirectory();
    expect(again.linked).toBe(10_000);
    expect((await store.getPerson(emailFor(0)))?.version).toBe(p0?.version);
  }, 60_000);

  it('asks a page again after Retry-After when users.list is rate limited', async () => {
    fake = await startFakeSlackApi({ members: [member('U1', 'a@example.org'), member('U2', 'b@example.org')] });
    const store = createMemoryStore('sync-429');
    await seedRoster(store, 0, ['a@example.org', 'b@example.org']);
    fake.injectFault({ method: 'users.list', kind: 'rate_limit', retryAfterSeconds: 2 });
    const waits: number[] = [];
    const result = await syncSlackDirectory(makeEdge(fake, { store }), { sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([2000]);
    expect(result).toEqual({ linked: 2, unmatched: [], ambiguous: [], reasons: {}, apiCalls: 2 });
    expect(fake.stats().throttled).toBe(1);
  });

  it('gives up on a page Slack keeps refusing, and reports the error', async () => {
    fake = await startFakeSlackApi({ members: [member('U1', 'a@example.org')] });
    fake.injectFault({ method: 'users.list', kind: 'error', error: 'missing_scope' });
    await expect(syncSlackDirectory(makeEdge(fake), { sleep: async () => undefined })).rejects.toThrow(/missing_scope/);
  });
});

describe('Slack directory sync: who is linked', () => {
  let fake: FakeSlackApi;
  afterEach(async () => {
    await fake.close();
  });

  it('links guests, never guesses between two active accounts of one e-mail, and says why the others are not linked', async () => {
    fake = await startFakeSlackApi({
      members: [
        member('U0GUEST', ' Guest@Example.org ', { is_restricted: true }),
        member('U0TWIN1', 'twin@example.org'),
        member('U0TWIN2', 'TWIN@example.org'),
        member('U0GONE', 'gone@example.org', { deleted: true }),
        member('B0BOT', 'bot@example.org', { is_bot: true }),
      ],
    });
    const store = createMemoryStore('sync-kinds');
    await seedRoster(store, 0, [
      'guest@example.org',
      'twin@example.org',
      'gone@example.org',
      'bot@example.org',
      'nobody@example.org',
    ]);
    const result = await syncSlackDirectory(makeEdge(fake, { store }));
    expect(result.linked).toBe(1);
    expect((await store.getPerson('guest@example.org'))?.chat.slack?.userId).toBe('U0GUEST');
    expect((await store.getPerson('twin@example.org'))?.chat.slack).toBeUndefined();
    expect(result.ambiguous).toEqual(['twin@example.org']);
    expect(result.unmatched).toEqual(['bot@example.org', 'gone@example.org', 'nobody@example.org', 'twin@example.org']);
    expect(result.reasons).toEqual({ 'twin@example.org': 'ambiguous', 'gone@example.org': 'deactivated' });
  });

  it('unlinks a person whose Slack account was deactivated since the last sync', async () => {
    fake = await startFakeSlackApi({ members: [member('U0ANN', 'ann@example.org')] });
    const store = createMemoryStore('sync-deactivated');
    await seedRoster(store, 0, ['ann@example.org']);
    await syncSlackDirectory(makeEdge(fake, { store }));
    expect((await store.getPerson('ann@example.org'))?.chat.slack?.userId).toBe('U0ANN');
    fake.setMembers([member('U0ANN', 'ann@example.org', { deleted: true })]);
    const result = await syncSlackDirectory(makeEdge(fake, { store }));
    expect(result).toMatchObject({
      linked: 0,
      unmatched: ['ann@example.org'],
      reasons: { 'ann@example.org': 'deactivated' },
    });
    expect((await store.getPerson('ann@example.org'))?.chat.slack).toBeUndefined();
    expect((await store.readAudit(1))[0]).toMatchObject({
      action: 'chat.unlinked',
      detail: 'slack account deactivated',
    });
  });
});

describe('Slack directory sync, store behaviour', () => {
  let fake: FakeSlackApi;
  afterEach(async () => {
    await fake.close();
  });

  it('links people one by one when someone else wrote one of them during the batch', async () => {
    fake = await startFakeSlackApi({ members: makeDirectory(3) });
    const inner = createMemoryStore('sync-conflict');
    await seedRoster(inner, 3);
    let refused = false;
    const store: MigrationStore = {
      ...inner,
      writePeople: async (writes, actor, now) => {
        if (!refused && writes.length > 1) {
          refused = true;
          return { conflicts: [writes[0]!.after.id] };
        }
        return inner.writePeople(writes, actor, now);
      },
    };
    const result = await syncSlackDirectory(makeEdge(fake, { store }));
    expect(refused).toBe(true);
    expect(result.linked).toBe(3);
    const people = await inner.getPeople([emailFor(0), emailFor(1), emailFor(2)]);
    expect(people.map((p) => p?.chat.slack?.userId)).toEqual([userIdFor(0), userIdFor(1), userIdFor(2)]);
  });
});

describe.runIf(hasRedis())('Slack directory sync on Redis', () => {
  const redis = testRedis();
  afterAll(() => redis.quit());

  it('links a directory of several pages in batched writes, keeping counters and chat ids', async () => {
    const fake = await startFakeSlackApi({ members: makeDirectory(2_500, { bots: 3 }) });
    try {
      const store = createRedisStore({ redis, migrationId: uniqueMigrationId('slack-sync') });
      await seedRoster(store, 2_500);
      const before = await store.counters();
      const result = await syncSlackDirectory(makeEdge(fake, { store }));
      expect(result).toEqual({ linked: 2_500, unmatched: [], ambiguous: [], reasons: {}, apiCalls: 3 });
      expect(await store.counters()).toEqual(before);
      expect((await store.getPerson(emailFor(2_499)))?.chat.slack?.userId).toBe(userIdFor(2_499));
      expect(await personForChatUser(store, 'slack', userIdFor(1_234))).toBe(emailFor(1_234));
      const audit = await store.readAudit(5);
      expect(audit[0]).toMatchObject({ actor: 'slack-directory', source: 'slack', detail: 'slack identity' });
    } finally {
      await fake.close();
    }
  }, 60_000);
});
