// Roster sync: the roster team's members paged 500 at a time and linked to roster people by e-mail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPerson } from '../../../src/domain/person.ts';
import { personForChatUser } from '../../../src/services/chat-identity.ts';
import { startFakeBotConnector, type FakeBotConnector, type FakeMember } from '../../fakes/bot-connector.ts';
import { startTeamsApp, type TeamsTestApp } from './app.ts';

const TEAM = '19:roster-team@thread.tacv2';

function members(n: number): FakeMember[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `29:user-${i}`,
    aadObjectId: `aad-${i}`,
    tenantId: 'tenant-1',
    // Half give their address in upper case, a few only a UPN: both must match.
    ...(i % 100 === 7
      ? { userPrincipalName: `user${i}@example.org` }
      : { email: i % 2 ? `User${i}@Example.org` : `user${i}@example.org` }),
    name: `User ${i}`,
  }));
}

describe('Teams roster sync', () => {
  let fake: FakeBotConnector;
  let t: TeamsTestApp;

  beforeEach(async () => {
    fake = await startFakeBotConnector({ members: members(1200) });
    t = await startTeamsApp({
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: fake.url,
      TEAMS_ROSTER_TEAM_ID: TEAM,
    });
    // The app synced the (then empty) roster at start: count from here.
    fake.reset();
    // 1,150 roster people in Teams, 5 who are not.
    const now = Date.now();
    const people = [
      ...Array.from({ length: 1150 }, (_, i) =>
        newPerson({ email: `user${i}@example.org`, firstName: 'U', lastName: String(i) }, now),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        newPerson({ email: `ghost${i}@example.org`, firstName: 'G', lastName: String(i) }, now),
      ),
    ];
    await t.store.writePeople(
      people.map((p) => ({ expectedVersion: -1, after: p, action: 'person.created' })),
      { id: 'test', source: 'import' },
      now,
    );
  });
  afterEach(async () => {
    await t.stop();
    await fake.close();
  });

  it('pages through 1,200 members in 3 calls and links roster people by e-mail', async () => {
    const result = await t.app.services.channels.teams!.syncDirectory();
    expect(result.apiCalls).toBe(3);
    expect(result.linked).toBe(1150);
    expect(result.unmatched.sort()).toEqual([
      'ghost0@example.org',
      'ghost1@example.org',
      'ghost2@example.org',
      'ghost3@example.org',
      'ghost4@example.org',
    ]);

    const pages = fake.received().filter((r) => r.op === 'pagedmembers');
    expect(pages).toHaveLength(3);
    expect(pages.every((p) => p.conversationId === TEAM)).toBe(true);

    const p8 = await t.store.getPerson('user8@example.org');
    expect(p8?.chat.teams).toEqual({ userId: '29:user-8', aadObjectId: 'aad-8', tenantId: 'tenant-1' });
    expect(await personForChatUser(t.store, 'teams', '29:user-107')).toBe('user107@example.org');
    expect((await t.store.getPerson('ghost0@example.org'))?.chat.teams).toBeUndefined();

    // Linked people are reachable: the first card opens their 1:1 chat.
    const out = await t.app.services.channels.teams!.sendCard(p8!, {
      name: 'message',
      data: { title: 'Hi', text: 'x' },
      locale: 'en',
    });
    expect(out.kind).toBe('sent');
    expect(fake.created()[0]?.memberIds).toEqual(['29:user-8']);
  });

  it('sends the page size and continuation tokens Teams expects', async () => {
    await t.app.services.channels.teams!.syncDirectory();
    const queries = fake
      .received()
      .filter((r) => r.op === 'pagedmembers')
      .map((r) => r.query);
    expect(queries.map((q) => q.pageSize)).toEqual(['500', '500', '500']);
    expect(queries[0]?.continuationToken).toBeUndefined();
    const tokens = queries.slice(1).map((q) => q.continuationToken);
    expect(tokens.every(Boolean)).toBe(true);
    expect(new Set(tokens).size).toBe(2);
  });

  it('writes nothing the second time when nothing changed', async () => {
    await t.app.services.channels.teams!.syncDirectory();
    const audit = (await t.store.readAudit(5000)).length;
    const again = await t.app.services.channels.teams!.syncDirectory();
    expect(again.linked).toBe(1150);
    expect((await t.store.readAudit(5000)).length).toBe(audit);
  });

  it('fails with the mapped reason when Teams throttles the paging, linking nobody', async () => {
    fake.injectFault({ kind: 'rate_limit', retryAfterSeconds: 4 }, { target: 'member' });
    await expect(t.app.services.channels.teams!.syncDirectory()).rejects.toThrow(
      /rate_limited \(retry after 4000 ms\)/,
    );
    expect((await t.store.getPerson('user8@example.org'))?.chat.teams).toBeUndefined();
  });
});

describe('Teams roster sync without a roster team', () => {
  it('says which variable to set', async () => {
    const fake = await startFakeBotConnector();
    const t = await startTeamsApp({ NODE_ENV: 'test', TEAMS_LOCAL_NO_AUTH: 'true', TEAMS_SERVICE_URL: fake.url });
    try {
      await expect(t.app.services.channels.teams!.syncDirectory()).rejects.toThrow(/TEAMS_ROSTER_TEAM_ID/);
      expect(fake.received()).toHaveLength(0);
    } finally {
      await t.stop();
      await fake.close();
    }
  });
});

describe('Teams roster sync: one e-mail, two accounts', () => {
  it('links neither and reports the person as ambiguous', async () => {
    const fake = await startFakeBotConnector({
      members: [
        { id: '29:kim-a', aadObjectId: 'aad-kim-a', email: 'kim@example.org', tenantId: 'tenant-1' },
        { id: '29:kim-b', aadObjectId: 'aad-kim-b', userPrincipalName: 'KIM@example.org', tenantId: 'tenant-1' },
        { id: '29:lou', aadObjectId: 'aad-lou', email: 'lou@example.org', tenantId: 'tenant-1' },
      ],
    });
    const t = await startTeamsApp({
      NODE_ENV: 'test',
      TEAMS_LOCAL_NO_AUTH: 'true',
      TEAMS_SERVICE_URL: fake.url,
      TEAMS_ROSTER_TEAM_ID: TEAM,
    });
    try {
      const now = Date.now();
      await t.store.writePeople(
        ['kim', 'lou'].map((n) => ({
          expectedVersion: -1,
          after: newPerson({ email: `${n}@example.org`, firstName: n, lastName: 'X' }, now),
          action: 'person.created',
        })),
        { id: 'test', source: 'import' },
        now,
      );
      const result = await t.app.services.channels.teams!.syncDirectory();
      expect(result).toMatchObject({
        linked: 1,
        unmatched: ['kim@example.org'],
        ambiguous: ['kim@example.org'],
        reasons: { 'kim@example.org': 'ambiguous' },
      });
      expect((await t.store.getPerson('kim@example.org'))?.chat.teams).toBeUndefined();
      expect((await t.store.getPerson('lou@example.org'))?.chat.teams?.userId).toBe('29:lou');
    } finally {
      await t.stop();
      await fake.close();
    }
  });
});
