import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { newPerson } from '../../src/domain/person.ts';
import { countersOf } from '../../src/domain/progress.ts';
import type { Actor, Person } from '../../src/domain/types.ts';
import { importRoster } from '../../src/roster/import-roster.ts';
import { parseRoster, type ParsedRoster } from '../../src/roster/parse-roster.ts';
import { updatePerson } from '../../src/services/update-person.ts';
import { createMemoryStore } from '../../src/store/memory-store.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import type { MigrationStore } from '../../src/store/store.ts';
import { hasRedis, testRedis, uniqueMigrationId } from '../helpers/redis.ts';

const actor: Actor = { id: 'cli', source: 'import' };
const T0 = Date.UTC(2026, 10, 2, 9);
const T1 = T0 + 86_400_000;

const factories: [string, () => MigrationStore][] = [['memory', () => createMemoryStore(uniqueMigrationId('roster'))]];
const redis = hasRedis() ? testRedis() : undefined;
if (redis) factories.push(['redis', () => createRedisStore({ redis, migrationId: uniqueMigrationId('roster') })]);
afterAll(async () => {
  await redis?.quit();
});

function parsed(input: string | Buffer): ParsedRoster {
  const r = parseRoster(input);
  if (!r.ok) throw new Error(r.reason);
  return r.roster;
}
const fixture = (name: string) => parsed(readFileSync(new URL(`../fixtures/roster/${name}`, import.meta.url)));
async function everyone(store: MigrationStore): Promise<Person[]> {
  const out: Person[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.scanPeople(cursor, 100);
    out.push(...page.people);
    cursor = page.next;
  } while (cursor);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

describe.each(factories)('importRoster on the %s store', (_kind, make) => {
  it('creates everyone, grants the manager role to managers in the file and only references the others', async () => {
    const store = make();
    const r = await importRoster(store, fixture('en-hr-export.csv'), actor, T0);
    expect(r).toEqual({ accepted: 5, created: 5, updated: 0, unchanged: 0, rejected: [] });
    const people = await everyone(store);
    expect(people.map((p) => [p.id, p.roles, p.manager])).toEqual([
      ['alice.martin@example.org', ['user', 'admin', 'manager'], undefined],
      ['bob.oneil@example.org', ['user', 'manager'], 'alice.martin@example.org'],
      ['chloe.dupont@example.org', ['user'], 'alice.martin@example.org'],
      ['dirk.janssens@example.org', ['user'], 'bob.oneil@example.org'],
      ['eva.schmidt@example.org', ['user'], 'carol.white@example.org'],
    ]);
    expect(await store.getPerson('carol.white@example.org')).toBeUndefined();
    expect(await store.countIndex('manager:carol.white@example.org')).toBe(1);
    expect(await store.counters()).toEqual(countersOf(people));
    const audit = await store.readAudit(10);
    expect(audit.map((a) => [a.action, a.detail, a.actor, a.source])).toEqual(
      Array(5).fill(['import', 'created', 'cli', 'import']),
    );
  });

  it('changes nothing when the same file is imported again: same versions, no audit', async () => {
    const store = make();
    await importRoster(store, fixture('en-hr-export.csv'), actor, T0);
    const before = await everyone(store);
    const auditBefore = await store.readAudit(100);
    const again = await importRoster(store, fixture('en-hr-export.csv'), actor, T1);
    expect(again).toEqual({ accepted: 5, created: 0, updated: 0, unchanged: 5, rejected: [] });
    expect(await everyone(store)).toEqual(before);
    expect(await store.readAudit(100)).toEqual(auditBefore);
  });

  it('updates what changed through profile.updated, keeping progress and products already there', async () => {
    const store = make();
    await importRoster(store, fixture('en-hr-export.csv'), actor, T0);
    await updatePerson(store, 'dirk.janssens@example.org', [{ type: 'invite.sent' }], actor, T0);
    const changed = parsed(
      'First Name,Last Name,Email,Department,Products\n' +
        'Dirk,Janssens,DIRK.JANSSENS@example.org,Support Desk,Inventor\n' +
        'Eva,Schmidt,eva.schmidt@example.org,Finance,\n' +
        'Finn,Berg,finn.berg@example.org,Finance,Revit\n',
    );
    const r = await importRoster(store, changed, actor, T1);
    expect(r).toEqual({ accepted: 3, created: 1, updated: 1, unchanged: 1, rejected: [] });
    const dirk = await store.getPerson('dirk.janssens@example.org');
    expect(dirk).toMatchObject({
      department: 'Support Desk',
      products: ['Revit', 'Navisworks Manage', 'Inventor'],
      invite: { status: 'invited', at: T0 },
      manager: 'bob.oneil@example.org',
      updatedAt: T1,
    });
    expect((await store.readAudit(2)).map((a) => [a.person, a.detail])).toEqual([
      ['finn.berg@example.org', 'created'],
      ['dirk.janssens@example.org', 'updated:department,products'],
    ]);
  });

  it('validates and counts without writing on a dry run', async () => {
    const store = make();
    await importRoster(store, fixture('de-export.csv'), actor, T0);
    const before = await everyone(store);
    const counters = await store.counters();
    const dry = await importRoster(store, fixture('en-hr-export.csv'), actor, T1, { dryRun: true });
    expect(dry).toEqual({ accepted: 5, created: 5, updated: 0, unchanged: 0, rejected: [] });
    const dryUpdate = await importRoster(
      store,
      parsed('Vorname;Nachname;E-Mail;Abteilung\nJürgen;Müller;juergen.mueller@beispiel.de;Vertrieb\n'),
      actor,
      T1,
      {
        dryRun: true,
      },
    );
    expect(dryUpdate).toMatchObject({ created: 0, updated: 1 });
    expect(await everyone(store)).toEqual(before);
    expect(await store.counters()).toEqual(counters);
  });

  it('gives the manager role across imports: to a manager imported later and to one imported before', async () => {
    const store = make();
    await importRoster(store, parsed('First Name,Last Name,Email,Manager\nAnn,Lee,ann@x.org,boss@x.org\n'), actor, T0);
    const r = await importRoster(
      store,
      parsed('First Name,Last Name,Email\nBig,Boss,boss@x.org\nOld,Timer,old@x.org\n'),
      actor,
      T1,
    );
    expect(r).toMatchObject({ created: 2 });
    expect((await store.getPerson('boss@x.org'))?.roles).toEqual(['user', 'manager']);
    expect((await store.getPerson('old@x.org'))?.roles).toEqual(['user']);
    const third = await importRoster(
      store,
      parsed('First Name,Last Name,Email,Manager\nNew,Hire,new@x.org,old@x.org\n'),
      actor,
      T1,
    );
    expect(third).toEqual({ accepted: 1, created: 1, updated: 1, unchanged: 0, rejected: [] });
    expect((await store.getPerson('old@x.org'))?.roles).toEqual(['user', 'manager']);
  });

  it('merges an Autodesk export into people known from HR without overwriting their names', async () => {
    const store = make();
    await importRoster(
      store,
      parsed('First Name,Last Name,Email\nAnna,Kowalski,anna.kowalski@example.com\n'),
      actor,
      T0,
    );
    const r = await importRoster(store, fixture('autodesk-users-export.csv'), actor, T1);
    expect(r).toEqual({ accepted: 6, created: 2, updated: 1, unchanged: 0, rejected: [] });
    expect(await store.getPerson('anna.kowalski@example.com')).toMatchObject({
      firstName: 'Anna',
      lastName: 'Kowalski',
      products: ['AutoCAD', 'Revit', 'Navisworks Manage'],
    });
    expect(await store.getPerson('carl.berg@example.com')).toMatchObject({
      firstName: '',
      lastName: '',
      roles: ['user', 'admin'],
    });
  });

  it('writes in batches and keeps the rejected rows of the file in the result', async () => {
    const store = make();
    const lines = Array.from({ length: 25 }, (_, i) => `P${i},Q${i},p${i}@x.org,${i === 0 ? '' : 'p0@x.org'}`);
    lines.splice(10, 0, 'Bad,Row,not-an-email,');
    const r = await importRoster(
      store,
      parsed(`First Name,Last Name,Email,Manager\n${lines.join('\n')}\n`),
      actor,
      T0,
      { batchSize: 4 },
    );
    expect(r).toEqual({
      accepted: 25,
      created: 25,
      updated: 0,
      unchanged: 0,
      rejected: [{ line: 12, reason: '"not-an-email" is not a valid e-mail address' }],
    });
    expect((await store.counters()).total).toBe(25);
    expect(await store.countIndex('role:manager')).toBe(1);
  });

  it('re-reads and re-plans a batch when someone else wrote one of its people first', async () => {
    const store = make();
    await importRoster(store, fixture('nl-export.tsv'), actor, T0);
    let interfered = 0;
    const busy: MigrationStore = {
      ...store,
      async writePeople(writes, a, now) {
        if (interfered++ === 0)
          await updatePerson(
            store,
            'sanne.vandenberg@voorbeeld.nl',
            [{ type: 'locale.set', locale: 'fr' }],
            { id: 'sanne', source: 'teams' },
            now,
          );
        return store.writePeople(writes, a, now);
      },
    };
    const changed = parsed(
      'Voornaam\tAchternaam\tE-mailadres\tAfdeling\nJan\tde Vries\tjan.devries@voorbeeld.nl\tBIM\nSanne\tvan den Berg\tsanne.vandenberg@voorbeeld.nl\tBIM\n',
    );
    const r = await importRoster(busy, changed, actor, T1);
    expect(r).toMatchObject({ updated: 2 });
    expect(interfered).toBe(2);
    expect(await store.getPerson('sanne.vandenberg@voorbeeld.nl')).toMatchObject({ department: 'BIM', locale: 'fr' });
  });

  it('gives up with a CONFLICT error when a batch keeps changing, after writing the batches before it', async () => {
    const store = make();
    const rows = parsed('First Name,Last Name,Email\nAnn,Lee,ann@x.org\nBen,Ng,ben@x.org\n');
    const racing: MigrationStore = {
      ...store,
      async writePeople(writes, a, now) {
        if (writes[0]?.after.id === 'ben@x.org') {
          const version = (await store.getPerson('ben@x.org'))?.version ?? -1;
          const after = {
            ...newPerson({ email: 'ben@x.org', firstName: 'B', lastName: 'N' }, now),
            version: version + 1,
          };
          await store.writePeople([{ expectedVersion: version, after, action: 'test' }], a, now);
        }
        return store.writePeople(writes, a, now);
      },
    };
    await expect(importRoster(racing, rows, actor, T0, { batchSize: 1, maxAttempts: 3 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await store.getPerson('ann@x.org')).toMatchObject({ firstName: 'Ann' });
  });
});
