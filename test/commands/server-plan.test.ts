// `servers plan <server> <YYYY-MM-DD|none>`: the planned switch-off on the server's record, on both stores.
import { describe, expect, it } from 'vitest';
import { SERVER_DOC } from '../../src/commands/server-overview.ts';
import { updateServerRecord, type ServerRecordDoc } from '../../src/server-watch/server-record.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { hasRedis, redisUrl, uniqueMigrationId } from '../helpers/redis.ts';
import { ADMIN, ASSIGNED, assertRenders, bench, T0, textOf, type Bench } from './harness.ts';

const SERVERS = JSON.stringify([
  { id: 'lic01', address: '27000@lic01.example.org' },
  { id: 'lic02', address: '27000@lic02.example.org' },
]);
const utc = (iso: string) => Date.parse(iso);
/** 11 December 2026, 17:00 in Brussels (end of the default working hours), T0 being 3 November. */
const DEC_11 = utc('2026-12-11T16:00:00Z');

const withServers = (store?: MigrationStore) =>
  bench({ env: { LICENSE_SERVERS: SERVERS }, ...(store ? { store } : {}) });
const record = (b: Bench, id = 'lic01') => b.store.getDoc<ServerRecordDoc>(SERVER_DOC, id);
const audit = async (b: Bench) => (await b.store.readAudit(50)).filter((e) => e.action !== 'test.seed');

/** Set, shown, kept by a poll, replaced, cleared: the same on the memory store and on Redis. */
async function planFlow(b: Bench) {
  // A record the poller already wrote: planning keeps what is there.
  await updateServerRecord(b.store, 'lic01', '27000@lic01.example.org', {
    lastPollAt: T0 - 60_000,
    status: 'up',
    inUse: 2,
  });

  const set = await b.say(ADMIN, 'servers plan lic01 2026-12-11');
  assertRenders(set);
  expect(textOf(set)).toContain(
    'lic01 is planned to be switched off on 11 December 2026 at 17:00 (CET) (days left: 38)',
  );
  expect(await record(b)).toEqual({
    id: 'lic01',
    address: '27000@lic01.example.org',
    lastPollAt: T0 - 60_000,
    status: 'up',
    inUse: 2,
    plannedOffAt: DEC_11,
  });
  expect((await audit(b))[0]).toMatchObject({
    action: 'server.planned_off',
    actor: ADMIN,
    source: 'slack',
    detail: 'lic01 2026-12-11',
  });

  // The next poll's patch never carries the plan, so it stays.
  await updateServerRecord(b.store, 'lic01', '27000@lic01.example.org', { lastPollAt: T0, inUse: 0 });
  expect((await record(b))?.plannedOffAt).toBe(DEC_11);

  const list = await b.say(ADMIN, 'servers');
  assertRenders(list);
  const [one, two] = list.cards.map((c) => JSON.stringify(c.data));
  expect(one).toContain('{"title":"Planned switch-off","value":"11 December 2026 at 17:00 (CET) (days left: 38)"}');
  expect(two).not.toContain('Planned switch-off');

  const moved = await b.say(ADMIN, 'servers plan lic01 2026-12-18');
  expect(textOf(moved)).toContain('(days left: 45)');
  expect(textOf(moved)).toContain('It was planned for 11 December 2026 at 17:00 (CET).');
  expect((await record(b))?.plannedOffAt).toBe(utc('2026-12-18T16:00:00Z'));

  const cleared = await b.say(ADMIN, 'servers plan lic01 none');
  assertRenders(cleared);
  expect(textOf(cleared)).toContain('The planned switch-off of lic01 is cleared');
  expect(await record(b)).toEqual({
    id: 'lic01',
    address: '27000@lic01.example.org',
    lastPollAt: T0,
    status: 'up',
    inUse: 0,
  });
  expect((await audit(b))[0]).toMatchObject({ action: 'server.plan_cleared', actor: ADMIN, detail: 'lic01' });
  expect(textOf(await b.say(ADMIN, 'servers'))).not.toContain('Planned switch-off');

  const again = await b.say(ADMIN, 'servers plan lic01 none');
  expect(textOf(again)).toContain('No switch-off was planned for lic01: nothing changed.');
  expect((await audit(b)).map((e) => e.action)).toEqual([
    'server.plan_cleared',
    'server.planned_off',
    'server.planned_off',
  ]);

  // A server never polled gets a record of its own.
  await b.say(ADMIN, 'servers plan lic02 2026-12-11');
  expect(await record(b, 'lic02')).toEqual({ id: 'lic02', address: '27000@lic02.example.org', plannedOffAt: DEC_11 });
}

describe('servers plan', () => {
  it('sets, shows, keeps, replaces and clears the planned switch-off (memory store)', async () => {
    await planFlow(withServers());
  });

  describe.runIf(hasRedis())('on Redis', () => {
    it('sets, shows, keeps, replaces and clears the planned switch-off (Redis store)', async () => {
      const store = createRedisStore({ redis: redisUrl(), migrationId: uniqueMigrationId('plan') });
      try {
        await planFlow(withServers(store));
      } finally {
        await store.close();
      }
    });
  });

  it('reads the date in the caller’s time zone, and takes the server id and words in any case', async () => {
    const b = withServers();
    await b.add({ email: 'ny@example.org', roles: ['admin'], timeZone: 'America/New_York' });
    await b.say('ny@example.org', 'SERVERS PLAN LIC01 2026-12-11');
    expect((await record(b))?.plannedOffAt).toBe(utc('2026-12-11T22:00:00Z')); // 17:00 in New York
    await b.say('ny@example.org', 'servers plan Lic01 NONE');
    expect((await record(b))?.plannedOffAt).toBeUndefined();
  });

  it('accepts today until the end of working hours, and says so', async () => {
    const b = withServers();
    const today = await b.say(ADMIN, 'servers plan lic01 2026-11-03');
    expect(textOf(today)).toContain('3 November 2026 at 17:00 (CET) (today)');
    b.clock.advance(utc('2026-11-03T16:30:00Z') - T0); // 17:30 in Brussels: the working day is over
    expect(textOf(await b.say(ADMIN, 'servers'))).toContain('3 November 2026 at 17:00 (CET) (passed)');
    const late = await b.say(ADMIN, 'servers plan lic01 2026-11-03');
    expect(textOf(late)).toContain(
      '2026-11-03 is over: a planned date means the end of working hours (17:00, Europe/Brussels) on that day.',
    );
  });

  it('refuses bad dates, past dates, far dates, unknown and switched-off servers: answered, audited, nothing written', async () => {
    const b = withServers();
    await b.say(ADMIN, 'servers plan lic01 2026-12-11');
    await b.say(ADMIN, 'decommission lic02 confirm');
    const before = [await record(b), await record(b, 'lic02')];
    const cases: [string, string, string][] = [
      [
        'servers plan lic01 2026-02-30',
        'lic01 invalid_date',
        'That is not a date. Use `servers plan lic01 YYYY-MM-DD`',
      ],
      ['servers plan lic01 11/12/2026', 'lic01 invalid_date', 'That is not a date.'],
      ['servers plan lic01 tomorrow', 'lic01 invalid_date', 'That is not a date.'],
      ['servers plan lic01 2026-11-02', 'lic01 past', '2026-11-02 is over'],
      [
        'servers plan lic01 2062-12-11',
        'lic01 too_far',
        '2062-12-11 is more than 3 years away: please check the year.',
      ],
      [
        'servers plan lic99 2026-12-11',
        'lic99 unknown_server',
        'There is no licence server \\"lic99\\". Configured: lic01, lic02.',
      ],
      [
        'servers plan lic02 2026-12-11',
        'lic02 decommissioned',
        'lic02 is already switched off (3 November 2026 at 11:00 (CET)): there is nothing to plan.',
      ],
      ['servers plan lic02 none', 'lic02 decommissioned', 'lic02 is already switched off'],
    ];
    for (const [text, detail, answer] of cases) {
      const r = await b.say(ADMIN, text);
      assertRenders(r);
      expect(textOf(r), text).toContain(answer);
      expect((r.cards[0]!.data as { style: string }).style, text).toBe('warning');
      expect((await audit(b))[0], text).toMatchObject({ action: 'refused:servers.plan', actor: ADMIN, detail });
    }
    expect([await record(b), await record(b, 'lic02')]).toEqual(before);
    expect((await record(b))?.plannedOffAt).toBe(DEC_11);
  });

  it('answers a malformed command with its usage and changes nothing', async () => {
    const b = withServers();
    for (const text of [
      'servers plan lic01',
      'servers plan',
      'servers plan lic01 2026-12-11 extra',
      'servers plan "lic 01" 2026-12-11',
      'servers lic01',
    ]) {
      const r = await b.say(ADMIN, text);
      expect(textOf(r), text).toContain('Usage: `servers [plan <server> <YYYY-MM-DD|none>]`');
    }
    expect(await audit(b)).toEqual([]);
    expect(await record(b)).toBeUndefined();
  });

  it('is refused to a non-admin, audited, and writes nothing', async () => {
    const b = withServers();
    await b.add({ email: 'user@example.org' }, ASSIGNED);
    const r = await b.say('user@example.org', 'servers plan lic01 2026-12-11');
    expect(r.refused).toBe(true);
    expect(textOf(r)).toContain('Only migration admins can use `servers`');
    expect(await audit(b)).toMatchObject([{ action: 'refused:servers', actor: 'user@example.org' }]);
    expect(await record(b)).toBeUndefined();
  });

  it('answers in the admin’s language', async () => {
    const b = withServers();
    const texts: Record<string, string[]> = {
      fr: [
        "L'arrêt de lic01 est prévu le 11 décembre 2026 à 17:00 (UTC+1) (jours restants : 38)",
        "Ce n'est pas une date",
        'Le 2026-11-02 est passé',
      ],
      nl: [
        'lic01 wordt volgens plan uitgeschakeld op 11 december 2026 om 17:00 (CET) (resterende dagen: 38)',
        'Dat is geen datum',
        '2026-11-02 is voorbij',
      ],
      de: [
        'Abschaltung von lic01 geplant für 11. Dezember 2026 um 17:00 (MEZ) (verbleibende Tage: 38)',
        'Das ist kein Datum',
        'Der 2026-11-02 ist vorbei',
      ],
    };
    for (const [locale, [set, bad, past]] of Object.entries(texts) as [string, [string, string, string]][]) {
      const email = `${locale}@example.org`;
      await b.add({ email, roles: ['admin'], locale: locale as 'fr' | 'nl' | 'de' });
      expect(textOf(await b.say(email, 'servers plan lic01 2026-12-11')), locale).toContain(set);
      expect(textOf(await b.say(email, 'servers plan lic01 2026-13-01')), locale).toContain(bad);
      expect(textOf(await b.say(email, 'servers plan lic01 2026-11-02')), locale).toContain(past);
    }
  });
});
